/**
 * `nabolag submit`: a command (run, compare, sweep or sensitivity) as a Slurm job array of N
 * tasks, each running the command on one shard of its work (`--shard auto/N`, the shard taken
 * from `SLURM_ARRAY_TASK_ID`) into a shard folder, and a merge job that runs `nabolag merge` on
 * the shard folders after the array. The output folder of the command (`--out DIR`, required)
 * holds everything:
 *
 *   DIR/slurm/array.sbatch, merge.sbatch   the job scripts (submitted as they are)
 *   DIR/slurm/submission.json              what was submitted (for --resume)
 *   DIR/slurm/task-<array>_<index>.out     each task's log; merge-<job>.out the merge's
 *   DIR/shards/<k>/                        shard k of N (k from 1), with its shard.json
 *   DIR/…                                  the merged results, as the command run on one machine writes them
 *
 * The merge job depends on the array with `afterany`, not `afterok`: with `afterok` a failed
 * task leaves the merge pending for ever ("DependencyNeverSatisfied") and nobody is told which
 * shard is missing; with `afterany` the merge runs once every task has ended, and fails with a
 * message naming the missing shards (exit 2), which `--wait` prints. `--resume DIR` resubmits
 * the tasks whose shard has no complete shard.json, and the merge.
 *
 * The tasks run this installation of nabolag: the Node executable running this command
 * (`process.execPath`) and this package's bin/nabolag.js, by absolute path, in the current
 * folder, so that a clone on a shared file system works without a global install. Every check
 * that can fail is made before anything is submitted (exit 2 with a message): Slurm's `sbatch`
 * on the PATH, the command line of the command, the output folder (output/safety.ts) and its
 * being writable, the options.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { basename, delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { environmentError, prepareOutputFolder, removeAbandoned } from '../output/atomic.js';
import {
  ARRAY_SCRIPT,
  MARKER,
  MERGE_LOG,
  MERGE_SCRIPT,
  SHARDS_DIR,
  SHARD_FILE,
  SLURM_DIR,
  SUBMISSION_FILE,
  TASK_LOG,
  classifyOutput,
  isNabolagFolder,
} from '../output/safety.js';
import { resolve as resolveScenario } from '../output/pipeline.js';
import { loadScenario } from '../scenario/load.js';
import { UserError, show } from '../scenario/messages.js';
import { ArgsError, shellQuote, wholeNumberOption } from './args.js';

export { shellQuote };
import { parseCommandLine } from './args-yargs.js';
import { PROGRAM } from './program.js';
import { out, runFlags } from './shared.js';

/** The commands that can be split into shards. */
export const SHARDABLE = ['run', 'compare', 'sweep', 'sensitivity'] as const;
/**
 * Most tasks of one array: a bound on typing mistakes that keeps the merge's command line (every
 * shard folder) well within the system's limit; a cluster's own limit (MaxArraySize, often 1001)
 * is sbatch's to enforce.
 */
export const MAX_TASKS = 10_000;
/** Most CPUs a task may ask for (as --workers allows threads). */
export const MAX_CPUS = 1024;
/** Folders inside the output folder (the job scripts and logs, the shard folders): safety.ts keeps the layout, so that it knows them as nabolag's. */
export { SHARDS_DIR, SLURM_DIR, SUBMISSION_FILE };
/** The shard folder's description, written last by a shard run (so its presence means the shard is complete). */
export { SHARD_FILE };
/**
 * Pause between two looks at the merge job with --wait: 1 s plus a tenth of the time waited so
 * far, at most 30 s, so short jobs are seen to end at once and long waits ask the controller
 * rarely (milliseconds; assumption).
 */
export const POLL_FIRST_MS = 1000;
export const POLL_MAX_MS = 30_000;
export const POLL_GROWTH = 0.1;
/** Slurm job states in which a job has ended (squeue/scontrol's JobState). */
const ENDED = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'PREEMPTED', 'BOOT_FAIL', 'DEADLINE']);

