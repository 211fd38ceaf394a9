/**
 * The `nabolag` command line declared: its commands, their positionals, options, examples and
 * the help's epilogue (exit codes, where the docs are). Parsed by args.ts; run by main.ts.
 */
import { VERSION } from '../version.js';
import type { OptionSpec, ProgramSpec } from './args.js';
import { EPILOGUE_EN } from './da.js';

/** --set: change a scenario field on the command line (scenario/set.ts). */
const SET_OPTION: OptionSpec = {
  name: 'set',
  kind: 'value',
  repeat: true,
  describe:
    'Change a scenario field as if the file said so: <path>=<value>, the value read as YAML, e.g. --set years=20, --set estates[0].flats=600, --set policies[lever=extension].factor=0.5 (repeatable; in compare, every scenario that has the field)',
};

/** The options run and compare share (their help texts differ a little). */
const runOptions = (what: { replications: string; seed: string; years: string; out: string; workers: string }): OptionSpec[] => [
  { name: 'replications', alias: 'n', kind: 'value', describe: what.replications },
  { name: 'seed', alias: 's', kind: 'value', describe: what.seed },
  { name: 'years', alias: 'y', kind: 'value', describe: what.years },
  { name: 'out', alias: 'o', kind: 'value', describe: what.out },
  { name: 'workers', alias: 'w', kind: 'value', describe: what.workers },
  {
    name: 'quiet',
    alias: 'q',
    kind: 'flag',
    describe: 'Print nothing on success: no progress bar and no closing lines (the answer, the warnings, where the results are); errors still go to stderr',
  },
  { name: 'report', kind: 'flag', default: true, describe: 'Write charts/ and report.html (--no-report to skip them)' },
  { name: 'wait', kind: 'flag', describe: 'If another run is writing the same output folder, wait for it instead of stopping' },
  {
    name: 'shard',
    kind: 'value',
    describe:
      'Run only shard k of n of the work (k/n, e.g. 2/4; auto/n takes k from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX, plus one) into a shard folder; join the shards with nabolag merge',
  },
  SET_OPTION,
];

/** --lang: the report's language (run, compare and sweep write a report with words in it). */
const LANG_OPTION: OptionSpec = {
  name: 'lang',
  kind: 'value',
  describe:
    "Language of the report: en (English) or da (Danish), for report.html and the charts' words (default: the scenario's language field, else English); the console, the data files and their columns stay English",
};

