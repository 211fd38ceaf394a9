/**
 * The folder test/fixtures/bad/ holds one bad scenario file per kind of mistake. Each must give
 * issues (never a scenario), the first naming the file as the user wrote it, the field path and
 * the value. The e2e test (test/e2e/bad-files.test.ts) runs the same files through the CLI.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/validate.js';
import { checkScenario, isUtf16, utf8Text } from '../../src/scenario/load.js';
import { formatIssues } from '../../src/scenario/messages.js';
import { BAD, BAD_FILES, PARENT_FILES } from '../fixtures/bad/cases.js';

describe('bad scenario files', () => {
  it('every file in the folder has a case, and every case a file', () => {
    const listed = new Set(BAD_FILES.map((c) => c.file));
    const onDisk = readdirSync(BAD).filter((f) => /\.(ya?ml|json)$/.test(f));
    for (const f of onDisk) if (!PARENT_FILES.includes(f)) expect(listed, `${f} has no test case`).toContain(f);
    for (const f of listed) expect(onDisk).toContain(f);
  });

  for (const c of BAD_FILES) {
    it(`${c.file}: names the field and the value`, () => {
      const given = `${BAD}/${c.file}`;
      const { scenario, issues } = checkScenario(given);
      expect(scenario).toBeUndefined();
      expect(issues.length).toBeGreaterThan(0);
      const first = issues[0]!;
      expect(first.file).toBe(`${BAD}/${c.named ?? c.file}`);
      expect(first.path).toBe(c.path);
      const text = formatIssues(issues);
      for (const m of c.mentions) expect(text).toContain(m);
      // Paths as the user gave them: never the absolute path of this machine.
      expect(text).not.toContain(process.cwd());
    });
  }

  it('text that is not UTF-8: the first byte that is not, by line, after multi-byte letters too', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
    expect(utf8Text(enc('name: Ærø\n'))).toEqual({ text: 'name: Ærø\n' });
    expect(utf8Text(Uint8Array.of(0xe6))).toEqual({ why: expect.stringContaining('line 1: byte 0xE6 is not UTF-8') });
    const r = utf8Text(join(enc('a: æøå\nb: Ål\nc: '), Uint8Array.of(0xc5, 0x6c)));
    expect(r).toEqual({ why: expect.stringContaining('line 3: byte 0xC5 is not UTF-8') });
  });

  it('UTF-16 text, with its byte-order mark either way round or without one, is named; UTF-8 with a stray zero byte is not', () => {
    const utf16 = (s: string, bom: number[], big: boolean) =>
      Uint8Array.from([
        ...bom,
        ...[...s].flatMap((c) => {
          const [hi, lo] = [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff];
          return big ? [hi, lo] : [lo, hi];
        }),
      ]);
    const why = { why: expect.stringContaining('it is UTF-16 text, not UTF-8') };
    expect(isUtf16(utf16('name: x\n', [0xff, 0xfe], false))).toBe(true);
    expect(utf8Text(utf16('name: x\n', [0xff, 0xfe], false))).toEqual(why);
    expect(utf8Text(utf16('name: x\n', [0xfe, 0xff], true))).toEqual(why);
    expect(utf8Text(utf16('name: x\nyears: 5\n', [], false))).toEqual(why);
    expect(utf8Text(utf16('name: x\nyears: 5\n', [], true))).toEqual(why);
    // a dash and quotation marks (no zero byte in UTF-16) among the ASCII and Danish letters
    expect(utf8Text(utf16('# Æblehaven — “vores” afdeling\nname: x\n', [], false))).toEqual(why);
    const stray = new TextEncoder().encode('name: x\n\0years: 5\n');
    expect(isUtf16(stray)).toBe(false);
    expect(isUtf16(Uint8Array.of(0, 0))).toBe(false);
  });

  it('a path that does not exist', () => {
    const { scenario, issues } = checkScenario(`${BAD}/no-such-file.yaml`);
    expect(scenario).toBeUndefined();
    expect(formatIssues(issues)).toBe(`${BAD}/no-such-file.yaml: cannot read the scenario file: it does not exist`);
  });

  it('validateCommand prints ok per good file and every problem of each bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-validate-'));
    try {
      const good = join(dir, 'good.yaml');
      writeFileSync(good, 'years: 3\n');
      const out: string[] = [];
      const err: string[] = [];
      const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
      expect(validateCommand([good], io)).toBe(0);
      expect(out).toEqual([`${good}: ok\n`]);
      expect(validateCommand([good, `${BAD}/wrong-type.yaml`, `${BAD}/bad-policy.yaml`], io)).toBe(2);
      expect(out).toHaveLength(2);
      expect(err.join('')).toContain('"years"');
      expect(err.join('')).toContain('"policies[0].lever"');
      expect(err.every((e) => e.endsWith('\n'))).toBe(true);
      expect(validateCommand([], io)).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
