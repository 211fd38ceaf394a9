/**
 * Atomic output folders: everything is written into a temporary sibling folder, which is
 * renamed into place only when all files are complete. On any failure (or Ctrl-C) the
 * temporary folder is removed, so a run never leaves half-written output behind.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export async function writeAtomically<T>(outDir: string, write: (tmpDir: string) => Promise<T>): Promise<T> {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(outDir)}.partial-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await write(tmp);
    if (existsSync(outDir)) rmSync(outDir, { recursive: true, force: true });
    renameSync(tmp, outDir);
    return result;
  } catch (e) {
    cleanup();
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
