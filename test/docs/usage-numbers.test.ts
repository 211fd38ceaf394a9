/**
 * docs/usage.md, "Numbers": what it says of numbers written the Danish way is what the loader
 * does. Each example it gives, put in a scenario file, is refused, warned of or read as it says,
 * and the message it quotes is the loader's, word for word.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/scenario/load.js';

const usage = readFileSync('docs/usage.md', 'utf8');
const paragraph = /\*\*Numbers\*\* are written[\s\S]*?\n\n/.exec(usage)?.[0] ?? '';
const tmp = mkdtempSync(join(tmpdir(), 'nabolag-usage-numbers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The loader's result for a scenario file of `text`. */
function check(name: string, text: string) {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return { file, ...checkScenario(file) };
}
const estate = (fields: string) => `estates:\n  - name: e\n${fields}`;

describe('docs/usage.md on how numbers are written', () => {
  it('has the paragraph, in the section on scenario files', () => {
    expect(paragraph).not.toBe('');
    expect(usage.indexOf(paragraph)).toBeGreaterThan(usage.indexOf('## Scenario files'));
    expect(usage.indexOf(paragraph)).toBeLessThan(usage.indexOf('## Starting a scenario'));
  });

  it('the message it quotes is the one a decimal comma gets', () => {
    const quoted = /`(field "estates\[0\]\.population\.resourceStrongShare" is "0,4"[^`]*)`/.exec(paragraph)?.[1];
    expect(quoted).toBeDefined();
    const r = check('comma.yaml', estate('    population:\n      resourceStrongShare: 0,4\n'));
    expect(r.issues.map((i) => i.message)).toEqual([quoted]);
  });

  it('each way of writing it names is refused, with what to write', () => {
    for (const [name, text, write] of [
      ['thousands.yaml', 'region:\n  housePrice: 2.400.000\n', 'write 2400000'],
      ['spaces.yaml', 'region:\n  housePrice: 2 400 000\n', 'write 2400000'],
      ['percent.yaml', estate('    population:\n      resourceStrongShare: 40%\n'), 'write 0.4'],
      ['forty.yaml', estate('    population:\n      resourceStrongShare: 40\n'), 'write 0.4'],
      ['quoted.yaml', 'policies:\n  - lever: extension\n    from: "2028"\n', 'write 2028'],
      ['danish-lever.yaml', 'policies:\n  - lever: forlængelse\n    from: 2028\n', 'did you mean "extension"'],
      ['count.yaml', estate('    flats: 10.000\n'), 'write 10000 if the point separates thousands, or 10'],
      ['tab.yaml', 'estates:\n\t- name: e\n', 'indent with spaces'],
    ] as const) {
      const r = check(name, text);
      expect(r.scenario, name).toBeUndefined();
      expect(r.issues.map((i) => i.message).join('\n'), name).toContain(write);
    }
  });

  it('a number whose thousands reading is allowed too is warned of, and a BOM and CRLF are read as if absent', () => {
    const rent = check('rent.yaml', estate('    rentBase: 1.600\n'));
    expect(rent.scenario?.estates[0]?.rentBase).toBe(1.6);
    expect(rent.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('is written 1.600, which YAML reads as 1.6'));
    const windows = check('windows.yaml', '\ufeffyears: 3\r\nestates:\r\n  - name: e\r\n    flats: 600\r\n');
    expect(windows.issues).toEqual([]);
    expect(windows.scenario?.years).toBe(3);
    expect(windows.scenario?.estates[0]?.flats).toBe(600);
  });
});
