/**
 * `npm run anchors`: solve the anchors of nabolag's own scenarios (every scenario file under
 * scenarios/; Schelling scenarios have none) with the code as built in dist/, and keep them in
 * scenarios/anchors.json, so that the first run of a built-in scenario reads its anchor instead of
 * solving it (output/anchor-store.ts `bundledAnchorStore`). The scenarios that share an estate under
 * the same parameters (a lever's scenario and its baseline) share one anchor.
 *
 * `--check` solves nothing: it says whether the file is current (made by this code, with an anchor
 * for every estate of the scenarios and no other), exit 1 if not. A stale file is never wrong, only
 * slow: runs then solve their anchors as for any estate.
 *
 *   npm run anchors            # clean build, then write scenarios/anchors.json
 *   node dist/src/tools/anchors.js --check
 */
import { readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Anchor, type AnchorGroup, anchorGroupSteps, anchorGroups, groupKeys } from '../model/anchor.js';
import { drain } from '../model/simulate.js';
import { BUNDLED_ANCHORS_FILE, type BundledAnchors, STORE_FORMAT, codeFingerprint, keyHash } from '../output/anchor-store.js';
import { loadScenario } from '../scenario/load.js';
import type { EstateSpec, Scenario } from '../scenario/schema.js';
import { PACKAGE_ROOT } from '../version.js';

const SCENARIOS_DIR = join(PACKAGE_ROOT, 'scenarios');
const ANCHORS_FILE = BUNDLED_ANCHORS_FILE;

/** Every scenario file under scenarios/ (YAML), as paths relative to the package, sorted. */
export function scenarioFiles(dir = SCENARIOS_DIR): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...scenarioFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

interface Wanted {
  key: string;
  scenarios: string[];
  sc: Scenario;
  spec: EstateSpec;
  /** The search that solves it (with the scenario's other anchored estates where it has several), and its place there. */
  group: AnchorGroup;
  target: number;
}

/** The anchors the scenario files need, by key hash, in the order first met. */
export function wantedAnchors(files: readonly string[]): Map<string, Wanted> {
  const wanted = new Map<string, Wanted>();
  for (const file of files) {
    const sc = loadScenario(file);
    if (sc.schelling) continue;
    const name = relative(PACKAGE_ROOT, file).split('\\').join('/');
    for (const group of anchorGroups(sc))
      groupKeys(group).forEach((key, target) => {
        const h = keyHash(key);
        const w = wanted.get(h);
        if (w) {
          if (!w.scenarios.includes(name)) w.scenarios.push(name);
        } else wanted.set(h, { key, scenarios: [name], sc, spec: group.targets[target]!.spec, group, target });
      });
  }
  return wanted;
}

/** What is wrong with a bundled anchors file against the code and the scenarios (empty: current). */
export function staleness(data: Partial<BundledAnchors> | undefined, wanted: ReadonlyMap<string, Wanted>, code: string): string[] {
  if (!data) return ['there is no readable scenarios/anchors.json'];
  const out: string[] = [];
  if (data.format !== STORE_FORMAT) out.push(`its format is ${String(data.format)}, not ${STORE_FORMAT}`);
  if (data.code !== code) out.push('it was solved by other code (the model or scenario code changed since)');
  const have = new Set((data.anchors ?? []).map((e) => e.key));
  for (const [h, w] of wanted) if (!have.has(h)) out.push(`no anchor for estate "${w.spec.name}" of ${w.scenarios.join(', ')}`);
  for (const e of data.anchors ?? [])
    if (!wanted.has(e.key)) out.push(`an anchor no scenario needs (estate "${e.anchor?.estate}", once of ${(e.scenarios ?? []).join(', ')})`);
  return out;
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`anchors: unknown argument ${unknown[0]} (allowed: --check)\n`);
    return 2;
  }
  const wanted = wantedAnchors(scenarioFiles());
  const code = codeFingerprint();
  if (check) {
    let data: Partial<BundledAnchors> | undefined;
    try {
      data = JSON.parse(readFileSync(ANCHORS_FILE, 'utf8')) as Partial<BundledAnchors>;
    } catch {
      data = undefined;
    }
    const wrong = staleness(data, wanted, code);
    if (wrong.length === 0) {
      process.stdout.write(`scenarios/anchors.json is current: ${wanted.size} anchors\n`);
      return 0;
    }
    process.stderr.write(`scenarios/anchors.json is out of date (run "npm run anchors"):\n${wrong.map((w) => `  - ${w}`).join('\n')}\n`);
    return 1;
  }
  const anchors: BundledAnchors['anchors'] = [];
  // a group of several estates is solved once, for all of them
  const solved = new Map<AnchorGroup, Anchor[]>();
  for (const [h, w] of wanted) {
    let group = solved.get(w.group);
    if (!group) {
      group = drain(anchorGroupSteps(w.group, () => performance.now()));
      solved.set(w.group, group);
    }
    const a = group[w.target]!;
    const with_ = a.together?.length ? `, with ${a.together.join(', ')}` : '';
    process.stdout.write(
      `${w.scenarios[0]} (${w.spec.name}${with_}): ${a.trials} trials, ${(a.ms / 1000).toFixed(1)} s${a.converged ? '' : ', not converged'}\n`,
    );
    anchors.push({ key: h, scenarios: w.scenarios, anchor: a });
  }
  const data: BundledAnchors = { format: STORE_FORMAT, code, anchors };
  const tmp = `${ANCHORS_FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 1)}\n`);
  renameSync(tmp, ANCHORS_FILE);
  process.stdout.write(`wrote scenarios/anchors.json: ${anchors.length} anchors\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
