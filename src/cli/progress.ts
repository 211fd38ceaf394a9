/** A progress bar on stderr for long runs, shown only when stderr is a terminal. */
import cliProgress from 'cli-progress';

export function progressReporter(label: string, total: number): { update: (done: number) => void; stop: () => void } | undefined {
  if (!process.stderr.isTTY || total < 2) return undefined;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} replications | {eta}s left`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