export const PROGRAM: ProgramSpec = {
  name: 'nabolag',
  version: VERSION,
  summary: 'Agent-based simulation of who lives in a Danish social housing estate over time.',
  epilogue: EPILOGUE_EN(),
  completion: true,
  examples: [
    ['$0 new my-estate.yaml --flats 600 --resource-strong 0.40', 'Write a commented scenario of your estate to start from'],
    ['$0 run my-estate.yaml', 'Run it: results and a report in output/my-estate/'],
    ['$0 compare scenarios/default.yaml scenarios/levers/extension.yaml', 'A lever against the baseline, on the same random numbers'],
    ['$0 run --help', 'The options and examples of one command'],
  ],
  commands: [
    {
      name: 'run',
      describe: 'Run a scenario and write metrics.csv, moves.csv, summary.json, manifest.json, charts/ and report.html',
      positionals: [{ name: 'scenario', describe: 'Scenario file (YAML or JSON), e.g. scenarios/default.yaml' }],
      examples: [
        ['$0 run scenarios/default.yaml', 'The default estate, 10 replications of 15 years, into output/default/'],
        ['$0 run scenarios/presets/ringparken-like.yaml -n 20 --seed 7 --years 20', 'A preset with more replications, another seed and horizon'],
        ['$0 run my-estate.yaml --set estates[0].flats=600 --out results/600', 'Your own estate, one field changed from the command line'],
      ],
      options: runOptions({
        replications: 'Number of replications (overrides the file)',
        seed: 'Base random seed (overrides the file)',
        years: 'Years to simulate (overrides the file)',
        out: "Output folder (default output/<the file's path>, e.g. output/levers-extension); only a new, empty or nabolag-written folder",
        workers: 'Worker threads (default: all cores, fewer for small runs); results do not depend on it',
      }).concat(LANG_OPTION),
    },
    {
      name: 'compare',
      describe: 'Run a baseline and variants on the same seeds (common random numbers) and write paired differences',
      positionals: [
        { name: 'baseline', describe: 'Baseline scenario file' },
        { name: 'variants', describe: 'Variant scenario files', many: true },
      ],
      examples: [
        [
          '$0 compare scenarios/default.yaml scenarios/levers/extension.yaml scenarios/levers/gardens.yaml -n 20',
          'The default estate against two levers, paired on common random numbers',
        ],
        [
          "$0 compare scenarios/default.yaml scenarios/levers/extension.yaml --set 'policies[lever=extension].factor=0.5'",
          'The extension lever at half the exit rate, against the baseline',
        ],
      ],
      options: runOptions({
        replications: "Replications for every scenario (default: the baseline file's)",
        seed: "Base seed for every scenario (default: the baseline file's)",
        years: "Years to simulate (default: the baseline file's)",
        out: 'Output folder (default output/compare-<names>)',
        workers: 'Worker threads (default: all cores, fewer for small runs)',
      }).concat(LANG_OPTION),
    },
    {
      name: 'sweep',
      describe:
        "Run the scenario at many values of some fields (a grid, one at a time, or a Latin hypercube), all on its seeds, and write each point's paired effects",
      positionals: [{ name: 'scenario', describe: 'Scenario file (YAML or JSON)' }],
      examples: [
        [
          "$0 sweep scenarios/levers/extension.yaml --vary 'policies[lever=extension].factor=0.25,0.5,0.75,1' -n 20",
          'Dose-response of the extension lever: four exit-rate factors against the scenario as given',
        ],
        [
          '$0 sweep scenarios/default.yaml --design lhs --samples 50 --vary social.tieEffect=0:1 --vary career.earlyBoost=3:9',
          'A Latin hypercube of 50 points over two assumptions',
        ],
      ],
      options: [
        {
          name: 'vary',
          kind: 'value',
          repeat: true,
          describe: 'A field and its values, <path>=<v1>,<v2>,… (repeatable); with --design lhs a range <path>=<lo>:<hi>',
        },
        {
          name: 'design',
          kind: 'value',
          describe: 'grid (every combination, the default), oat (one field at a time, the others as given) or lhs (Latin hypercube)',
        },
        { name: 'samples', kind: 'value', describe: 'Points of an lhs design' },
        { name: 'moves', kind: 'flag', describe: 'Also write moves.csv (every move of every point: large)' },
        ...runOptions({
          replications: 'Replications of every point (overrides the file)',
          seed: 'Base seed of every point (overrides the file)',
          years: 'Years to simulate (overrides the file)',
          out: "Output folder (default output/sweep-<the file's path>)",
          workers: 'Worker threads (default: all cores, fewer for small runs); results do not depend on it',
        }),
        LANG_OPTION,
      ],
    },
    {
      name: 'sensitivity',
      describe: 'Global sensitivity analysis (Morris elementary effects or Sobol indices) of outcomes to scenario fields, on common random numbers',
      positionals: [{ name: 'scenario', describe: 'Scenario file (YAML or JSON)' }],
      examples: [
        [
          "$0 sensitivity scenarios/levers/extension.yaml --method morris --param 'policies[lever=extension].factor=0.3:1' --param social.tieEffect=0:1 --outcome gain=resourceStrongShare@2040-resourceStrongShare@2026",
          'Which of two fields moves the gain in the resource-strong share most',
        ],
        [
          '$0 sensitivity scenarios/default.yaml --method sobol --samples 128 --param career.earlyBoost=3:9 --param social.tieEffect=0:1 --outcome share=resourceStrongShare@2040',
          'Sobol indices with 128 base rows (128 x (2 + 2) points)',
        ],
      ],
      options: [
        { name: 'method', kind: 'value', describe: 'morris (screening: μ*, σ, μ) or sobol (first-order and total indices with 95% intervals)' },
        { name: 'param', kind: 'value', repeat: true, describe: 'A field and its range, <path>=<lo>:<hi> (repeatable); values are uniform on the range' },
        {
          name: 'outcome',
          kind: 'value',
          repeat: true,
          describe:
            'An outcome, <name>=<expression> over metric@year (the ensemble mean in the region, or the one estate), e.g. gain=resourceStrongShare@2040-resourceStrongShare@2026 (repeatable)',
        },
        { name: 'samples', kind: 'value', describe: 'Morris: trajectories (default 10; k + 1 points each); Sobol: base rows N (default 64; N (k + 2) points)' },
        // a sensitivity analysis writes charts, no report.html
        ...runOptions({
          replications: 'Replications of every point (overrides the file)',
          seed: 'Base seed of every point and of the design (overrides the file)',
          years: 'Years to simulate (overrides the file)',
          out: "Output folder (default output/sensitivity-<the file's path>)",
          workers: 'Worker threads (default: all cores, fewer for small runs); results do not depend on it',
        }).map((o) => (o.name === 'report' ? { ...o, describe: 'Write charts/ (--no-report to skip them)' } : o)),
      ],
    },
    {
      name: 'calibrate',
      describe:
        "Fit fields of your scenario to observed targets (Nelder-Mead on the ensemble means, common random numbers) and write the scenario with the fitted values; --presets checks the presets' patterns",
      positionals: [{ name: 'scenario', optional: true, describe: 'Scenario file (YAML or JSON) to fit; leave out with --presets' }],
      examples: [
        [
          "$0 calibrate my-estate.yaml --fit career.otherAnnual=0.01:0.08 --target '(moveOuts@2028+moveOuts@2029+moveOuts@2030)/(households@2028+households@2029+households@2030)=0.104±0.005'",
          'Fit the yearly hazard of moving for other reasons to a move-out rate of 10.4% a year',
        ],
        [
          "$0 calibrate my-estate.yaml --fit career.earlyBoost=2:12 --fit career.otherAnnual=0.01:0.08 --target 'outResourceStrongFamiliesShortStay@2030/outResourceStrongFamilies@2030=0.5±0.05' --target 'moveOuts@2030/households@2030=0.104±0.01' -n 20",
          'Two fields to two targets; the fitted scenario is output/calibrate-my-estate/calibrated.yaml',
        ],
        ['$0 calibrate --presets --only average', "The presets' patterns (P1-P7) against their targets, as npm run calibrate"],
      ],
      options: [
        {
          name: 'fit',
          kind: 'value',
          repeat: true,
          describe: 'A field to fit and its range, <path>=<lo>:<hi> (repeatable), e.g. career.otherAnnual=0.01:0.08',
        },
        {
          name: 'target',
          kind: 'value',
          repeat: true,
          describe:
            'An observed target, <expression>=<value> or <expression>=<value>±<tolerance> (+- also), the expression over metric@year as in sensitivity --outcome (repeatable)',
        },
        { name: 'max-evals', kind: 'value', describe: 'Most evaluations (ensemble runs) of the search (default 100)' },
        {
          name: 'replications',
          alias: 'n',
          kind: 'value',
          describe: 'Replications of every evaluation (overrides the file; with --presets, per preset, default 20)',
        },
        { name: 'seed', alias: 's', kind: 'value', describe: 'Base seed of every evaluation (overrides the file)' },
        { name: 'years', alias: 'y', kind: 'value', describe: 'Years to simulate (overrides the file)' },
        { name: 'out', alias: 'o', kind: 'value', describe: "Output folder (default output/calibrate-<the file's path>)" },
        { name: 'workers', alias: 'w', kind: 'value', describe: 'Worker threads (default: all cores, fewer for small runs); results do not depend on it' },
        { name: 'quiet', alias: 'q', kind: 'flag', describe: 'No progress lines and no summary (the results are in the files)' },
        { name: 'wait', kind: 'flag', describe: 'If another run is writing the same output folder, wait for it instead of stopping' },
        SET_OPTION,
        { name: 'presets', kind: 'flag', describe: "Check every preset's patterns (P1-P7) against their targets instead (as npm run calibrate)" },
        { name: 'only', kind: 'value', describe: 'With --presets: only this preset (a file name in scenarios/presets/, without .yaml)' },
        { name: 'json', kind: 'flag', describe: 'With --presets: one JSON object per pattern and line' },
      ],
    },
    {
      name: 'submit',
      describe:
        'Run a command (run, compare, sweep or sensitivity) on a Slurm cluster as a job array of shards and a merge job that joins them into the results one machine would write',
      positionals: [
        {
          name: 'command',
          many: true,
          optional: true,
          describe: 'After --: the nabolag command and its options, with --out on a file system every node can write',
        },
      ],
      examples: [
        [
          '$0 submit --scheduler slurm --tasks 8 --time 01:00:00 -- run scenarios/default.yaml -n 80 --out results/big',
          '80 replications as 8 tasks of 10; the merged results in results/big/, the job scripts and logs in results/big/slurm/',
        ],
        [
          "$0 submit --tasks 50 --cpus-per-task 4 --wait -- sweep scenarios/levers/extension.yaml --vary 'policies[lever=extension].factor=0.25,0.5,0.75,1' -n 100 --out results/dose",
          'A sweep as 50 tasks of 4 CPUs; waits for the merge and exits with its status',
        ],
        ['$0 submit --resume results/big --wait', 'Resubmit only the shards that failed or never ran, then the merge'],
        ['$0 submit --tasks 8 --dry-run -- run scenarios/default.yaml --out results/big', 'Print the job scripts; submit nothing'],
      ],
      options: [
        {
          name: 'scheduler',
          kind: 'value',
          describe: 'The scheduler: slurm (the default and, so far, the only one; Kubernetes and AWS Batch: see docs/cluster.md)',
        },
        { name: 'tasks', kind: 'value', describe: 'Tasks of the job array: the work is split into this many shards' },
        { name: 'partition', kind: 'value', describe: "Slurm partition (default: the cluster's)" },
        { name: 'account', kind: 'value', describe: 'Slurm account to charge (default: yours)' },
        { name: 'time', kind: 'value', describe: "Time limit of each task and of the merge, HH:MM:SS, D-HH:MM:SS or minutes (default: the partition's)" },
        { name: 'cpus-per-task', kind: 'value', describe: 'CPUs of each task, used as its worker threads unless the command sets --workers (default 1)' },
        { name: 'wait', kind: 'flag', describe: 'Wait until the merge has ended, print its output and exit with its status' },
        { name: 'dry-run', kind: 'flag', describe: 'Print the job scripts and the sbatch commands; submit nothing and write nothing' },
        {
          name: 'resume',
          kind: 'value',
          describe: "An earlier submission's output folder: resubmit only the shards without a complete shard.json, then the merge",
        },
      ],
    },
    {
      name: 'merge',
      describe: 'Join the shard folders of a command run with --shard k/n into the files one run would have written (byte-identical data files)',
      positionals: [{ name: 'folders', describe: 'The shard folders, every k of n once', many: true }],
      options: [
        { name: 'out', alias: 'o', kind: 'value', describe: 'Output folder: a new, empty or nabolag-written folder, or the folder holding the shard folders' },
        { name: 'quiet', alias: 'q', kind: 'flag', describe: 'No closing lines' },
        { name: 'report', kind: 'flag', default: true, describe: 'Write charts/ and report.html (--no-report to skip them)' },
        { name: 'wait', kind: 'flag', describe: 'If another run is writing the same output folder, wait for it instead of stopping' },
        {
          ...LANG_OPTION,
          describe:
            "Language of the report: en (English) or da (Danish), for report.html and the charts' words (default: the shards' --lang, else their scenario's language field, else English); the console, the data files and their columns stay English",
        },
      ],
      examples: [
        [
          '$0 run scenarios/default.yaml -n 40 --shard 1/4 --out out/shards/1',
          'The first of four shards of 10 replications each (2/4, 3/4 and 4/4 likewise, on other machines, or --shard auto/4 in a job array)',
        ],
        [
          '$0 merge out/shards/1 out/shards/2 out/shards/3 out/shards/4 --out out',
          'Join them into out/: the same metrics.csv, summary.json … as one run of 40',
        ],
        ['$0 merge results/shards/* --out merged --no-report', "Any command's shards (run, compare, sweep, sensitivity), without the report"],
      ],
    },
    {
      name: 'validate',
      describe: 'Check scenario files and print every problem found',
      positionals: [{ name: 'files', describe: 'Scenario files', many: true }],
      options: [
        {
          name: 'show',
          kind: 'flag',
          describe: 'Print each scenario resolved (extends merged, defaults filled in), every value with where it came from: file and line, or default',
        },
        SET_OPTION,
      ],
      examples: [
        ['$0 validate scenarios/*.yaml scenarios/*/*.yaml', 'Check every shipped scenario'],
        ['$0 validate --show scenarios/levers/extension.yaml', 'Every value of a scenario, with the file and line it came from or "default"'],
        ['$0 validate --show --set estates[0].flats=600 my.yaml', 'The scenario a run with the same --set would use, checked and shown'],
      ],
    },
    {
      name: 'new',
      describe: 'Write a commented starting scenario that validates (an existing file is never replaced)',
      positionals: [{ name: 'file', describe: 'The new scenario file (.yaml)' }],
      options: [
        { name: 'flats', kind: 'value', describe: "Flats of the estate (default: the preset's, else 1000)" },
        {
          name: 'resource-strong',
          kind: 'value',
          describe: "Share of the residents aged 22-59 who are resource-strong at the start, 0-1 or a percentage (default: the preset's, else 0.52)",
        },
        {
          name: 'preset',
          kind: 'value',
          describe: 'Start from a preset of scenarios/presets/: average, aeblehaven-like, egedalsvaenge-like or ringparken-like',
        },
      ],
      examples: [
        ['$0 new my-estate.yaml --flats 600 --resource-strong 0.40', 'A 600-flat estate, 40% resource-strong, every other field at its default'],
        ['$0 new ringparken-2.yaml --preset ringparken-like --flats 800', 'Start from a preset and change its size'],
      ],
    },
    {
      name: 'studio',
      describe: 'Write the studio: an interactive page (Schelling model with sliders and a live grid) that opens from the file, offline',
      positionals: [],
      options: [
        { name: 'out', alias: 'o', kind: 'value', describe: 'Output folder (default output/studio); only a new, empty or nabolag-written folder' },
        { name: 'open', kind: 'flag', describe: 'Open the page in the default browser' },
        { name: 'serve', kind: 'flag', describe: 'Also serve the page on http://127.0.0.1 (this machine only) until Ctrl-C' },
        { name: 'port', kind: 'value', describe: 'Port for --serve (default 8321)' },
        { name: 'quiet', alias: 'q', kind: 'flag', describe: 'No progress bar' },
      ],
      examples: [
        ['$0 studio --open', 'Write output/studio/index.html and open it'],
        ['$0 studio --serve --port 8080', 'Serve the studio on http://127.0.0.1:8080/'],
      ],
    },
  ],
};
