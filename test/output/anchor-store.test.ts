/**
 * The anchor store on disk (src/output/anchor-store.ts): an anchor solved once is read back
 * exactly, by key and code fingerprint; a damaged or foreign file is ignored; the folder comes
 * from the environment and `NABOLAG_CACHE=off` turns the store off.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Anchor, anchorKey, anchorScenario } from '../../src/model/anchor.js';
import {
  STORE_FORMAT,
  anchorStoreDir,
  bundledAnchorStore,
  codeFingerprint,
  commandLineAnchorStore,
  fileAnchorStore,
  keyHash,
} from '../../src/output/anchor-store.js';
import { scenario } from '../helpers/scenario.js';

const shares = { resourceStrongShare: 0.4, otherFamilies: 0.2, resourceStrongFamilies: 0.1, retired: 0.25 };
const anchor: Anchor = {
  estate: 'own',
  attractiveness: 0.123456789012345,
  attachment: 1,
  applicantFamilyShare: 0.3,
  applicantStrongFamilyShare: 0.6,
  applicantSeniorShare: 0.1,
  residentStrongFamilyShare: 0.6,
  residentCouplesBothActive: 0.4,
  residentCouplesFirstActive: 0.5,
  residentStart: {
    strongCouplesBothActive: 0.4,
    strongCouplesFirstActive: 0.5,
    strongStudentShareUnder27: 0.45,
    strongStudentShare27to59: 0.1,
    childrenPerFamily: 1.8,
    grownChildrenPerFamily: 0.1,
    grownChildrenPerOther: 0.3,
    earlyRetiredShare: 0.1,
    liftedShare: 0.2,
    basicEducationStartStrong: 0.3,
    basicEducationStartWeak: 0.6,
    headAgesSingle: [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    headAgesCouple: undefined,
    headAgesFamily: [0, 0, 0.25, 0.75, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  },
  start: shares,
  driftBefore: shares,
  driftAfter: shares,
  trials: 3,
  converged: true,
  ms: 12.5,
};

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'nabolag-anchors-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('fileAnchorStore', () => {
  it('reads back what it kept, exactly, marked as stored, in a new process (a new store on the folder)', () => {
    const dir = tmp();
    fileAnchorStore(dir, () => 'code-a').set('key-1', anchor);
    const again = fileAnchorStore(dir, () => 'code-a');
    expect(again.get('key-1')).toEqual({ ...anchor, stored: true });
    expect(again.get('key-2')).toBeUndefined();
    expect(readdirSync(join(dir, 'anchors'))).toHaveLength(1);
  });

  it('does not read an anchor kept by other code (another version or an edited model)', () => {
    const dir = tmp();
    fileAnchorStore(dir, () => 'code-a').set('key-1', anchor);
    expect(fileAnchorStore(dir, () => 'code-b').get('key-1')).toBeUndefined();
  });

  it('ignores a damaged file or one of another key, and solves again', () => {
    const dir = tmp();
    fileAnchorStore(dir, () => 'code-a').set('key-1', anchor);
    const [file] = readdirSync(join(dir, 'anchors'));
    const path = join(dir, 'anchors', file!);
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.slice(0, 40));
    expect(fileAnchorStore(dir, () => 'code-a').get('key-1')).toBeUndefined();
    writeFileSync(path, good.replace('"key-1"', '"key-9"'));
    expect(fileAnchorStore(dir, () => 'code-a').get('key-1')).toBeUndefined();
    writeFileSync(path, good.replace('"attachment":1', '"attachment":"one"'));
    expect(fileAnchorStore(dir, () => 'code-a').get('key-1')).toBeUndefined();
  });

  it('ignores a file of an older format (1: three unknowns; 2: no couples; 3: no students; 4: no children per family; 5: no start education), not an error', () => {
    const dir = tmp();
    fileAnchorStore(dir, () => 'code-a').set('key-1', anchor);
    const [file] = readdirSync(join(dir, 'anchors'));
    const path = join(dir, 'anchors', file!);
    const good = readFileSync(path, 'utf8');
    expect(STORE_FORMAT).toBe(6);
    for (const older of [1, 2, 3, 4, 5]) {
      writeFileSync(path, good.replace(`"format":${STORE_FORMAT}`, `"format":${older}`));
      expect(fileAnchorStore(dir, () => 'code-a').get('key-1')).toBeUndefined();
    }
    // an anchor of format 1 as it was written (no senior share, no retired adults) under the current format is not one either
    const { applicantSeniorShare: _s, residentStrongFamilyShare: _r, ...old } = anchor;
    writeFileSync(path, JSON.stringify({ format: STORE_FORMAT, key: 'key-1', anchor: { ...old, start: { ...shares, retired: undefined } } }));
    expect(fileAnchorStore(dir, () => 'code-a').get('key-1')).toBeUndefined();
    // nor one of format 2 (no couples' start)
    const { residentCouplesBothActive: _b, residentCouplesFirstActive: _f, ...two } = anchor;
    writeFileSync(path, JSON.stringify({ format: STORE_FORMAT, key: 'key-1', anchor: two }));
    expect(fileAnchorStore(dir, () => 'code-a').get('key-1')).toBeUndefined();
    // nor one of format 3 (no start's fixed points beyond the couples), nor one whose start lacks a field
    const { residentStart: _rs, ...three } = anchor;
    const { liftedShare: _l, ...partial } = anchor.residentStart;
    writeFileSync(path, JSON.stringify({ format: STORE_FORMAT, key: 'key-1', anchor: { ...anchor, residentStart: partial } }));
    expect(fileAnchorStore(dir, () => 'code-a').get('key-1')).toBeUndefined();
    writeFileSync(path, JSON.stringify({ format: STORE_FORMAT, key: 'key-1', anchor: three }));
    expect(fileAnchorStore(dir, () => 'code-a').get('key-1')).toBeUndefined();
    // nor one of format 4 (no children per family)
    const { childrenPerFamily: _c, ...four } = anchor.residentStart;
    writeFileSync(path, JSON.stringify({ format: STORE_FORMAT, key: 'key-1', anchor: { ...anchor, residentStart: four } }));
    expect(fileAnchorStore(dir, () => 'code-a').get('key-1')).toBeUndefined();
    writeFileSync(path, good);
    expect(fileAnchorStore(dir, () => 'code-a').get('key-1')).toEqual({ ...anchor, stored: true });
  });

  it('never fails a run when its folder cannot be written', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'anchors'), 'a file where the folder should be');
    const store = fileAnchorStore(dir, () => 'code-a');
    expect(() => store.set('key-1', anchor)).not.toThrow();
    // this process still has it
    expect(store.get('key-1')).toEqual(anchor);
  });

  it('gives a run the same scenario as solving it (a pure function of the key)', () => {
    const dir = tmp();
    const sc = scenario({ name: 'own', years: 2, replications: 1, estates: [{ name: 'own', flats: 60, population: { resourceStrongShare: 0.4 } }] });
    const first = fileAnchorStore(dir);
    const solved = anchorScenario(sc, () => 0, first);
    const read = anchorScenario(sc, () => 0, fileAnchorStore(dir));
    expect(read.anchors[0]!.stored).toBe(true);
    expect(read.scenario).toEqual(solved.scenario);
    expect(fileAnchorStore(dir).get(anchorKey(sc, sc.estates[0]!))).toBeDefined();
  });
});

describe('bundledAnchorStore (scenarios/anchors.json)', () => {
  const bundle = (code: string, format = STORE_FORMAT) => {
    const file = join(tmp(), 'anchors.json');
    writeFileSync(file, JSON.stringify({ format, code, anchors: [{ key: keyHash('key-1'), scenarios: ['scenarios/x.yaml'], anchor }] }));
    return file;
  };
  const back = () => {
    const kept = new Map<string, Anchor>();
    return { kept, store: { get: (k: string) => kept.get(k), set: (k: string, a: Anchor) => void kept.set(k, a) } };
  };

  it('reads an anchor of the same code by the hash of its key, marked stored and bundled; other keys go to the store behind', () => {
    const b = back();
    b.kept.set('key-2', { ...anchor, estate: 'behind' });
    const store = bundledAnchorStore(b.store, bundle('code-a'), () => 'code-a');
    expect(store.get('key-1')).toEqual({ ...anchor, stored: true, bundled: true });
    expect(store.get('key-2')!.estate).toBe('behind');
    expect(store.get('key-3')).toBeUndefined();
    // what is solved is kept behind, never in the bundle
    store.set('key-3', anchor);
    expect(b.kept.get('key-3')).toEqual(anchor);
  });

  it('does not read a bundle of other code or another format, nor a missing or damaged file', () => {
    for (const file of [bundle('code-b'), bundle('code-a', 1), join(tmp(), 'missing.json')]) {
      expect(bundledAnchorStore(back().store, file, () => 'code-a').get('key-1')).toBeUndefined();
    }
    const damaged = bundle('code-a');
    writeFileSync(damaged, readFileSync(damaged, 'utf8').slice(0, 50));
    expect(bundledAnchorStore(back().store, damaged, () => 'code-a').get('key-1')).toBeUndefined();
    const wrongAnchor = bundle('code-a');
    writeFileSync(wrongAnchor, readFileSync(wrongAnchor, 'utf8').replace('"attachment":1', '"attachment":"one"'));
    expect(bundledAnchorStore(back().store, wrongAnchor, () => 'code-a').get('key-1')).toBeUndefined();
  });

  it('the command line has none when NABOLAG_CACHE=off (every anchor solved)', () => {
    expect(commandLineAnchorStore({ NABOLAG_CACHE: 'off' })).toBeUndefined();
    expect(commandLineAnchorStore({ NABOLAG_CACHE_DIR: tmp() })).toBeDefined();
  });
});

describe('anchorStoreDir and the fingerprint', () => {
  it('takes the folder from NABOLAG_CACHE_DIR, XDG_CACHE_HOME or the home folder; NABOLAG_CACHE=off turns it off', () => {
    expect(anchorStoreDir({ NABOLAG_CACHE_DIR: '/x/y', XDG_CACHE_HOME: '/c' }, '/home/u')).toBe('/x/y');
    expect(anchorStoreDir({ XDG_CACHE_HOME: '/c' }, '/home/u')).toBe(join('/c', 'nabolag'));
    expect(anchorStoreDir({}, '/home/u')).toBe(join('/home/u', '.cache', 'nabolag'));
    expect(anchorStoreDir({ NABOLAG_CACHE: 'OFF', NABOLAG_CACHE_DIR: '/x/y' }, '/home/u')).toBeUndefined();
  });

  it('the code fingerprint is a SHA-256, the same each time it is asked', () => {
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(codeFingerprint()).toBe(codeFingerprint());
  });
});
