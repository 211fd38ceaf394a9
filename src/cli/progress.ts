/**
 * What a run says on the console while it works: a progress bar on stderr (only when stderr is a
 * terminal), labelled with the same count of work the closing line names (`workCount`), a stage
 * while the run starts (anchoring the estates, starting the worker threads) and a time estimate
 * only once one can be made, and a stage line while the charts and the report are written.
 * Nothing is shown with `--quiet`.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** `done` of the units so far (with the part done of those running: 2.35). */
  update(done: number): void;
  /** The simulation is over; `what` is being written now (shown as a stage line). */
  stage(what: string): void;
  stop(): void;
}

/**
 * The work of a command as the bar's label and the closing line both name it: "10 replications",
 * "4 scenarios x 10 paired replications = 40 runs", "5 points x 10 paired replications = 50 runs".
 */
export function workCount(replications: number, groups?: { count: number; noun: 'scenarios' | 'points' }): string {
  const reps = `${replications} ${groups ? 'paired ' : ''}replication${replications === 1 ? '' : 's'}`;
  if (!groups) return reps;
  return `${groups.count} ${groups.noun} x ${reps} = ${groups.count * replications} runs`;
}

/** Seconds left as a person reads it: "12 s", "3 min", "2 h 5 min". */
export function timeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/**
 * Units that must be done after the first one before the time left is estimated. The first unit
 * also carries the start-up (anchoring the estates: about 1-3 s per estate of 600-1,000 flats; starting and
 * compiling the model on the threads), which says nothing about the rate of the others: `npm
 * start` on the 2-core development machine had its first of 40 runs done after 4.5 s and the
 * other 39 in 2 s, so an estimate from the first ones said "2 min left" for 20 s of work.
 */
export const ESTIMATE_AFTER_UNITS = 2;
/** Time that must pass after the first unit before the time left is estimated (ms): less is noise. */
export const ESTIMATE_AFTER_MS = 1000;
/**
 * Time after the first work done after which the time left is estimated from parts of units (ms):
 * a replication of the national scenario takes minutes, and its parts done come every second
 * (engine/ensemble.ts `onProgress`), so waiting for two whole units would leave the user without
 * an estimate for ten minutes or more. Ten seconds of a replication's months is a steady rate.
 */
export const ESTIMATE_AFTER_PART_MS = 10_000;

/**
 * The estimate: none until `ESTIMATE_AFTER_MS` have passed since the first work done and, after
 * it, `ESTIMATE_AFTER_UNITS` units are done or, from parts of units (`done` may be fractional),
 * `ESTIMATE_AFTER_PART_MS` have passed with work done; then the rate since the first work times
 * the work left. `first` is when the first work was done: `firstDone` units (or a part of one) at
 * `firstMs`, so the start-up (anchoring, starting the threads) does not count.
 */
export function estimateLeft(done: number, total: number, nowMs: number, first: { firstDone: number; firstMs: number } | undefined): string {
  if (!first || done >= total) return '';
  const units = done - first.firstDone;
  const ms = nowMs - first.firstMs;
  if (units <= 0 || ms < ESTIMATE_AFTER_MS) return '';
  if (units < ESTIMATE_AFTER_UNITS && ms < ESTIMATE_AFTER_PART_MS) return '';
  return timeLeft(((total - done) * ms) / units / 1000);
}

export interface ProgressOptions {
  quiet?: boolean;
  /** What the run does before its first unit is done (shown beside the bar until then). */
  starting?: string;
  /** Where the bar goes (default: standard error); nothing is shown unless it is a terminal. */
  stream?: NodeJS.WriteStream;
  /** The clock, in ms (default: performance.now). */
  now?: () => number;
}

/**
 * A progress reporter counting `total` units named `unit` (e.g. "replications", "runs") under
 * `label`, or undefined when nothing is to be shown (quiet, or not a terminal).
 */
export function progressReporter(label: string, total: number, unit: string, opts: ProgressOptions = {}): Progress | undefined {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet || !stream.isTTY || total < 1) return undefined;
  const now = opts.now ?? (() => performance.now());
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} ${unit} {left}`, stream, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { left: opts.starting ? `(${opts.starting}…)` : '' });
  let first: { firstDone: number; firstMs: number } | undefined;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    bar.stop();
  };
  return {
    // `done` may hold the part done of the units running (engine/ensemble.ts `onProgress`): the
    // bar counts whole units, the estimate all the work
    update: (done) => {
      const t = now();
      if (!first && done > 0) first = { firstDone: done, firstMs: t };
      bar.update(Math.floor(done + 1e-9), { left: estimateLeft(done, total, t, first) });
    },
    stage: (what) => {
      stop();
      stream.write(`${what}…\n`);
    },
    stop,
  };
}

/** The stage a run starts with: anchoring when an estate is anchored (model/anchor.ts), else starting. */
export const startingStage = (estates: readonly { anchor?: boolean }[]): string =>
  estates.some((e) => e.anchor !== false) ? 'anchoring the estates' : 'starting';
