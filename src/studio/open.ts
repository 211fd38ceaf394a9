/**
 * A scenario file opened in the studio: its text checked as `nabolag validate` checks a file
 * (scenario/parse.ts, then the schema and the cross-field rules, each problem with the file's
 * name, the field, the value and what is allowed), so the page shows the command line's
 * messages. The page has no file system, so a file that extends another is refused with a
 * message saying so. Pure (the page and the tests use it).
 */
import { validateNamingEstates } from '../scenario/estate-names.js';
import { formatIssues, messages } from '../scenario/messages.js';
import { MAX_SCENARIO_FILE_BYTES, parseScenarioText, safeName, tooBig, unreadNumbers } from '../scenario/parse.js';
import { checkRules, touchedBy } from '../scenario/rules.js';
import type { Scenario } from '../scenario/schema.js';

/** A file name's extension (from its last dot, not a leading one), lower case, as the command line reads it. */
const extensionOf = (name: string): string => {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const i = base.lastIndexOf('.');
  return i > 0 ? base.slice(i).toLowerCase() : '';
};

/** The scenario of a file's text, or the command line's message for it. `size` (bytes) is checked first when known. */
export function openScenarioText(file: string, text: string, size?: number): { scenario: Scenario } | { message: string } {
  if (size !== undefined && size > MAX_SCENARIO_FILE_BYTES) return { message: formatIssues([messages.fileUnreadable(file, tooBig(size))]) };
  const parsed = parseScenarioText(file, extensionOf(file), text);
  if ('issues' in parsed) return { message: formatIssues(parsed.issues) };
  const data = parsed.data;
  const parent = Object.hasOwn(data, 'extends') ? data.extends : undefined;
  if (parent !== undefined && parent !== null) {
    // the way out, as a command: `validate --show` prints the scenario with extends merged, a file the page opens
    const base = file.slice(file.lastIndexOf('/') + 1);
    const whole = `${base.slice(0, base.length - extensionOf(base).length) || base}-whole.yaml`;
    return {
      message: formatIssues([
        messages.rule(
          file,
          'extends',
          `field "extends" is ${JSON.stringify(parent)}: the studio opens one file and cannot read the file it extends; write the scenario whole (extends merged) with "nabolag validate --show ${base} > ${whole}" and open ${whole}`,
        ),
      ]),
    };
  }
  delete data.$schema;
  delete data.extends;
  // `name` is not inherited and defaults to the file's base name (as scenario/load.ts)
  if (!Object.hasOwn(data, 'name') || data.name === undefined) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    data.name = safeName(base.slice(0, base.length - extensionOf(base).length));
  }
  // a number written too large to read (`1e400`) is quoted as written
  let numbers: Map<string, string> | undefined;
  const written = (p: string) => {
    numbers ??= unreadNumbers(parsed.text);
    return numbers.get(p);
  };
  // a policy's estate may be the estate's name (`estate: Nord`), read as the command line reads it
  const checked = validateNamingEstates(data, file, written);
  const scenario = checked.value as Scenario;
  const issues = [...checked.issues, ...checkRules(scenario, file, touchedBy(checked.issues))];
  return issues.length ? { message: formatIssues(issues) } : { scenario };
}
