/** Outcome expressions of `nabolag sensitivity` (src/analysis/outcomes.ts): references, ensemble means, mistakes. */
import { describe, expect, it } from 'vitest';
import { compileOutcomes, outcomeValues } from '../../src/analysis/outcomes.js';
import { UserError } from '../../src/scenario/messages.js';
import { METRIC_INDEX } from '../../src/model/reporters.js';
import { yearly } from '../../src/model/digest.js';
import { runEnsemble } from '../../src/engine/ensemble.js';
import { scenario } from '../helpers/scenario.js';

const smallEnsemble = () => runEnsemble(scenario({ years: 3, replications: 3, estates: [{ flats: 120 }], output: { moves: false } }), { workers: 1 });

const ctx = { rowNames: ['A', 'B', 'region'], startYear: 2026, years: 15 };

describe('outcome expressions', () => {
  it('turns metric@year references into variables, each reference once', async () => {
    const [o] = await compileOutcomes(['gain=resourceStrongShare@2040 - resourceStrongShare@2026 + 0*resourceStrongShare@2040'], ctx);
    expect(o!.name).toBe('gain');
    expect(o!.refs.map((r) => [r.metric, r.year, r.row])).toEqual([
      ['resourceStrongShare', 2040, null],
      ['resourceStrongShare', 2026, null],
    ]);
    expect(o!.evaluate([0.3, 0.2])).toBeCloseTo(0.1, 12);
  });

  it('accepts an estate row and mathjs functions and constants', async () => {
    const [o] = await compileOutcomes(['r=abs(moveOuts[B]@2030 - moveIns[region]@2030) * pi'], ctx);
    expect(o!.refs.map((r) => r.row)).toEqual(['B', 'region']);
    expect(o!.evaluate([3, 5])).toBeCloseTo(2 * Math.PI, 12);
  });

  it.each([
    ['gain', 'give <name>=<expression>'],
    ['gain=resourceStrongShares@2040', 'unknown metric "resourceStrongShares" (did you mean resourceStrongShare'],
    ['gain=resourceStrongShare@2041', 'the year must be a simulated year, from 2026 to 2040'],
    ['gain=resourceStrongShare@2025', 'from 2026 to 2040'],
    ['gain=resourceStrongShare@x', 'the year must be a simulated year'],
    ['gain=resourceStrongShare[C]@2030', 'the scenario has no estate "C"'],
    ['gain=resourceStrongShare@2040 - ', 'the expression cannot be read'],
    ['gain=resourceStrongShare@2040 * (2', 'the expression cannot be read'],
    ['gain=resourceStrongShare + 1', 'resourceStrongShare needs a year'],
    ['gain=foo + resourceStrongShare@2030', 'unknown name "foo"'],
    ['gain=nosuch(resourceStrongShare@2030)', 'the function "nosuch" is not allowed here'],
    ['g=resourceStrongShare@2030+sum(ones(1000000000))', 'the function "ones" is not allowed here'],
    ['g=resourceStrongShare@2030+sum(1:1000000000)', 'a range (a:b) is not allowed'],
    ['g=max([resourceStrongShare@2030, 1])', 'a list ([…]) is not allowed'],
    ['gain=1+2', 'refers to no metric'],
    ['x=resourceStrongShare@2030/0', 'divides by 0'],
    ['x=(resourceStrongShare@2030 + 1) / 0.0', 'divides by 0'],
    ['2x=resourceStrongShare@2030', 'must be letters, digits and _'],
    ['x=moveOuts@2030 households@2030', 'two terms stand side by side'],
    ['x=moveOuts@2030 (1 - 0.5)', 'two terms stand side by side'],
    ['x=2 moveOuts@2030', 'two terms stand side by side'],
    ['sample=moveOuts@2030', 'the first column of samples.csv'],
  ])('%s is a clear mistake', async (text, message) => {
    const p = compileOutcomes([text], ctx);
    await expect(p).rejects.toThrow(UserError);
    await expect(p).rejects.toThrow(message);
  });

  it('gives a reading mistake without the position in the rewritten text, and a message on one line', async () => {
    const p = compileOutcomes(['gain=resourceStrongShare@2040 - '], ctx);
    await expect(p).rejects.toThrow(/cannot be read: Unexpected end of expression$/);
  });

  it('refuses a name given twice', async () => {
    await expect(compileOutcomes(['a=moveIns@2030', 'a=moveOuts@2030'], ctx)).rejects.toThrow('given twice');
  });

  it('is the ensemble mean of the yearly values, in the last row by default', async () => {
    const e = await smallEnsemble();
    const d = e.replications;
    const last = d[0]!.rowNames.length - 1;
    const year = e.scenario.startYear + 1;
    const [o] = await compileOutcomes([`x=resourceStrongShare@${year} * 100`], {
      rowNames: d[0]!.rowNames,
      startYear: e.scenario.startYear,
      years: e.scenario.years,
    });
    const k = METRIC_INDEX.resourceStrongShare!;
    const mean = d.reduce((s, r) => s + yearly(r, last, k, 2), 0) / d.length;
    expect(outcomeValues([o!], e.scenario.startYear, d)[0]).toBeCloseTo(mean * 100, 12);
  });
});
