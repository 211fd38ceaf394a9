/**
 * The README's commands work as written: every command in its `sh` code blocks is run from the
 * repository root, through the shell (globs and quotes as a user's shell reads them), and must
 * exit 0. Only where results go is changed, so the test leaves the checkout as it was:
 * `--out <a temporary folder>` is added to the commands that write an output folder, the file a
 * `nabolag new` writes goes into the temporary folder (and so do the commands that read it), and
 * `npm start` gets its `--out` after `--` (the last one given wins).
 *
 * Not run: `npm install` (it installs from the registry and rewrites node_modules, which the tests
 * run from) and `npm test` (this suite itself: it would run itself again).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The commands of the README's `sh` code blocks: continuation lines joined, comments and blank lines dropped. */
function readmeCommands(text: string): string[] {
  const commands: string[] = [];
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const joined = block[1]!.replace(/\\\n\s*/g, ' ');
    for (const raw of joined.split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      if (line !== '' && !line.startsWith('#')) commands.push(line);
    }
  }
  return commands;
}

/** Commands that write an output folder (and take --out). */
const WRITES_FOLDER = /^npx nabolag (run|compare|sweep|sensitivity|calibrate|studio)\b/;
/** Not run, and why (see the comment at the top). */
const NOT_RUN = new Set(['npm install', 'npm test']);

const readme = readFileSync('README.md', 'utf8');
const commands = readmeCommands(readme);
const tmp = mkdtempSync(join(tmpdir(), 'nabolag-readme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the README', () => {
  it('starts with the two commands, and its code blocks hold the quick start of every audience', () => {
    expect(readme).toMatch(/^# nabolag\n\n```sh\nnpm install && npm start\nnpm test\n```\n/);
    for (const c of [
      'npx nabolag new',
      'npx nabolag run',
      'npx nabolag compare',
      'npx nabolag sweep',
      'npx nabolag sensitivity',
      'npx nabolag calibrate',
      'npx nabolag studio',
    ])
      expect(
        commands.some((x) => x.startsWith(c)),
        c,
      ).toBe(true);
    expect(readme).toMatch(/!\[[^\]]+\]\(docs\/img\/[\w-]+\.png\)/);
  });

  /** File names `nabolag new` wrote, and where they went instead. */
  const moved = new Map<string, string>();
  let k = 0;
  const steps = commands.flatMap((c) => c.split(' && ')).filter((c) => !NOT_RUN.has(c));
  it.each(steps)('%s', { timeout: 600_000 }, (given) => {
    k++;
    let command = given
      .split(' ')
      .map((word) => moved.get(word) ?? word)
      .join(' ');
    const created = /^npx nabolag new (\S+)/.exec(given)?.[1];
    if (created) {
      moved.set(created, join(tmp, created));
      command = command.replace(` ${created}`, ` ${join(tmp, created)}`);
    }
    if (WRITES_FOLDER.test(command)) command += ` --out ${join(tmp, `out-${k}`)}`;
    if (command === 'npm start') command += ` -- --out ${join(tmp, 'showcase')}`;
    const r = spawnSync('sh', ['-c', command], { encoding: 'utf8', timeout: 600_000 });
    expect(r.status, `${command}\n${r.stderr}`).toBe(0);
    if (created) expect(existsSync(join(tmp, created))).toBe(true);
    if (command.startsWith('npm start')) expect(r.stdout).toContain(`report: file://${join(tmp, 'showcase', 'report.html')}`);
  });
});
