/**
 * `nabolag compare` end to end through the compiled CLI (`node bin/nabolag.js`; run `npm run
 * build` first): the console gives the answer the report's first screen gives, each variant's
 * effect on the resource-strong share with its 95% confidence interval and verdict, best first.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = 'bin/nabolag.js';
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nabolag-compare-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const nabolag = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });

/** The headlines of report.html's first screen, as text. */
const reportHeadlines = (html: string): string[] =>
  [...html.matchAll(/<li data-testid="headline"[^>]*>([^<]*)<\/li>/g)].map((m) =>
    m[1]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'"),
  );

describe('nabolag compare', () => {
  it("prints each variant's headline, best first, as the report's first screen gives it", () => {
    const out = join(tmp, 'two');
    const r = nabolag(
      'compare',
      'scenarios/default.yaml',
      'scenarios/levers/image-work.yaml',
      'scenarios/levers/allocation-cap.yaml',
      '-n',
      '4',
      '-y',
      '3',
      '--out',
      out,
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const shown = lines
      .filter((l) => /^ {2}\S.*: [+−]\d+\.\d points resource-strong by 2029, 95% CI [+−]\d+\.\d to [+−]\d+\.\d — /.test(l))
      .map((l) => l.trim());
    expect(shown).toHaveLength(2);
    // right after the first line, before the warnings and the files
    expect(lines[1]!.trim()).toBe(shown[0]);
    // 4 pairs: the intervals are wide, and the closing lines say so after the headlines
    expect(lines[3]).toBe(
      'note: 4 paired replications give wide intervals, so "no clear effect" says little here; run 10 or more (-n 10) to tell an effect from chance (the report\'s Findings say how many would detect a one-point effect)',
    );
    expect(shown).toEqual(reportHeadlines(readFileSync(join(out, 'report.html'), 'utf8')));
    // best first, by the mean effect effects.csv gives
    const effects = readFileSync(join(out, 'effects.csv'), 'utf8').trim().split('\n');
    const head = effects[0]!.split(',');
    const col = (k: string) => head.indexOf(k);
    const main = effects
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[col('metric')] === 'resourceStrongShare' && c[col('year')] === '2028');
    const order = main.sort((a, b) => Number(b[col('difference')]) - Number(a[col('difference')])).map((c) => c[col('variant')]);
    expect(shown.map((l) => l.slice(0, l.indexOf(':')))).toEqual(order);
  });
});
