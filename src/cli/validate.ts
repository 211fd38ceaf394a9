/**
 * `nabolag validate [--show] [--set path=value…] <file…>`: check scenario files without running them. Prints
 * `<file>: ok` for each good file, every problem of each bad one (not only the first), and
 * warnings (`warning: …`, on standard error) about what is allowed but probably not meant, such as
 * an `extends` that drops inherited estates. Warnings do not change the exit code. With `--show`,
 * each good file is printed resolved (its `extends` merged, every default filled in) as YAML,
 * each value with where it came from: `# file:line`, or `# default`.
 */
import { stringify } from '../yaml.js';
import { type Source, traceScenario } from '../scenario/load.js';
import { formatIssues, messages } from '../scenario/messages.js';
import { leverWarnings } from '../scenario/rules.js';
import type { Assignment } from '../scenario/set.js';

export interface Output {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Warnings as printed: one line each, `warning: file:line: message` (a warning found through several files once). */
export const formatWarnings = (warnings: { file: string; message: string }[]): string =>
  [...new Set(warnings.map((w) => `warning: ${w.file}: ${w.message}\n`))].join('');

/**
 * Exit code: 0 when every file is valid (warnings or not), 2 (user error) otherwise. Lines end with
 * a newline. `set`: the `--set` assignments, applied to each file as `run` applies them (a value set
 * is shown with the option that set it).
 */
export function validateCommand(files: string[], out: Output, opts: { show?: boolean; set?: readonly Assignment[] } = {}): number {
  if (files.length === 0) {
    out.stderr(messages.noFiles() + '\n');
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const { scenario, issues, warnings, trace } = traceScenario(file, { set: opts.set });
    if (scenario) warnings.push(...leverWarnings(scenario, file));
    if (warnings.length) out.stderr(formatWarnings(warnings));
    if (issues.length || !scenario) {
      failed = true;
      out.stderr(formatIssues(issues) + '\n');
      continue;
    }
    if (opts.show && trace) out.stdout(showResolved(scenario, trace));
    else out.stdout(messages.validOk(file) + '\n');
  }
  return failed ? 2 : 0;
}

/** Column at which the comments naming the sources start (longer lines push theirs further). */
const COMMENT_COLUMN = 48;

const sourceText = (s: Source): string => (s === 'default' ? 'default' : 'setBy' in s ? s.setBy : s.line === undefined ? s.file : `${s.file}:${s.line}`);

/** A scalar (or a list of scalars) as YAML on one line. */
/** A value on one line: a text YAML would write over several (a newline in it) as a double-quoted scalar, which YAML reads as JSON writes it. */
const scalar = (v: unknown): string => {
  const text = stringify(v, { lineWidth: 0, flowCollectionPadding: false, collectionStyle: 'flow' }).trimEnd();
  return text.includes('\n') ? JSON.stringify(v) : text;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCollection = (v: unknown): boolean => isRecord(v) || (Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null));

/**
 * The resolved scenario as YAML (which `nabolag validate` accepts again), with a comment naming
 * where each value came from, after a header naming the files of the `extends` chain.
 */
export function showResolved(scenario: object, trace: { files: string[]; source: (p: string) => Source }): string {
  const lines: string[] = [
    `# ${trace.files[0]} resolved${trace.files.length > 1 ? ` (extends ${trace.files.slice(1).join(' → ')})` : ''}:`,
    '# every value with the file and line it came from, or "default" (docs/parameters.md).',
  ];
  const line = (text: string, path: string) => lines.push(`${text.padEnd(COMMENT_COLUMN - 1)} # ${sourceText(trace.source(path))}`);
  const walk = (v: unknown, path: string, indent: string, first = '') => {
    if (isRecord(v)) {
      let lead = first;
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        const key = `${lead || indent}${/^[A-Za-z_][\w]*$/.test(k) ? k : JSON.stringify(k)}:`;
        lead = '';
        if (isCollection(x) && !(Array.isArray(x) && x.length === 0)) {
          lines.push(key);
          walk(x, p, indent + '  ');
        } else line(`${key} ${scalar(x)}`, p);
      }
      if (Object.keys(v).length === 0) lines.push(`${first || indent}{}`);
      return;
    }
    if (Array.isArray(v))
      for (const [i, x] of v.entries()) {
        const p = `${path}[${i}]`;
        if (isCollection(x)) walk(x, p, indent + '  ', `${indent}- `);
        else line(`${indent}- ${scalar(x)}`, p);
      }
  };
  walk(scenario, '', '');
  return lines.join('\n') + '\n';
}