/** The scheduler options of a submission, checked. */
export interface SlurmOptions {
  tasks: number;
  partition?: string;
  account?: string;
  /** Time limit of each task and of the merge, as Slurm reads it (e.g. 02:00:00). */
  time?: string;
  cpusPerTask: number;
}

/** What submission.json holds. */
export interface Submission {
  tool: 'nabolag';
  scheduler: 'slurm';
  /** The command and its options as given, without --out. */
  command: string[];
  /** The output folder (absolute) and the folder the jobs run in. */
  out: string;
  cwd: string;
  options: SlurmOptions;
  /** Every submission of this folder: the first and each --resume. */
  jobs: { array: string | null; shards: number[]; merge: string | null; submitted: string }[];
}

// ---- options ----------------------------------------------------------------------------

const TIME = /^(?:(\d+)-(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?|(\d+)(?::(\d{1,2})(?::(\d{1,2}))?)?)$/;

/**
 * A time limit as Slurm reads it: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS, with
 * minutes and seconds below 60 and hours below 24 after a day count; at least one second.
 */
export function checkTime(v: string): string {
  const m = TIME.exec(v.trim());
  const bad = () => new ArgsError(`option --time is ${show(v)}, but must be a time limit as Slurm reads it: HH:MM:SS, D-HH:MM:SS or minutes, e.g. 02:00:00`);
  if (!m) throw bad();
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  let seconds: number;
  if (m[1] !== undefined) {
    if (n(m[2]) > 23 || n(m[3]) > 59 || n(m[4]) > 59) throw bad();
    seconds = n(m[1]) * 86400 + n(m[2]) * 3600 + n(m[3]) * 60 + n(m[4]);
  } else if (m[7] !== undefined) {
    // HH:MM:SS
    if (n(m[6]) > 59 || n(m[7]) > 59) throw bad();
    seconds = n(m[5]) * 3600 + n(m[6]) * 60 + n(m[7]);
  } else {
    // minutes, or MM:SS
    if (n(m[6]) > 59) throw bad();
    seconds = n(m[5]) * 60 + n(m[6]);
  }
  if (seconds < 1) throw bad();
  return v.trim();
}

/** A partition or account name: letters, digits, `_.-`, and commas between several partitions. */
const NAME = /^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$/;

function checkName(option: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!NAME.test(v))
    throw new ArgsError(
      `option --${option} is ${show(v)}, but must be a Slurm ${option} name (letters, digits, _ . -; several partitions separated by commas)`,
    );
  return v;
}

export function slurmOptions(argv: { tasks?: unknown; partition?: string; account?: string; time?: string; 'cpus-per-task'?: unknown }): SlurmOptions {
  const tasks = wholeNumberOption('tasks', argv.tasks, 1, MAX_TASKS);
  if (tasks === undefined) throw new ArgsError('option --tasks is missing: give the number of tasks of the job array, e.g. --tasks 8');
  const o: SlurmOptions = { tasks, cpusPerTask: wholeNumberOption('cpus-per-task', argv['cpus-per-task'], 1, MAX_CPUS) ?? 1 };
  const partition = checkName('partition', argv.partition);
  const account = checkName('account', argv.account);
  if (partition !== undefined) o.partition = partition;
  if (account !== undefined) o.account = account;
  if (argv.time !== undefined) o.time = checkTime(argv.time);
  return o;
}

// ---- the command and its shards -----------------------------------------------------------

/** The command to submit, read: its name, its arguments without --out, the output folder as given. */
export interface Inner {
  name: (typeof SHARDABLE)[number];
  /** The command line without its --out option (the tasks get their own). */
  args: string[];
  out: string;
  /** Whether it sets --workers (else the tasks get --workers C, the CPUs Slurm gives them). */
  workers: boolean;
  /** The scenario files it names. */
  scenarioFiles: string[];
  /** Whether it writes the report and charts (not with --no-report): the merge does likewise. */
  report: boolean;
}

