/**
 * Where two scenarios (or any two plain values) differ, field by field: the paths as `--set`
 * and validation messages write them (`career.otherAnnual`, `estates[0].flats`), in sorted
 * order, each with both values. Lists are compared whole (a list that differs is one
 * difference). Pure; no I/O.
 */
import type { Scenario } from './schema.js';

export interface Difference {
  /** The field's path, e.g. `career.otherAnnual`; empty for the values themselves. */
  path: string;
  a: unknown;
  b: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The differences of `a` from `b`, at most `limit` of them, under the path `at`. */
export function differences(a: unknown, b: unknown, at = '', limit = Number.POSITIVE_INFINITY): Difference[] {
  const out: Difference[] = [];
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (isRecord(x) && isRecord(y)) {
      for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) walk(x[k], y[k], path ? `${path}.${k}` : k);
      return;
    }
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ path, a: x, b: y });
  };
  walk(a, b, at);
  return out;
}

/** Fields that name or present a scenario and leave what the model does unchanged. */
const PRESENTATION_FIELDS = new Set(['name', 'description', 'output']);

/**
 * Where a variant's model differs from the baseline's: every field but the presentation ones
 * (and `policies` too with `withLevers` false), at most `limit` differences.
 */
export function modelDifferences(variant: Scenario, baseline: Scenario, opts: { withLevers?: boolean; limit?: number } = {}): Difference[] {
  const skip = (k: string) => PRESENTATION_FIELDS.has(k) || (opts.withLevers === false && k === 'policies');
  const model = (s: Scenario) => Object.fromEntries(Object.entries(s).filter(([k]) => !skip(k)));
  return differences(model(variant), model(baseline), '', opts.limit);
}
