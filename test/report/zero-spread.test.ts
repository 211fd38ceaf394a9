/**
 * A variant that changes nothing (a municipal allocation lever at the baseline's own share) has
 * the same difference, 0, in every replication: the findings then give no count of replications
 * that "would detect a one-point effect" (with no spread any count would, which says nothing); a
 * lever that acts keeps it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingGroups } from '../../src/report/findings.js';
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