/** Read and check the command after `--` as nabolag would, before submitting anything. */
export function readInner(command: readonly string[]): Inner {
  const name = command[0];
  if (name === undefined)
    throw new ArgsError('give the command to submit after --, e.g. nabolag submit --tasks 8 -- run scenarios/default.yaml -n 80 --out results/big');
  if (!(SHARDABLE as readonly string[]).includes(name))
    throw new ArgsError(`cannot submit "${name}": give ${SHARDABLE.join(', ')} after --, e.g. -- run scenarios/default.yaml --out results/big`);
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(PROGRAM, command);
  } catch (e) {
    if (e instanceof ArgsError) throw new ArgsError(`the command to submit (${command.join(' ')}): ${e.message}`);
    throw e;
  }
  if (parsed.kind !== 'run') throw new ArgsError(`the command to submit (${command.join(' ')}) only prints help or a version; give a command that computes`);
  const a = parsed.invocation.args;
  if (typeof a.out !== 'string')
    throw new ArgsError(
      `the command to submit has no --out: give its output folder, on a file system every node of the cluster can write (e.g. your home or project folder), e.g. -- ${name} … --out results/big`,
    );
  if (a.shard !== undefined) throw new ArgsError('the command to submit has --shard: submit gives every task its own shard; leave --shard out');
  const args = withoutOut(command);
  const again = parseCommandLine(PROGRAM, args);
  if (again.kind !== 'run' || again.invocation.args.out !== undefined)
    throw new ArgsError(`the command to submit gives --out in a form submit cannot replace (${show(a.out)}); write it as --out <folder>`);
  const files = [a.scenario, a.baseline, a.variants].flat().filter((f): f is string => typeof f === 'string');
  return { name: name as Inner['name'], args, out: a.out, workers: a.workers !== undefined, scenarioFiles: files, report: a.report !== false };
}

/** The command line without its --out/-o option (`--out X`, `--out=X`, `-o X`, `-o=X`). */
export function withoutOut(command: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < command.length; i++) {
    const t = command[i]!;
    if (t === '--') {
      kept.push(...command.slice(i));
      break;
    }
    if (t === '--out' || t === '-o') {
      i++;
      continue;
    }
    if (t.startsWith('--out=') || t.startsWith('-o=')) continue;
    kept.push(t);
  }
  return kept;
}

/** A path in an #SBATCH line: double-quoted (sbatch reads quotes there); `%` would be read as a file-name pattern. */
function sbatchPath(p: string): string {
  return `"${p}"`;
}

/** Paths that a job script cannot carry safely: refused with a message. */
export function checkScriptPath(what: string, p: string): void {
  const bad = /["\\%\n\r]/.exec(p);
  if (bad)
    throw new UserError(
      `${what} ${show(p)} has the character ${JSON.stringify(bad[0])}, which a Slurm job script cannot carry; give a path without " \\ % or line breaks`,
    );
}

/** How a task or the merge starts this installation of nabolag. */
export interface Program {
  node: string;
  cli: string;
}

/** The array and merge job scripts. */
export function slurmScripts(inner: Inner, o: SlurmOptions, dir: string, cwd: string, p: Program): { array: string; merge: string } {
  const job = `nabolag-${basename(dir)}`.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 60);
  const common = [
    `#SBATCH --chdir=${sbatchPath(cwd)}`,
    ...(o.partition ? [`#SBATCH --partition=${o.partition}`] : []),
    ...(o.account ? [`#SBATCH --account=${o.account}`] : []),
    ...(o.time ? [`#SBATCH --time=${o.time}`] : []),
    `#SBATCH --cpus-per-task=${o.cpusPerTask}`,
  ];
  const nabolag = `${shellQuote(p.node)} ${shellQuote(p.cli)}`;
  const shards = join(dir, SHARDS_DIR);
  const taskArgs = [...inner.args.map(shellQuote), '--out', `${shellQuote(shards + '/')}"$k"`, '--shard', `auto/${o.tasks}`];
  if (!inner.workers) taskArgs.push('--workers', String(o.cpusPerTask));
  const array = [
    '#!/bin/bash',
    `# Written by nabolag submit: ${o.tasks} tasks, each running shard k = SLURM_ARRAY_TASK_ID + 1 of ${o.tasks}`,
    `# of the command below into ${shards}/<k>. Submitted as: sbatch --array=0-${o.tasks - 1} <this file>;`,
    '# after failures, `nabolag submit --resume <output folder>` resubmits the missing shards.',
    `#SBATCH --job-name=${job}`,
    `#SBATCH --array=0-${o.tasks - 1}`,
    `#SBATCH --output=${sbatchPath(join(dir, SLURM_DIR, TASK_LOG))}`,
    ...common,
    'set -eu',
    'k=$((SLURM_ARRAY_TASK_ID + 1))',
    `exec ${nabolag} ${taskArgs.join(' ')}`,
    '',
  ].join('\n');
  const merge = [
    '#!/bin/bash',
    '# Written by nabolag submit: joins the shard folders into the results, as one machine would write them.',
    '# Submitted after the array with --dependency=afterany:<array job>; exits 2 naming any missing shard.',
    `#SBATCH --job-name=${job}-merge`,
    `#SBATCH --output=${sbatchPath(join(dir, SLURM_DIR, MERGE_LOG))}`,
    ...common,
    'set -eu',
    // every shard folder, 1 to n: merge names those that were never written (a failed task)
    'shards=()',
    `for k in $(seq 1 ${o.tasks}); do shards+=(${shellQuote(shards + '/')}"$k"); done`,
    `exec ${nabolag} merge "\${shards[@]}" --out ${shellQuote(dir)}${inner.report ? '' : ' --no-report'}`,
    '',
  ].join('\n');
  return { array, merge };
}

