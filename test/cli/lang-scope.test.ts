/**
 * What `--lang` changes, said where a user looks: the report and the charts' words, not the
 * console or the data files (an outside researcher ran `--lang da` and saw English output).
 * The help of every command with `--lang` says so, in English and Danish, and docs/usage.md too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args-yargs.js';
import { PROGRAM } from '../../src/cli/program.js';

const help = (command: string, lang: 'en' | 'da') => (parseCommandLine(PROGRAM, [command, '--help'], lang) as { text: string }).text.replace(/\s+/g, ' ');

describe('what --lang changes', () => {
  it.each(['run', 'compare', 'sweep', 'merge'])('the help of %s says the console and the data files stay English', (command) => {
    expect(help(command, 'en')).toMatch(/report\.html and the charts' words .* the console, the data files and their columns stay English/);
    expect(help(command, 'da')).toMatch(/report\.html og diagrammernes tekst .* konsollen, datafilerne og deres kolonner forbliver på engelsk/);
  });

  it('docs/usage.md says what it changes and what it leaves in English', () => {
    const usage = readFileSync('docs/usage.md', 'utf8').replace(/\s+/g, ' ');
    expect(usage).toContain('**What `--lang` changes.**');
    expect(usage).toMatch(/the console \(progress, the closing lines, the answer of `compare`, warnings .*\) stays English/);
    expect(usage).toMatch(/The help \(`--help`\) is in Danish when `NABOLAG_LANG`/);
  });
});
