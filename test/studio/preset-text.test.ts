/**
 * The studio's shipped scenarios are described in Danish too (src/studio/text.ts
 * `PRESET_DESCRIPTIONS_DA`): every one the estate mode offers, with the same figures as its
 * English `description`; a file opened in the page keeps its own.
 */
import { describe, expect, it } from 'vitest';
import { STUDIO_PRESETS } from '../../src/cli/studio.js';
import { loadScenario } from '../../src/scenario/load.js';
import { PRESET_DESCRIPTIONS_DA, presetDescription } from '../../src/studio/text.js';

const figures = (s: string) => [...s.matchAll(/\d+/g)].map((m) => m[0]);

describe("the shipped scenarios' Danish descriptions", () => {
  it('cover every scenario the estate mode offers, with the figures of the English one', () => {
    expect(Object.keys(PRESET_DESCRIPTIONS_DA).sort()).toEqual([...STUDIO_PRESETS].sort());
    for (const file of STUDIO_PRESETS) {
      const en = loadScenario(file).description;
      const da = presetDescription('da', file, en);
      expect(da, file).not.toBe(en);
      expect(figures(da), file).toEqual(figures(en));
      expect(presetDescription('en', file, en)).toBe(en);
    }
  });

  it('a file opened in the page keeps its own description, in either language', () => {
    expect(presetDescription('da', 'mit-omraade.yaml', 'Vores afdeling')).toBe('Vores afdeling');
    expect(presetDescription('da', 'mit-omraade.yaml', undefined)).toBe('');
  });
});