/**
 * The command read as it will run (with --set and the overrides), and refused when it has fewer
 * items to share out than tasks, since a task with nothing to run fails: the replications of a
 * run or comparison, the points of a sweep (the scenario as given among them) or sensitivity
 * analysis (their designs built as the commands build them, nothing run). A bad scenario or
 * design is reported now too, not by every task.
 */
async function checkTaskCount(inner: Inner, tasks: number): Promise<void> {
  const parsed = parseCommandLine(PROGRAM, inner.args);
  if (parsed.kind !== 'run') return;
  const a = parsed.invocation.args;
  let items: number;
  let what: string;
  if (inner.name === 'run' || inner.name === 'compare') {
    const { overrides, set } = runFlags(a);
    const file = inner.scenarioFiles[0]!;
    const sc = resolveScenario(loadScenario(file, { set, ...(inner.name === 'compare' ? { setWherePresent: true } : {}) }), overrides, file);
    items = sc.replications;
    what = `the ${inner.name === 'run' ? 'run' : 'comparison'} has ${items} replication(s) to share out; give at most ${items} tasks, or more replications (-n)`;
  } else if (inner.name === 'sweep' || inner.name === 'sensitivity') {
    const study = await import('./study.js');
    let points = 0;
    const countOnly = (n: number) => {
      points = n;
    };
    const args = { ...a, quiet: true } as never;
    if (inner.name === 'sweep') await study.sweepCommand(args, { countOnly });
    else await study.sensitivityCommand(args, { countOnly });
    items = points;
    what = `the ${inner.name === 'sweep' ? 'sweep' : 'sensitivity analysis'} has ${items} points to share out; give at most ${items} tasks, or more points`;
  } else return;
  if (tasks > items) throw new UserError(`option --tasks is ${tasks}, but ${what}`);
}

/** This installation: the Node running now and this package's bin/nabolag.js. */
export function thisProgram(): Program {
  const cli = fileURLToPath(new URL('../../../bin/nabolag.js', import.meta.url));
  return { node: process.execPath, cli };
}

/** Shards (1-based) of `n` whose folder holds no complete shard.json for shard k of n. */
export function missingShards(dir: string, n: number): number[] {
  const missing: number[] = [];
  for (let k = 1; k <= n; k++) {
    let ok = false;
    try {
      const m = JSON.parse(readFileSync(join(dir, SHARDS_DIR, String(k), SHARD_FILE), 'utf8')) as { tool?: unknown; k?: unknown; n?: unknown };
      ok = m.tool === 'nabolag' && m.k === k && m.n === n;
    } catch {
      ok = false;
    }
    if (!ok) missing.push(k);
  }
  return missing;
}

