/**
 * `nabolag calibrate`: fit chosen fields of a scenario to observed targets (output/calibration.ts
 * runs and writes the fit), or, with `--presets`, the preset checks of `npm run calibrate`
 * (tools/calibrate.ts: every preset's patterns P1-P7 against their targets). Every mistake is a
 * one-line message and exit 2 before anything runs.
 */
import { join } from 'node:path';
import { parseTarget, toleranceVerdict } from '../analysis/calibration.js';
import { compileExpressions } from '../analysis/outcomes.js';
import { type CalibrationTarget, calibrateToDirectory, fmtNumber } from '../output/calibration.js';
import { defaultOutputName } from '../output/safety.js';
import { loadScenario } from '../scenario/load.js';
import { UserError } from '../scenario/messages.js';
import { parseAssignments, readPath } from '../scenario/set.js';
import { calibrate, patternLine, presetNames } from '../tools/calibrate.js';
import { VERSION } from '../version.js';
import { ArgsError, MAX_WORKERS, scenarioFieldOption, wholeNumberOption } from './args.js';
import { checkMemory } from './memory.js';
import { closing, counted, defaultFolder, out } from './shared.js';
import { formatWarnings } from './validate.js';
import { type StudyArgs, assign, rowNamesOf, scenarioWith, studyBase, studyParams } from './study.js';

/** Default most points the optimiser evaluates (each an ensemble run): enough for one to three parameters (assumption). */
export const DEFAULT_MAX_EVALS = 100;
/** Most evaluations a command line may ask for (a bound on typing mistakes). */
export const MAX_EVALS = 100_000;
/** Least time between two progress lines on stderr, ms: a line per improvement would flood a fast fit. */
const PROGRESS_EVERY_MS = 2000;
/** Replications per preset of `--presets` when -n is not given (as `npm run calibrate`). */
const PRESET_REPLICATIONS = 20;

export interface CalibrateArgs extends Omit<StudyArgs, 'scenario'> {
  scenario?: string;
  fit?: string[];
  target?: string[];
  'max-evals'?: unknown;
  presets?: boolean;
  only?: string;
  json?: boolean;
}

export async function calibrateCommand(argv: CalibrateArgs): Promise<void> {
  if (argv.presets) return presetsCommand(argv);
  for (const o of ['only', 'json'] as const)
    if (argv[o] !== undefined) throw new ArgsError(`option --${o} is for --presets (the preset checks); a fit of your scenario has no --${o}`);
  if (argv.scenario === undefined)
    throw new ArgsError('give a scenario file to fit, e.g. nabolag calibrate my-estate.yaml --fit career.otherAnnual=0.01:0.1 --target ..., or --presets');
  const scenario = argv.scenario;
  const { b, base, workers } = studyBase({ ...argv, scenario });
  const { params, steps } = studyParams('fit', argv.fit ?? [], b);
  const texts = argv.target ?? [];
  if (texts.length === 0)
    throw new ArgsError("give at least one --target <expression>=<value>[±<tolerance>], e.g. --target 'moveOuts@2030/households@2030=0.104±0.005'");
  const specs = texts.map(parseTarget);
  const outcomes = await compileExpressions(
    specs.map((s, i) => ({ text: s.text, name: `target${i + 1}`, expression: s.expression })),
    { rowNames: rowNamesOf(base), startYear: base.startYear, years: base.years },
    'target',
  );
  const targets: CalibrationTarget[] = specs.map((spec, i) => ({ spec, outcome: outcomes[i]! }));
  const maxEvals = wholeNumberOption('max-evals', argv['max-evals'], params.length + 1, MAX_EVALS) ?? DEFAULT_MAX_EVALS;
  // the search starts at the scenario's own values where they are in the range, else mid-range
  const start = params.map((p, i) => {
    const v = readPath(base, steps[i]!);
    return typeof v === 'number' && v >= p.lo && v <= p.hi ? (v - p.lo) / (p.hi - p.lo) : 0.5;
  });
  const fitAssignments = (values: number[]) => values.map((v, i) => assign('fit', params[i]!.name, steps[i]!, v));
  checkMemory([base], workers ?? 1);
  const outDir = argv.out ?? defaultFolder(join('output', `calibrate-${defaultOutputName(scenario, process.cwd())}`), [scenario]);
  const t0 = performance.now();
  const say = argv.quiet ? undefined : out.stderr;
  let lastLine = -Infinity;
  let lastBest = -1;
  const res = await calibrateToDirectory(
    {
      base,
      params,
      start,
      targets,
      maxEvals,
      scenarioAt: (values) => scenarioWith(b, fitAssignments(values)),
      fittedScenario: (values) => loadScenario(scenario, { set: [...b.set, ...fitAssignments(values)] }),
    },
    outDir,
    {
      scenarioFile: scenario,
      command: process.argv.slice(2),
      workers,
      wait: argv.wait,
      onStart: () =>
        say?.(
          `calibrate: fitting ${params.map((p) => p.name).join(', ')} to ${counted(targets.length, 'target')}: at most ${maxEvals} points of the search (and the fitted values rounded), each ${counted(base.replications, 'replication')} of ${counted(base.years, 'year')}\n`,
        ),
      onEvaluation: (e, best) => {
        const now = performance.now();
        if (!say || best.evaluation === lastBest || now - lastLine < PROGRESS_EVERY_MS) return;
        lastLine = now;
        lastBest = best.evaluation;
        say(
          `  evaluation ${e.evaluation}: best error so far ${fmtNumber(best.objective)} at ${params.map((p, i) => `${p.name}=${fmtNumber(best.values[i]!)}`).join(', ')} (${((now - t0) / 1000).toFixed(0)} s)\n`,
        );
      },
    },
  );
  if (argv.quiet) return;
  const r = res.result;
  const lines = [
    `nabolag ${VERSION}: calibrated "${base.name}" — ${counted(params.length, 'parameter')} to ${counted(targets.length, 'target')}, ${evaluationsText(r)} of ${counted(base.replications, 'replication')} of ${counted(base.years, 'year')} (Nelder-Mead, ${stopText(r.stop)}) on ${counted(res.workers, 'worker')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    'fitted:',
    ...params.map((p, i) => `  ${p.name} = ${r.values[i]}   (range ${p.lo} to ${p.hi}; started at ${fmtNumber(paramStart(p, start[i]!))})`),
    '  (the point the search found best on these seeds: no interval; its neighbours may fit as well, and the intervals below are on the seeds that chose it: check it with nabolag run --seed <another>, or a sweep around it)',
    'targets (fitted mean, its 95% confidence interval over the replications, against the target):',
    ...targets.map((t, j) => {
      const f = r.fits[j]!;
      const ci = Number.isFinite(f.low) ? ` (${fmtNumber(f.low)} to ${fmtNumber(f.high)})` : '';
      const tol = t.spec.tolerance === null ? '' : ` ± ${t.spec.tolerance}`;
      const v = toleranceVerdict(t.spec, f);
      const verdict =
        v.within === null
          ? ''
          : `${v.within ? ', within tolerance' : ', OUTSIDE tolerance'}${
              v.resolved
                ? ''
                : Number.isFinite(f.low)
                  ? ` on these replications only: the 95% interval reaches ${v.within ? 'outside' : 'inside'} it, so more replications (-n) are needed to tell`
                  : ' on these replications only: they give no interval (fewer than 2, or the expression is no number without one of them), so more replications (-n) are needed to tell'
            }`;
      return `  ${t.spec.expression}: ${fmtNumber(f.mean)}${ci} against ${t.spec.value}${tol} (error ${signed(f.error)} ${t.spec.tolerance === null ? 'of the value' : 'tolerances'}${verdict})`;
    }),
    `remaining error: ${fmtNumber(r.objective)} (sum of squared errors, each in tolerances, or relative to the value)`,
  ];
  // a target that is no number at any point evaluated (a division by a metric that is 0 there): the fit means nothing
  const none = targets.filter((_, j) => !Number.isFinite(r.fits[j]!.mean));
  if (none.length)
    out.stderr(
      formatWarnings(
        none.map((t) => ({
          file: `--target ${t.spec.text}`,
          path: 'target',
          message: `the target's expression is no number at the fitted values (${fmtNumber(r.fits[targets.indexOf(t)]!.mean)}: e.g. a division by a metric that is 0 in that year), so the fit does not meet it and its fitted values mean nothing; give an expression that is a number there`,
        })),
      ),
    );
  out.stdout(lines.join('\n') + '\n' + closing(res.outDir, res.files));
}

