/**
 * Opening a scenario file in the studio (studio/open.ts) gives the command line's messages: for
 * good and bad files, the page's check of the text equals `checkScenario` on the file (what
 * `nabolag validate` prints), and a good file gives the same scenario.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkScenario, loadScenario } from '../../src/scenario/load.js';
import { formatIssues } from '../../src/scenario/messages.js';
import { openScenarioText } from '../../src/studio/open.js';

const tmp = mkdtempSync(join(tmpdir(), 'nabolag-studio-open-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
};

const BAD: [string, string][] = [
  ['typo.yaml', 'name: typo\nyeers: 10\n'],
  ['value.yaml', 'years: 500\nreplications: 0\n'],
  ['lever.yaml', 'policies:\n  - { lever: extension, from: 1800, factor: 2 }\n  - { lever: nosuchlever, from: 2027 }\n'],
  ['rooms.yaml', 'estates:\n  - { name: a, rooms: { r1: 0.5, r2: 0.1, r3: 0.1, r4: 0.1, r5: 0.1 } }\n'],
  ['syntax.yaml', 'name: [unclosed\nyears: 3\n'],
  ['empty.yaml', '# nothing but a comment\n'],
  ['list.yaml', '- 1\n- 2\n'],
  ['keys.yaml', 'estates:\n  - { __proto__: 1 }\n'],
  ['bad.json', '{"years": 3,}'],
  ['notes.txt', 'years: 3\n'],
  ['rule.yaml', 'startYear: 2030\npolicies:\n  - { lever: extension, from: 2031, until: 2029 }\n'],
  ['huge.json', '{"years": 1e400, "policies": [{"lever": "extension", "from": 2027, "factor": -1e400}]}'],
  ['twice.json', '{"years": 3,\n "years": 4}'],
  ['estate-name.yaml', 'estates:\n  - { name: Nord }\n  - { name: Syd }\npolicies:\n  - { lever: extension, from: 2027, estate: Vest }\n'],
];

describe('opening a scenario file in the studio', () => {
  it.each(BAD)("%s: the page's message is the command line's", (name, text) => {
    const file = write(name, text);
    const cli = checkScenario(file);
    expect(cli.issues.length).toBeGreaterThan(0);
    const page = openScenarioText(file, text);
    expect('message' in page && page.message).toBe(formatIssues(cli.issues));
  });

  it('a good file gives the scenario the command line loads, its name from the file when it has none', () => {
    const resolved = loadScenario('scenarios/default.yaml');
    const { name: _name, ...rest } = resolved;
    const text = stringify({ ...rest, policies: [{ lever: 'extension', from: 2028, factor: 0.6 }] });
    const file = write('my estate.yaml', text);
    const page = openScenarioText(file, text);
    expect('scenario' in page && page.scenario).toEqual(loadScenario(file));
    expect('scenario' in page && page.scenario.name).toBe('my-estate');
  });

  it("a policy's estate given by its name opens as the command line loads it (the estate's number)", () => {
    const text =
      'years: 5\nestates:\n  - { name: Nord, flats: 300 }\n  - { name: Syd, flats: 300 }\npolicies:\n  - { lever: extension, from: 2027, estate: syd }\n';
    const file = write('named.yaml', text);
    const page = openScenarioText(file, text);
    if ('message' in page) throw new Error(page.message);
    expect(page.scenario.policies[0]!.estate).toBe(1);
    expect(page.scenario).toEqual(loadScenario(file));
  });

  it('a file that extends another is refused with a message naming the file and the field; so is one too large', () => {
    const page = openScenarioText('mine.yaml', 'extends: presets/average.yaml\nyears: 5\n');
    expect('message' in page && page.message).toMatch(/^mine\.yaml: .*extends.*presets\/average\.yaml/);
    // and says how to write it as one file the page opens
    expect('message' in page && page.message).toContain(
      'write the scenario whole (extends merged) with "nabolag validate --show mine.yaml > mine-whole.yaml" and open mine-whole.yaml',
    );
    const big = openScenarioText('big.yaml', 'years: 5\n', 17 * 1024 * 1024);
    expect('message' in big && big.message).toMatch(/^big\.yaml: .*more than a scenario file may hold/);
  });

  it('the way the message gives works: a shipped region, written whole by validate --show, opens in the page', () => {
    if (!existsSync('dist/src/cli/main.js')) throw new Error('the compiled CLI is missing: run `npm run build` before this test');
    const file = 'scenarios/regions/demolition.yaml';
    const r = spawnSync(process.execPath, ['bin/nabolag.js', 'validate', '--show', file], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const opened = openScenarioText('demolition-whole.yaml', r.stdout);
    if ('message' in opened) throw new Error(opened.message);
    expect(opened.scenario).toEqual(loadScenario(file));
  });
});