/** Slurm's --array value for shards (1-based): 0-based indices, runs folded (`0-2,5`). */
export function arraySpec(shards: readonly number[]): string {
  const idx = [...shards].sort((a, b) => a - b).map((k) => k - 1);
  const parts: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j]! + 1) j++;
    parts.push(i === j ? `${idx[i]}` : `${idx[i]}-${idx[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

// ---- Slurm ------------------------------------------------------------------------------------

/** The path of a program on the PATH, or null. */
function onPath(name: string): string | null {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    if (d === '') continue;
    const f = join(d, name);
    try {
      if (lstatSync(f).isFile() || lstatSync(f).isSymbolicLink()) return f;
    } catch {
      // not here
    }
  }
  return null;
}

function slurm(cmd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) return { code: 127, stdout: '', stderr: r.error.message };
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Submit a script; returns the job id (sbatch --parsable prints `id` or `id;cluster`). */
function sbatch(args: string[], what: string): string {
  const r = slurm('sbatch', ['--parsable', ...args]);
  if (r.code !== 0) throw new UserError(`sbatch refused ${what}: ${r.stderr.trim() || `exit status ${r.code}`}`);
  const id = r.stdout.trim().split(';')[0]!;
  if (!/^\d+$/.test(id)) throw new UserError(`sbatch printed no job id for ${what} (it printed ${show(r.stdout.trim())})`);
  return id;
}

/** A job's state and exit status (`2:0` → 2), from scontrol while the controller remembers it, else from sacct; null if neither knows it. */
export function jobState(id: string): { state: string; exit: number } | null {
  const s = slurm('scontrol', ['show', 'job', '-o', id]);
  if (s.code === 0) {
    const state = /\bJobState=(\S+)/.exec(s.stdout)?.[1];
    const exit = /\bExitCode=(\d+):(\d+)/.exec(s.stdout);
    if (state) return { state, exit: exit ? Number(exit[1]) || (Number(exit[2]) ? 128 + Number(exit[2]) : 0) : 0 };
  }
  const a = slurm('sacct', ['-n', '-X', '-P', '-j', id, '-o', 'State,ExitCode']);
  const line = a.code === 0 ? a.stdout.trim().split('\n')[0] : undefined;
  if (line) {
    const [state, code] = line.split('|');
    const [e, sig] = (code ?? '0:0').split(':').map(Number);
    return { state: state!.split(' ')[0]!, exit: e || (sig ? 128 + sig! : 0) };
  }
  return null;
}

/** Jobs among `ids` still queued or running (of this user: squeue -j fails as a whole on a job id it has forgotten). */
function stillQueued(ids: string[]): string[] {
  if (ids.length === 0) return [];
  const r = slurm('squeue', ['-h', '-o', '%F %i', '-u', userInfo().username]);
  if (r.code !== 0)
    throw new UserError(`squeue failed, so nabolag cannot tell whether jobs of this submission still run: ${r.stderr.trim() || `exit status ${r.code}`}`);
  const alive = new Set(r.stdout.split(/\s+/).map((w) => w.split('_')[0]!));
  return ids.filter((id) => alive.has(id));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait for the merge job to end; print its log; return the exit status for this command. */
async function waitForMerge(id: string, dir: string): Promise<number> {
  const t0 = Date.now();
  let unknown = 0;
  for (;;) {
    const s = jobState(id);
    if (s && ENDED.has(s.state)) {
      const log = join(dir, SLURM_DIR, MERGE_LOG.replace('%j', String(id)));
      const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
      if (s.state === 'COMPLETED') {
        out.stdout(text);
        return 0;
      }
      out.stderr(text);
      if (s.state === 'FAILED' && s.exit > 0) return s.exit;
      out.stderr(`nabolag: the merge job ${id} ended ${s.state}; its log is ${log}\n`);
      return 1;
    }
    unknown = s ? 0 : unknown + 1;
    if (unknown >= 3) {
      out.stderr(`nabolag: Slurm no longer knows the merge job ${id} (neither scontrol nor sacct); see ${join(dir, SLURM_DIR)} for its log\n`);
      return 1;
    }
    await sleep(Math.min(POLL_MAX_MS, POLL_FIRST_MS + POLL_GROWTH * (Date.now() - t0)));
  }
}

// ---- the output folder --------------------------------------------------------------------

/** A folder that is usually on one machine only; tasks on other nodes cannot write there. */
const TMPFS = 0x01021994;

function localWarning(dir: string): string | null {
  try {
    let at = dir;
    while (!existsSync(at)) at = dirname(at);
    if (statfsSync(at).type === TMPFS)
      return `nabolag: warning: ${dir} is on a tmpfs, which is usually local to one machine; tasks on other nodes of a cluster cannot write it\n`;
  } catch {
    // statfs is not available: no warning
  }
  return null;
}

/** Classify the output folder for a new submission; returns its absolute path (resolved). */
function checkOutput(inner: Inner, cwd: string): string {
  const v = classifyOutput(inner.out, { cwd, home: homedir(), scenarioFiles: inner.scenarioFiles });
  if (!v.ok) throw new UserError(`the output folder ${v.path} ${v.why}`);
  checkScriptPath('the output folder', v.path);
  if (existsSync(join(v.path, SLURM_DIR, SUBMISSION_FILE)))
    throw new UserError(
      `the output folder ${v.path} holds an earlier submission (${SLURM_DIR}/${SUBMISSION_FILE}); continue it with nabolag submit --resume ${shellQuote(v.path)}, or give a new folder`,
    );
  const lock = join(dirname(v.path), `.${basename(v.path)}.nabolag-lock`);
  if (existsSync(lock))
    throw new UserError(`the output folder ${v.path} is being written by another nabolag (${lock} exists); wait for it or give another folder`);
  return v.path;
}

/** Create the output folder (or keep a result nabolag wrote there until the merge replaces it), marked, with slurm/ and shards/. */
function prepareOutput(path: string, inner: Inner): void {
  prepareOutputFolder(path, { scenarioFiles: inner.scenarioFiles });
  try {
    mkdirSync(join(path, SLURM_DIR), { recursive: true });
    mkdirSync(join(path, SHARDS_DIR), { recursive: true });
  } catch (e) {
    throw environmentError(e, path);
  }
}

function writeSubmission(path: string, s: Submission): void {
  try {
    writeFileSync(join(path, SLURM_DIR, SUBMISSION_FILE), JSON.stringify(s, null, 1) + '\n');
  } catch (e) {
    throw environmentError(e, path);
  }
}

// ---- the command ----------------------------------------------------------------------------

export interface SubmitArgs {
  command?: string[];
  scheduler?: string;
  tasks?: unknown;
  partition?: string;
  account?: string;
  time?: string;
  'cpus-per-task'?: unknown;
  wait?: boolean;
  'dry-run'?: boolean;
  resume?: string;
}

function checkScheduler(s: string | undefined): void {
  if (s !== undefined && s !== 'slurm')
    throw new ArgsError(
      `option --scheduler is ${show(s)}, but must be slurm (for Kubernetes and AWS Batch run the command with --shard auto/N in their own jobs: see docs/cluster.md)`,
    );
}

function requireSbatch(): void {
  if (!onPath('sbatch'))
    throw new UserError(
      'sbatch is not on the PATH: submit needs Slurm (run it on the cluster\'s login node, perhaps after "module load slurm"); --dry-run prints the job scripts without it',
    );
}

/** `nabolag submit …` and `nabolag submit --resume DIR`; returns the exit status. */
export async function submitCommand(argv: SubmitArgs): Promise<number> {
  checkScheduler(argv.scheduler);
  if (argv.resume !== undefined) return resumeCommand(argv);
  const o = slurmOptions(argv);
  const inner = readInner(argv.command ?? []);
  const cwd = process.cwd();
  for (const f of inner.scenarioFiles)
    if (!existsSync(resolve(cwd, f))) throw new UserError(`the command to submit names ${f}, which does not exist (from ${cwd})`);
  checkScriptPath('the current folder', cwd);
  await checkTaskCount(inner, o.tasks);
  const p = thisProgram();
  if (!existsSync(p.cli)) throw new UserError(`this installation of nabolag has no ${p.cli}; reinstall it`);
  const path = checkOutput(inner, cwd);
  const scripts = slurmScripts(inner, o, path, cwd, p);
  const arrayFile = join(path, SLURM_DIR, ARRAY_SCRIPT);
  const mergeFile = join(path, SLURM_DIR, MERGE_SCRIPT);
  const all = Array.from({ length: o.tasks }, (_, i) => i + 1);
  if (argv['dry-run']) {
    out.stdout(
      `# ${arrayFile}\n${scripts.array}\n# ${mergeFile}\n${scripts.merge}\n` +
        `# nabolag submit would run:\n#   sbatch --parsable ${arrayFile}\n#   sbatch --parsable --dependency=afterany:<array job> ${mergeFile}\n`,
    );
    return 0;
  }
  requireSbatch();
  const warn = localWarning(path);
  if (warn) out.stderr(warn);
  prepareOutput(path, inner);
  try {
    writeFileSync(arrayFile, scripts.array);
    writeFileSync(mergeFile, scripts.merge);
  } catch (e) {
    throw environmentError(e, path);
  }
  const sub: Submission = { tool: 'nabolag', scheduler: 'slurm', command: inner.args, out: path, cwd, options: o, jobs: [] };
  return submitJobs(sub, all, argv.wait === true);
}

