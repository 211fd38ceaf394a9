/**
 * A stream that says it is a terminal (or not) and keeps what is written to it: the progress
 * bar's tests (test/cli/progress*.test.ts) read what it drew.
 */
import { Writable } from 'node:stream';

export function fakeTerminal(isTTY = true) {
  let text = '';
  const w = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  }) as Writable & { isTTY: boolean; columns: number; cursorTo: () => boolean; clearLine: () => boolean; moveCursor: () => boolean };
  w.isTTY = isTTY;
  w.columns = 200;
  w.cursorTo = () => true;
  w.clearLine = () => true;
  w.moveCursor = () => true;
  return { stream: w as unknown as NodeJS.WriteStream, text: () => text };
}
