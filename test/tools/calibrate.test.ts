/**
 * `npm run calibrate`'s command line (src/tools/calibrate.ts `parseCalibrateArgs`): defaults,
 * help, and a clear message for every mistake instead of a long run that ignores it.
 */
import { describe, expect, it } from 'vitest';
import { ArgsError } from '../../src/cli/args.js';
import { parseCalibrateArgs } from '../../src/tools/calibrate.js';

const PRESETS = ['aeblehaven-like', 'average'];
const run = (argv: string[]) => {
  const p = parseCalibrateArgs(argv, PRESETS);
  if (p.kind !== 'run') throw new Error('expected arguments to run');
  return p.args;
};
const mistake = (argv: string[]) => {
  try {
    parseCalibrateArgs(argv, PRESETS);
  } catch (e) {
    expect(e).toBeInstanceOf(ArgsError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
};

describe('parseCalibrateArgs', () => {
  it('defaults: 20 replications, every preset, workers as the work pays for, text', () => {
    expect(run([])).toEqual({ replications: 20, only: undefined, workers: undefined, json: false, set: [] });
  });

  it('reads every option, long and short', () => {
    expect(run(['--replications', '5', '--only', 'average', '--workers', '2', '--json'])).toEqual({
      replications: 5,
      only: 'average',
      workers: 2,
      json: true,
      set: [],
    });
    expect(run(['-n', '3', '-w', '1'])).toEqual({ replications: 3, only: undefined, workers: 1, json: false, set: [] });
    expect(run(['--set', 'spiral.imageLag=12', '--set', 'career.earlyBoost=3'])).toMatchObject({
      set: [
        { path: 'spiral.imageLag', value: 12 },
        { path: 'career.earlyBoost', value: 3 },
      ],
    });
  });

  it('prints help instead of running', () => {
    const p = parseCalibrateArgs(['--help'], PRESETS);
    expect(p.kind).toBe('print');
    expect(p.kind === 'print' && p.text).toContain('--replications');
  });

  it('names the option, the value and what is allowed', () => {
    expect(mistake(['--only', 'bogus'])).toBe('option --only is "bogus"; give one of aeblehaven-like, average');
    expect(mistake(['-n', '0'])).toBe('option -n is 0, but must be a whole number from 1 to 100000');
    expect(mistake(['--replications', '0'])).toBe('option --replications is 0, but must be a whole number from 1 to 100000');
    expect(mistake(['--workers', '1.5'])).toBe('option --workers is 1.5, but must be a whole number from 1 to 1024');
    expect(mistake(['--workers', 'all'])).toBe('option --workers is "all", but must be a whole number from 1 to 1024');
    expect(mistake(['--bogus'])).toBe('Unknown option or argument: --bogus');
    expect(mistake(['stray'])).toBe('Unknown option or argument: stray');
  });
});
