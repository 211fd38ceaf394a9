/**
 * What the findings say of how sure they are. A variant that changes nothing (a municipal
 * allocation lever at the baseline's own share) has the same difference, 0, in every
 * replication: no count of replications that "would detect a one-point effect" (with no spread
 * any count would, which says nothing); a lever that acts keeps it. A list status that differs
 * between replications comes with how well their number pins a share of them down.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIST_CRITERIA } from '../../src/report/charts/list.js';
import { criterionValue, findingGroups, findings } from '../../src/report/findings.js';
import { reportResults } from '../helpers/ensemble.js';

describe('the findings of a variant with no spread', () => {
  it('give no replications-to-detect count; an acting lever does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-zero-spread-'));
    const same = join(dir, 'same-share.yaml');
    writeFileSync(
      same,
      `extends: ${JSON.stringify(join(process.cwd(), 'scenarios/default.yaml'))}\nname: same-share\npolicies:\n  - lever: municipalAllocation\n    from: 2027\n    share: 0.25\n`,
    );
    const results = await reportResults(['scenarios/default.yaml', same, 'scenarios/levers/extension.yaml'], { replications: 3, years: 4 });
    const text = (name: string) =>
      findingGroups(results)
        .find((g) => g.heading?.includes(name))
        ?.items.join(' ') ?? '';
    expect(text('same-share')).toContain('same-share');
    expect(text('same-share')).not.toMatch(/would detect a one-point effect/);
    expect(text('extension')).toMatch(/about \d+ paired replications would detect a one-point effect/);
  }, 180_000);
});

describe('the findings of a list status that differs between replications', () => {
  it('say how well the replications pin a share of them down, in English and Danish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-mixed-status-'));
    const file = join(dir, 'mixed.yaml');
    // an estate near the list's thresholds: after 6 years some replications are a prevention area, some hard
    writeFileSync(
      file,
      'name: mixed\nestates:\n  - name: mixed\n    flats: 900\n    population:\n      resourceStrongShare: 0.35\n      nonWesternShare: 0.55\n',
    );
    const results = await reportResults([file], { replications: 4, years: 6 });
    const en = findings(results).find((s) => s.startsWith('By 2032 the estate is')) ?? '';
    expect(en).toMatch(/ in \d of 4 replications \(the replications differ: with 4 of them a share of replications is known to about ±49 points, 95%/);
    // each status of the list is "on no list" or "listed as …", its gloss in brackets, the last after
    // "and": a gloss after a comma ran into the list ("on no list in 3, prevention area, forebyggelsesområde in 1")
    const list = en.replace(/^By 2032 the estate is /, '').replace(/ of 4 replications \(.*$/, '');
    expect(list).toMatch(/^(?:(?:on no list|listed as [^,]+) in \d, )*(?:on no list|listed as [^,]+) in \d and (?:on no list|listed as [^,]+) in \d$/);
    // under the 2021 rules (the default) the statuses go by the law's names, not the 2018 codes
    expect(en).toMatch(/transformation area \(before 2021 hard ghetto\)/);
    expect(en).not.toMatch(/\b(hard|ghetto|prevention) \(/);
    const da = findings(results, 'da').join(' ');
    expect(da).toMatch(/gentagelserne er uenige: med 4 af dem kendes en andel af gentagelserne kun til omkring ±49 point, 95\s?%/);
    expect(da).toMatch(/ i \d og (ikke på nogen liste|på listen som [^,]+) i \d af 4 gentagelser/);
  }, 180_000);
});

describe('a list criterion whose value rounds to its threshold', () => {
  it('is written with more decimals, so that "not met" does not stand beside its own threshold', () => {
    const income = LIST_CRITERIA.find((c) => c.name === 'incomeRatio')!;
    const basic = LIST_CRITERIA.find((c) => c.name === 'basicEducationShare30to59')!;
    // an outside planner's comparison: "0.55 (criterion: below 0.55) — not met"
    expect(criterionValue(income, 0.5523)).toBe('0.552');
    expect(criterionValue(income, 0.5499)).toBe('0.5499');
    expect(criterionValue(income, 0.62)).toBe('0.62');
    expect(criterionValue(basic, 0.6031)).toBe('60.3%');
    expect(criterionValue(basic, 0.63)).toBe('63%');
  });
});
