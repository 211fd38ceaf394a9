/**
 * Where a YAML syntax error is reported (src/scenario/yaml-errors.ts): at the mistake, where yaml
 * notices it only later in the file, and each mistake once.
 */
import { describe, expect, it } from 'vitest';
import { yamlErrorPlaces } from '../../src/scenario/yaml-errors.js';
import { LineCounter, parseDocument } from '../../src/yaml.js';

/** The places reported for a text, as "line:col note". */
function places(text: string): string[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, version: '1.2' });
  return yamlErrorPlaces(text, doc.errors, lc).map(({ place }) => `${place.line}:${place.col}${place.note}`);
}

describe('the place of a YAML syntax error', () => {
  it('a quoted text never closed: where its quote opens, not the end of the file', () => {
    expect(places('name: a\ndescription: "never closed\nyears: 10\nseed: 5\n')).toEqual(['2:14 (the quoted text that begins here is never closed)']);
    // quotes closed on their line, escaped or doubled, and quotes in comments do not count
    expect(places("a: \"x \\\" y\" # \"\nb: 'it''s' \nc: 'open\nd: 1\n")).toEqual(['3:4 (the quoted text that begins here is never closed)']);
  });

  it('a list or mapping never closed: where it opens', () => {
    expect(places('name: a\nyears: [10\nseed: 5\n')).toEqual(['2:8 (the [ that begins here is never closed with ])']);
    expect(places('estates:\n  - name: A\n    population: {resourceStrongShare: 0.35\n')).toEqual(['3:17 (the { that begins here is never closed with })']);
    // brackets closed on their line, or inside quotes, do not count
    expect(places('a: [1, "[", {b: 2}]\nc: [3\n')).toEqual(['2:4 (the [ that begins here is never closed with ])']);
  });

  it('a line indented differently from the lines around it: that line, once', () => {
    expect(places('years: 10\n  seed: 5\nname: x\n')).toEqual([
      '2:3 (this line is indented differently from the lines around it: YAML reads it as going on with line 1)',
    ]);
  });

  it("yaml's own place where it is the mistake's: a field without its colon, a mapping on one line, a duplicate", () => {
    expect(places('name: y1\nyears: 10\nseed 5\nreplications: 3\n')).toEqual(['3:1']);
    expect(places('name: a: b\nyears: 3\n')).toEqual(['1:7']);
    expect(places('years: 10\nyears: 11\n')).toEqual(['2:1']);
  });
});