/** Submit the array for `shards` (none: only the merge) and the merge after it; record them; wait if asked. */
async function submitJobs(sub: Submission, shards: number[], wait: boolean): Promise<number> {
  const dir = sub.out;
  const arrayFile = join(dir, SLURM_DIR, ARRAY_SCRIPT);
  const mergeFile = join(dir, SLURM_DIR, MERGE_SCRIPT);
  const entry: Submission['jobs'][number] = { array: null, shards, merge: null, submitted: new Date().toISOString() };
  sub.jobs.push(entry);
  if (shards.length > 0) {
    entry.array = sbatch([`--array=${arraySpec(shards)}`, arrayFile], `the job array (${arrayFile})`);
    writeSubmission(dir, sub);
  }
  try {
    entry.merge = sbatch([...(entry.array ? [`--dependency=afterany:${entry.array}`] : []), mergeFile], `the merge job (${mergeFile})`);
  } finally {
    writeSubmission(dir, sub);
  }
  const what =
    shards.length === sub.options.tasks ? `all ${shards.length} shards` : `shard${shards.length === 1 ? '' : 's'} ${shards.join(', ')} of ${sub.options.tasks}`;
  out.stderr(
    (entry.array
      ? `nabolag: submitted job array ${entry.array} (${what}) and merge job ${entry.merge}, which runs after it\n`
      : `nabolag: submitted merge job ${entry.merge}\n`) +
      `nabolag: logs in ${join(dir, SLURM_DIR)}/; follow with: squeue -j ${[entry.array, entry.merge].filter(Boolean).join(',')}\n` +
      (wait ? 'nabolag: waiting for the merge (Ctrl-C stops waiting, not the jobs)\n' : `nabolag: if tasks fail: nabolag submit --resume ${shellQuote(dir)}\n`),
  );
  if (!wait) return 0;
  const code = await waitForMerge(entry.merge!, dir);
  if (code !== 0) out.stderr(`nabolag: to run the missing shards again and merge: nabolag submit --resume ${shellQuote(dir)}\n`);
  return code;
}

