/**
 * The report's "What was run" table (src/report/sections.ts): each scenario's levers in one cell,
 * the lever's and its fields' names as the scenario file writes them, the words around them and
 * the values in the report's language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/output/pipeline.js';
import type { ReportCell } from '../../src/report/html.js';
import { reportInput } from '../../src/report/report.js';
import { reportResults } from '../helpers/ensemble.js';

let compared: Results;

beforeAll(async () => {
  compared = await reportResults(['scenarios/default.yaml', 'scenarios/levers/flexible-letting.yaml'], { replications: 1, years: 2 });
}, 120_000);

/** The levers cell of the variant's row in the "What was run" table. */
const leversCell = (lang: 'en' | 'da'): string => {
  const what = reportInput(compared, [], '/tmp', { lang }).sections.find((s) => s.id === 'what-was-run')!;
  const rows = what.table!.rows.filter((r): r is ReportCell[] => Array.isArray(r));
  const row = rows.find((r) => r[0] === 'flexible-letting')!;
  return String(row[3]);
};

describe('the levers in "What was run"', () => {
  it('in English as the scenario file writes them', () => {
    expect(leversCell('en')).toBe('flexibleLetting from 2027: share 0.5, combinedLetting true');
  });

  it('in Danish with Danish words, a decimal comma and ja/nej', () => {
    expect(leversCell('da')).toBe('flexibleLetting fra 2027: share 0,5, combinedLetting ja');
  });
});
