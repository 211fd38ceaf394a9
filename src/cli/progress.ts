/**
 * What a run says on the console while it works: a progress bar on stderr (only when stderr is a
 * terminal), counting the same units the closing line names, with a time estimate only once one
 * can be made (two units done and a second gone), and a stage line while the charts and the
 * report are written. Nothing is shown with `--quiet`.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** `done` of the units so far. */
  update(done: number): void;
  /** The simulation is over; `what` is being written now (shown as a stage line). */
  stage(what: string): void;
  stop(): void;
}

/** Seconds left as a person reads it: "12 s", "3 min". */
export function timeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s left`;
  return `${Math.round(seconds / 60)} min left`;
}

/** The estimate: none before two units are done and a second has passed, then a linear one. */
export function estimateLeft(done: number, total: number, elapsedMs: number): string {
  if (done < 2 || elapsedMs < 1000 || done >= total) return '';
  return timeLeft(((total - done) * elapsedMs) / done / 1000);
}

/**
 * A progress reporter counting `total` units named `unit` (e.g. "replications", "runs"), or
 * undefined when nothing is to be shown (quiet, not a terminal, or a single unit).
 */
export function progressReporter(label: string, total: number, unit: string, quiet = false): Progress | undefined {
  if (quiet || !process.stderr.isTTY || total < 2) return undefined;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} ${unit} {left}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const t0 = performance.now();
  bar.start(total, 0, { left: '' });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    bar.stop();
  };
  return {
    update: (done) => bar.update(done, { left: estimateLeft(done, total, performance.now() - t0) }),
    stage: (what) => {
      stop();
      process.stderr.write(`${what}…\n`);
    },
    stop,
  };
}