/** `--resume DIR`: resubmit the shards without a complete shard.json, then the merge. */
async function resumeCommand(argv: SubmitArgs): Promise<number> {
  if (argv.command && argv.command.length > 0) throw new ArgsError('--resume takes no command: it resubmits the command of the earlier submission');
  if (argv.tasks !== undefined) throw new ArgsError('--resume takes no --tasks: the shards are those of the earlier submission');
  const dir = resolve(argv.resume!);
  const file = join(dir, SLURM_DIR, SUBMISSION_FILE);
  let sub: Submission;
  try {
    sub = JSON.parse(readFileSync(file, 'utf8')) as Submission;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT'
        ? `option --resume: ${dir} holds no submission (no ${SLURM_DIR}/${SUBMISSION_FILE}); give the output folder of an earlier nabolag submit`
        : `option --resume: ${file} cannot be read (${code ?? 'not JSON'})`,
    );
  }
  if (
    sub?.tool !== 'nabolag' ||
    sub.scheduler !== 'slurm' ||
    !Array.isArray(sub.jobs) ||
    !Array.isArray(sub.command) ||
    !sub.command.every((a) => typeof a === 'string') ||
    typeof sub.cwd !== 'string' ||
    !Number.isInteger(sub.options?.tasks) ||
    sub.options.tasks < 1 ||
    sub.options.tasks > MAX_TASKS
  )
    throw new UserError(
      `option --resume: ${file} is not a submission nabolag wrote (fields tool, scheduler, command, cwd, jobs, options.tasks from 1 to ${MAX_TASKS} missing or wrong)`,
    );
  if (!isAbsolute(sub.cwd) || !existsSync(sub.cwd)) throw new UserError(`option --resume: the folder the jobs ran in (${sub.cwd}) no longer exists`);
  if (!isNabolagFolder(dir)) throw new UserError(`option --resume: ${dir} has no ${MARKER} marker; nabolag resumes only folders it wrote`);
  sub.out = dir;
  // options given again replace the earlier ones (e.g. a longer --time for shards that ran out of it)
  if (argv.partition !== undefined) sub.options.partition = checkName('partition', argv.partition);
  if (argv.account !== undefined) sub.options.account = checkName('account', argv.account);
  if (argv.time !== undefined) sub.options.time = checkTime(argv.time);
  if (argv['cpus-per-task'] !== undefined) sub.options.cpusPerTask = wholeNumberOption('cpus-per-task', argv['cpus-per-task'], 1, MAX_CPUS)!;
  const missing = missingShards(dir, sub.options.tasks);
  const p = thisProgram();
  const inner = readInner(sub.command.concat(['--out', dir]));
  const scripts = slurmScripts(inner, sub.options, dir, sub.cwd, p);
  if (argv['dry-run']) {
    out.stdout(
      `# missing shards: ${missing.length ? missing.join(', ') : 'none'} of ${sub.options.tasks}\n` +
        `# ${join(dir, SLURM_DIR, ARRAY_SCRIPT)}\n${scripts.array}\n# ${join(dir, SLURM_DIR, MERGE_SCRIPT)}\n${scripts.merge}`,
    );
    return 0;
  }
  requireSbatch();
  const earlier = sub.jobs.flatMap((j) => [j.array, j.merge]).filter((id): id is string => id !== null);
  const queued = stillQueued(earlier);
  if (queued.length)
    throw new UserError(
      `jobs ${queued.join(', ')} of this submission are still queued or running; wait for them (squeue -j ${queued.join(',')}) or cancel them (scancel) first`,
    );
  try {
    writeFileSync(join(dir, SLURM_DIR, ARRAY_SCRIPT), scripts.array);
    writeFileSync(join(dir, SLURM_DIR, MERGE_SCRIPT), scripts.merge);
  } catch (e) {
    throw environmentError(e, dir);
  }
  // none of the submission's jobs runs now: a missing shard's lock and partial folder are those of a
  // killed task (on any node), which would stop its rerun
  for (const k of missing)
    for (const p of removeAbandoned(join(dir, SHARDS_DIR), String(k))) out.stderr(`nabolag: removed ${p}, left by a task of shard ${k} that was killed\n`);
  out.stderr(
    missing.length
      ? `nabolag: ${missing.length > 1 ? 'shards' : 'shard'} ${missing.join(', ')} of ${sub.options.tasks} ${missing.length > 1 ? 'are' : 'is'} missing\n`
      : `nabolag: all ${sub.options.tasks} shards are complete\n`,
  );
  return submitJobs(sub, missing, argv.wait === true);
}
