/**
 * Refusing, before it starts, a run that would not fit in this machine's memory: the estimate of
 * one replication (src/engine/budget.ts `estimateRun`) times the replications that are in
 * memory at once (one per worker thread), plus what the process holds besides, against the
 * memory the process may use (the machine's, or its control group's limit when lower).
 */
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { estimateRun } from '../engine/budget.js';
import { UserError } from '../scenario/messages.js';
import type { Scenario } from '../scenario/schema.js';

/** Memory the process holds besides the replications: Node, the model's code, the report's libraries (assumption, measured ~150 MB for `npm start`). */
export const PROCESS_BASE_BYTES = 256 * 1024 * 1024;
/** Share of the available memory a run may plan to use (the rest is left to the system and to error in the estimate). */
export const MEMORY_HEADROOM = 0.8;

/**
 * Most CSV text one replication may produce, bytes (estimated): its rows are formatted into one
 * buffer where it ran, and a typed array holds at most 4 GiB; the estimate of the move log is a
 * typical rate, not a bound, so the limit leaves room for four times as many moves.
 */
export const MAX_TABLE_BYTES_PER_REPLICATION = 2 ** 30;

/** Memory this process may use: the machine's, or its control group's limit (cgroup v2 or v1) when lower. */
export function availableMemory(): number {
  let limit = totalmem();
  for (const f of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const v = Number(readFileSync(f, 'utf8').trim());
      if (Number.isFinite(v) && v > 0) limit = Math.min(limit, v);
    } catch {
      // no such limit here
    }
  }
  return limit;
}

const mb = (b: number) => `${Math.round(b / 1e6).toLocaleString('en')} MB`;

/**
 * Throw a UserError naming the estimate and what to reduce when running `scenarios` (one after
 * another) with `workers` replications at a time would need more than `available` bytes.
 */
export function checkMemory(scenarios: readonly Scenario[], workers: number, available = availableMemory()): void {
  for (const sc of scenarios) {
    const e = estimateRun(sc);
    if (e.tableBytesPerReplication > MAX_TABLE_BYTES_PER_REPLICATION)
      throw new UserError(
        `one replication of scenario "${sc.name}" would write about ${mb(e.tableBytesPerReplication)} of metrics.csv and moves.csv rows, more than the ${mb(MAX_TABLE_BYTES_PER_REPLICATION)} a replication may; switch the move log off (output: { moves: false }) or reduce the flats or the years`,
      );
    const per = e.bytesPerReplication + e.tableBytesPerReplication;
    const atOnce = Math.max(1, Math.min(workers, sc.replications));
    const need = PROCESS_BASE_BYTES + per * atOnce;
    if (need <= available * MEMORY_HEADROOM) continue;
    const fewer =
      atOnce > 1 && PROCESS_BASE_BYTES + per <= available * MEMORY_HEADROOM
        ? ` or run fewer replications at once (--workers ${Math.max(1, Math.floor((available * MEMORY_HEADROOM - PROCESS_BASE_BYTES) / per))})`
        : '';
    throw new UserError(
      `scenario "${sc.name}" needs about ${mb(need)} of memory (${mb(per)} per replication, its CSV rows included, x ${atOnce} at once, plus ${mb(PROCESS_BASE_BYTES)}), more than the ${Math.round(MEMORY_HEADROOM * 100)}% of this machine's ${mb(available)} a run may use; reduce the flats (estates[].flats, copies, built flats) or the years${fewer}`,
    );
  }
}
