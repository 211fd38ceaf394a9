/**
 * `nabolag validate <file…>`: check scenario files without running them. Prints `<file>: ok`
 * for each good file and every problem of each bad one (not only the first).
 */
import { checkScenario } from '../scenario/load.js';
import { formatIssues, messages } from '../scenario/messages.js';

export interface Output {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Exit code: 0 when every file is valid, 2 (user error) otherwise. Lines end with a newline. */
export function validateCommand(files: string[], out: Output): number {
  if (files.length === 0) {
    out.stderr(messages.noFiles() + '\n');
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const { issues } = checkScenario(file);
    if (issues.length) {
      failed = true;
      out.stderr(formatIssues(issues) + '\n');
    } else {
      out.stdout(messages.validOk(file) + '\n');
    }
  }
  return failed ? 2 : 0;
}
