/**
 * The `nabolag` command line declared: its commands, their positionals, options, examples and
 * the help's epilogue (exit codes, where the docs are). Parsed by args.ts; run by main.ts.
 */
import { VERSION } from '../version.js';
import type { OptionSpec, ProgramSpec } from './args.js';
import { EPILOGUE_EN } from './da.js';

/** The options run and compare share (their help texts differ a little). */
const runOptions = (what: { replications: string; seed: string; years: string; out: string; workers: string }): OptionSpec[] => [
  { name: 'replications', alias: 'n', kind: 'value', describe: what.replications },
  { name: 'seed', alias: 's', kind: 'value', describe: what.seed },
  { name: 'years', alias: 'y', kind: 'value', describe: what.years },
  { name: 'out', alias: 'o', kind: 'value', describe: what.out },
  { name: 'workers', alias: 'w', kind: 'value', describe: what.workers },
  { name: 'quiet', alias: 'q', kind: 'flag', describe: 'No progress bar' },
  { name: 'report', kind: 'flag', default: true, describe: 'Write charts/ and report.html (--no-report to skip them)' },
  { name: 'wait', kind: 'flag', describe: 'If another run is writing the same output folder, wait for it instead of stopping' },
  {
    name: 'set',
    kind: 'value',
    repeat: true,
    describe:
      'Change a scenario field as if the file said so: <path>=<value>, the value read as YAML, e.g. --set years=20, --set estates[0].flats=600, --set policies[lever=extension].factor=0.5 (repeatable; in compare, every scenario that has the field)',
  },
];

export const PROGRAM: ProgramSpec = {
  name: 'nabolag',
  version: VERSION,
  summary: 'Agent-based simulation of who lives in a Danish social housing estate over time.',
  epilogue: EPILOGUE_EN(),
  completion: true,
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
      }),
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
      }),
    },
    {
      name: 'validate',
      describe: 'Check scenario files and print every problem found',
      positionals: [{ name: 'files', describe: 'Scenario files', many: true }],
      options: [],
      examples: [['$0 validate scenarios/*.yaml scenarios/*/*.yaml', 'Check every shipped scenario']],
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
