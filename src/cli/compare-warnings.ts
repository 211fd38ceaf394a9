/**
 * The warnings of `compare` about what it will not show: a `--set` that makes scenarios which
 * differed alike, a variant whose own years, replications or seed give way to the baseline's,
 * and a variant that runs the same model as the baseline (its effects zero by construction).
 * Printed as `warning: …` lines before the run (cli/validate.ts `formatWarnings`); the exit code
 * stays 0. Reads the scenario files again (without `--set`) to name their own values.
 */
import { differences, modelDifferences } from '../scenario/diff.js';
import { checkScenario } from '../scenario/load.js';
import { type Issue, show } from '../scenario/messages.js';
import type { Scenario } from '../scenario/schema.js';
import { type Assignment, readPath } from '../scenario/set.js';

/**
 * All of `compare`'s warnings. `files[0]` is the baseline's; `appliedTo[i][k]` whether `set[k]`
 * applied to file i (null: it has nothing there); `loaded` the scenarios as resolved, before
 * alignment; `variants` after it.
 */
export function compareWarnings(
  files: string[],
  set: readonly Assignment[],
  appliedTo: (string | null)[][],
  loaded: readonly { scenario: Scenario; file: string }[],
  variants: Scenario[],
): Issue[] {
  const baseline = loaded[0]!.scenario;
  return [
    ...loaded.slice(1).flatMap(({ scenario, file }) => pairedFieldWarnings(scenario, baseline, file)),
    ...erasedBySet(files, set, appliedTo),
    // the same model as the baseline (every field but the presentation ones): effects zero by construction
    ...variants.flatMap((v, k) => (modelDifferences(v, baseline, { limit: 1 }).length === 0 ? [sameWarning(files[k + 1]!, set.length > 0)] : [])),
  ];
}

/** The fields a comparison takes from the baseline for every variant (pipeline.ts alignForComparison). */
const PAIRED_FIELDS = ['years', 'replications', 'seed'] as const;

/**
 * `compare --set` writes its value into every scenario that has the field, so scenarios that
 * differed there (the baseline and a variant, or two variants) no longer do: one warning per
 * such option, naming each file's value before it (as validated: the file's, or the default).
 */
function erasedBySet(files: string[], set: readonly Assignment[], appliedTo: (string | null)[][]): Issue[] {
  if (!set.length) return [];
  const plain = files.map((f) => checkScenario(f).scenario);
  const issues: Issue[] = [];
  set.forEach((a, k) => {
    // the fields every variant takes from the baseline anyway: a comparison never shows a difference there
    if ((PAIRED_FIELDS as readonly string[]).includes(a.path)) return;
    const before = files.flatMap((f, i) => {
      const sc = plain[i];
      const v = appliedTo[i]?.[k] != null && sc ? readPath(sc, a.steps) : undefined;
      return v === undefined ? [] : [{ file: f, value: v }];
    });
    if (new Set(before.map((b) => JSON.stringify(b.value))).size < 2) return;
    // a section set whole: name the first field in it where they differed, with each file's value
    const first = before.flatMap((b) => differences(b.value, before[0]!.value, '', 1))[0];
    const sub = first?.path ? first.path.split('.') : [];
    const leaf = (v: unknown) =>
      readPath(
        v,
        sub.map((field) => ({ field })),
      );
    const where = sub.length ? `${a.path}.${first!.path}` : a.path;
    issues.push({
      file: `--set ${JSON.stringify(a.text)}`,
      path: a.path,
      message: `the scenarios differed in ${where} (${before.map((b) => `${b.file} ${show(leaf(b.value))}`).join(', ')}), and the option gives all of them ${a.path} ${show(a.value)}, so the comparison no longer shows that difference; to compare it, leave ${a.path} out of --set`,
    });
  });
  return issues;
}

/** A variant whose own years, replications or seed the comparison replaces with the baseline's: one warning naming them. */
function pairedFieldWarnings(variant: Scenario, baseline: Scenario, file: string): Issue[] {
  const differ = PAIRED_FIELDS.filter((f) => variant[f] !== baseline[f]);
  if (!differ.length) return [];
  return [
    {
      file,
      path: differ[0]!,
      message: `a comparison runs every variant on the baseline's ${differ.join(', ')} (${differ.map((f) => `${f} ${baseline[f]}`).join(', ')}), so its own (${differ.map((f) => `${f} ${variant[f]}`).join(', ')}) ${differ.length === 1 ? 'is' : 'are'} not used: the pairs share their seeds and horizon`,
    },
  ];
}

/** A variant that runs the same model as the baseline: its effects are all zero. */
function sameWarning(file: string, afterSet: boolean): Issue {
  return {
    file,
    path: '',
    message: `this scenario runs the same model as the baseline${afterSet ? ' once the --set options are applied' : ''} (only its name, description or output options differ), so every effect it shows is zero`,
  };
}
