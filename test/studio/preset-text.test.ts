/**
 * The studio's shipped scenarios are described in Danish too (src/studio/text.ts
 * `PRESET_DESCRIPTIONS_DA`): every one the estate mode offers, with the same figures as its
 * English `description`; a file opened in the page keeps its own.
 */
import { describe, expect, it } from 'vitest';
import { STUDIO_PRESETS, studioPresets } from '../../src/cli/studio.js';
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

describe("the estate mode's list of shipped scenarios", () => {
  it('lists each estate once (default.yaml is average.yaml under another name: one entry)', () => {
    const presets = studioPresets();
    const runs = presets.map((p) => JSON.stringify({ ...p.scenario, name: '', description: '' }));
    expect(new Set(runs).size).toBe(runs.length);
    expect(presets.map((p) => p.file)).toContain('scenarios/default.yaml');
    expect(presets.map((p) => p.file)).not.toContain('scenarios/presets/average.yaml');
  });
});
