/**
 * Where a YAML syntax error is reported (the scenario files are written by hand: the place has to
 * be the mistake's, not only where the parser noticed it).
 */
import type { LineCounter, YAMLError } from '../yaml.js';

/** Where a YAML error is reported, and why there when it is not where yaml found it. */
export interface YamlErrorPlace {
  line: number;
  col: number;
  /** Said after the parser's message, or ''. */
  note: string;
}

/** Opening and closing characters of YAML's flow collections. */
const CLOSER: Record<string, string> = { '[': ']', '{': '}' };

/**
 * The YAML syntax errors to report, each once and at the place to report it: yaml's own place,
 * except for three mistakes it finds only later in the file (at its end, or on the line before
 * the mistake):
 *  - a quoted text never closed: the line where the quote opens;
 *  - a list `[` or mapping `{` never closed: the line where it opens;
 *  - a line indented differently from the lines around it, which yaml reads as the value on the
 *    line before going on over two lines (BLOCK_AS_IMPLICIT_KEY and MULTILINE_IMPLICIT_KEY at the
 *    same place): that line.
 * An error at the same place as one before it is left out (the indentation mistake gives two).
 */
export function yamlErrorPlaces(text: string, errors: readonly YAMLError[], lc: LineCounter): { error: YAMLError; place: YamlErrorPlace }[] {
  const lines = text.split('\n');
  const seen = new Set<number>();
  const out: { error: YAMLError; place: YamlErrorPlace }[] = [];
  for (const e of errors) {
    if (seen.has(e.pos[0])) continue;
    seen.add(e.pos[0]);
    out.push({ error: e, place: placeOf(e, errors, lines, lc) });
  }
  return out;
}

function placeOf(e: YAMLError, errors: readonly YAMLError[], lines: string[], lc: LineCounter): YamlErrorPlace {
  const own = lc.linePos(e.pos[0]);
  const quote = e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(e.message) : null;
  const atQuote = quote && lastOpening(lines, own.line, (line) => unmatchedQuote(line, quote[1]!));
  if (atQuote) return { ...atQuote, note: ' (the quoted text that begins here is never closed)' };
  const flow = /end with an? ([\]}])/.exec(e.message);
  const open = flow?.[1] === ']' ? '[' : '{';
  const atFlow = flow && lastOpening(lines, own.line, (line) => unmatchedOpen(line, open));
  if (atFlow) return { ...atFlow, note: ` (the ${open} that begins here is never closed with ${CLOSER[open]})` };
  const multi = e.code === 'BLOCK_AS_IMPLICIT_KEY' ? errors.find((m) => m.code === 'MULTILINE_IMPLICIT_KEY' && m.pos[0] === e.pos[0]) : undefined;
  if (multi) {
    const line = lc.linePos(Math.max(multi.pos[0], multi.pos[1] - 1)).line;
    const body = lines[line - 1];
    if (line > own.line && body !== undefined)
      return {
        line,
        col: body.length - body.trimStart().length + 1,
        note: ` (this line is indented differently from the lines around it: YAML reads it as going on with line ${own.line})`,
      };
  }
  return { ...own, note: '' };
}

/** The last line at or before `from` (1-based) where `opening` finds what is never closed (its index on the line, or -1), and where. */
function lastOpening(lines: readonly string[], from: number, opening: (line: string) => number): { line: number; col: number } | undefined {
  for (let l = Math.min(from, lines.length) - 1; l >= 0; l--) {
    const col = opening(lines[l]!);
    if (col >= 0) return { line: l + 1, col: col + 1 };
  }
  return undefined;
}

/** Whether a comment starts at index i of the line: a `#` at its start or after white space (YAML's rule). */
const commentAt = (line: string, i: number): boolean => line[i] === '#' && (i === 0 || /\s/.test(line[i - 1]!));

/** Index of a quote `q` on the line that opens a quoted text not closed on it (outside comments), or -1. */
function unmatchedQuote(line: string, q: string): number {
  let open = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (open < 0 && commentAt(line, i)) break;
    if (open < 0 && (c === '"' || c === "'")) {
      if (c === q) open = i;
      else {
        const close = line.indexOf(c, i + 1);
        if (close < 0) return -1;
        i = close;
      }
    } else if (open >= 0 && c === q) {
      if (q === '"' && line[i - 1] === '\\') continue;
      if (q === "'" && line[i + 1] === "'") {
        i++;
        continue;
      }
      open = -1;
    }
  }
  return open;
}

/** Index of the last `open` bracket on the line not closed on it (outside quotes and comments), or -1. */
function unmatchedOpen(line: string, open: string): number {
  const stack: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (commentAt(line, i)) break;
    if (c === '"' || c === "'") {
      const close = line.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === open) stack.push(i);
    else if (c === CLOSER[open] && stack.length) stack.pop();
  }
  return stack.length ? stack[stack.length - 1]! : -1;
}