/**
 * The evaluations, with why they differ from the search's count: points the search asked for that
 * rounded to the same whole values ran once, and the fitted values, rounded, run once more when
 * the search had not run them so.
 */
const evaluationsText = (r: { evaluations: number; searchPoints: number }): string => {
  const extra = r.evaluations - r.searchPoints;
  if (extra === 0) return `${r.evaluations} evaluations`;
  if (extra > 0) return `${r.evaluations} evaluations (${r.searchPoints} of the search, and the fitted values rounded)`;
  return `${r.evaluations} evaluations (the search asked for ${r.searchPoints} points, of which those with the same whole values ran once)`;
};

const paramStart = (p: { lo: number; hi: number; integer: boolean }, u: number) => {
  const v = p.lo + u * (p.hi - p.lo);
  return p.integer ? Math.round(v) : v;
};

const signed = (v: number): string => (v > 0 ? `+${fmtNumber(v)}` : fmtNumber(v));

const stopText = (stop: string): string =>
  stop === 'tolerance' ? 'converged' : stop === 'max-evals' ? 'stopped at --max-evals: raise it if the error still falls' : 'stopped at its iteration limit';

/** `nabolag calibrate --presets`: the preset checks (as `npm run calibrate`). */
async function presetsCommand(argv: CalibrateArgs): Promise<void> {
  const stray = (['scenario', 'fit', 'target', 'max-evals', 'seed', 'years', 'out', 'wait'] as const).filter((k) => {
    const v = argv[k as keyof CalibrateArgs];
    return v !== undefined && !(Array.isArray(v) && v.length === 0);
  });
  if (stray.length)
    throw new ArgsError(
      `--presets runs the preset checks and takes only -n, --only, --set, --workers, --json and --quiet; not ${stray.map((k) => (k === 'scenario' ? 'a scenario file' : `--${k}`)).join(', ')}`,
    );
  const presets = presetNames();
  if (argv.only !== undefined && !presets.includes(argv.only))
    throw new UserError(`option --only is ${JSON.stringify(argv.only)}; give one of ${presets.join(', ')}`);
  const replications = scenarioFieldOption('replications', argv.replications) ?? PRESET_REPLICATIONS;
  const workers = wholeNumberOption('workers', argv.workers, 1, MAX_WORKERS);
  const set = parseAssignments(argv.set as string[] | undefined);
  await calibrate({ replications, only: argv.only, workers, set, onResult: (preset, p) => out.stdout(patternLine(preset, p, argv.json === true)) });
}
