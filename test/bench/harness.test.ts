/**
 * The bench's harness (bench/harness.ts): a case marked `optIn` (the sweeps, which take minutes)
 * runs only when `--only` names it; a run without `--only` times the others.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Case, parseArgs, result, runBench } from '../../bench/harness.js';

function fakeCase(name: string, ran: string[], optIn?: boolean): Case {
  return {
    name,
    optIn,
    run: () => {
      ran.push(name);
      return result(name, [1], 1, 'things');
    },
  };
}

describe('bench harness', () => {
  afterEach(() => vi.restoreAllMocks());

  it('leaves opt-in cases out of a run without --only, and runs them when --only names them', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const ran: string[] = [];
    const cases = [fakeCase('quick', ran), fakeCase('slow', ran, true)];
    await runBench(cases, ['--json']);
    expect(ran).toEqual(['quick']);
    ran.length = 0;
    await runBench(cases, ['--json', '--only', 'slow']);
    expect(ran).toEqual(['slow']);
    const lines = out.mock.calls.map((c) => JSON.parse(String(c[0])).name);
    expect(lines).toEqual(['quick', 'slow']);
  });

  it('--only accepts an opt-in case by name', () => {
    expect(parseArgs(['--only', 'slow,quick'], [fakeCase('quick', []), fakeCase('slow', [], true)]).only).toEqual(['slow', 'quick']);
  });
});
