/**
 * Outcomes of a sensitivity analysis: named mathjs expressions over metrics at given years,
 * given on the command line as `<name>=<expression>`, e.g.
 *
 *   gain=resourceStrongShare@2040 - resourceStrongShare@2026
 *   families=resourceStrongFamilies@2040
 *   ratio=moveOuts[Nordparken]@2035 / moveIns[Nordparken]@2035
 *
 * `metric@year` is the ensemble mean, over the replications of one sample point, of the metric's
 * yearly value (model/digest.ts `yearly`, as summary.json and effects.csv give it: stocks, shares
 * and levels at the end of the year, flows summed over the year) in the row the scenario reports
 * last: the region when the scenario has several estates, else its one estate.
 * `metric[estate]@year` names an estate's row (or `region`). Years run from the scenario's start
 * year to its last simulated year. Anything else mathjs evaluates may surround them: arithmetic,
 * `abs`, `log`, `max`, `pi` … ; the result must be a number.
 *
 * Each expression is parsed and compiled once (mathjs, imported only when a command has
 * outcomes: loading it takes about 0.9 s) and evaluated for every sample point. A mistake (an
 * unknown metric, a year out of range, bad syntax, an unknown name) is a UserError naming the
 * option, the expression and what is allowed. No I/O.
 */
import { METRIC_INDEX, METRICS } from '../model/reporters.js';
import { type ReplicationDigest, yearly } from '../model/digest.js';
import { UserError, show } from '../scenario/messages.js';

/** A `metric[row]@year` reference inside an expression. */
export interface OutcomeRef {
  /** The mathjs variable it became. */
  variable: string;
  metric: string;
  /** Its index in METRICS. */
  k: number;
  /** The row named (null: the last row, the region or the one estate). */
  row: string | null;
  year: number;
}

export interface Outcome {
  name: string;
  /** The expression as typed. */
  expression: string;
  refs: OutcomeRef[];
  /** Evaluate with each ref's value (in `refs` order). */
  evaluate(values: readonly number[]): number;
}

/** What an outcome may refer to: the scenario's rows and simulated years. */
export interface OutcomeContext {
  rowNames: readonly string[];
  startYear: number;
  /** Simulated years. */
  years: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REF = /([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?@([^\s()+\-*/^,%<>=!&|?:;]*)/g;

const optionError = (text: string, why: string): never => {
  throw new UserError(`option --outcome ${show(text)}: ${why}`);
};

/** The metric names nearest to a mistyped one (one contains the other first, then the same start), for the message. */
function nearMetrics(name: string): string[] {
  const low = name.toLowerCase();
  const all = METRICS.map((m) => m.name);
  const contained = all.filter((m) => m.toLowerCase().includes(low) || low.includes(m.toLowerCase()));
  const sameStart = all.filter((m) => !contained.includes(m) && m.slice(0, 5).toLowerCase() === low.slice(0, 5));
  return [...contained, ...sameStart];
}

/** Compile `<name>=<expression>` outcomes (names unique), checking every reference against the context. */
export async function compileOutcomes(texts: readonly string[], ctx: OutcomeContext): Promise<Outcome[]> {
  const names = new Set<string>();
  const items = texts.map((text) => {
    const eq = text.indexOf('=');
    if (eq < 0) optionError(text, 'give <name>=<expression>, e.g. --outcome gain=resourceStrongShare@2040-resourceStrongShare@2026');
    const name = text.slice(0, eq).trim();
    const expression = text.slice(eq + 1).trim();
    if (!NAME.test(name)) optionError(text, `the name ${show(name)} must be letters, digits and _ (starting with a letter)`);
    if (names.has(name)) optionError(text, `the name ${show(name)} is given twice; give each outcome its own name`);
    // samples.csv's first column; a second column of that name breaks a join in R or pandas quietly
    if (name === 'sample') optionError(text, 'the name "sample" is the first column of samples.csv; give the outcome another name');
    names.add(name);
    return { text, name, expression };
  });
  return compileExpressions(items, ctx, 'outcome');
}

/**
 * The functions an expression may call: mathjs' functions of numbers that return a number (a
 * sum, mean or extreme of their arguments included). Others (ones, zeros, range, matrix, random, …)
 * build or need arrays, and one of them could exhaust memory while the expression is checked.
 */
export const SCALAR_FUNCTIONS = [
  'abs',
  'sqrt',
  'cbrt',
  'exp',
  'log',
  'log10',
  'log2',
  'pow',
  'min',
  'max',
  'mean',
  'median',
  'sum',
  'prod',
  'round',
  'floor',
  'ceil',
  'fix',
  'sign',
  'hypot',
] as const;

/** A mathjs message as the user can read it: the references by what they typed, on one line. */
const readable = (message: string): string =>
  message
    .replace(/__ref\d+/g, 'metric@year')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Compile named expressions (as `compileOutcomes`, whose parsing of `<name>=<expression>` they
 * come from; `nabolag calibrate` reads its targets' expressions itself). `text` is what the user
 * typed, and `option` the option it came with, for the messages.
 */
export async function compileExpressions(
  items: readonly { text: string; name: string; expression: string }[],
  ctx: OutcomeContext,
  option: string,
): Promise<Outcome[]> {
  const math = await import('mathjs');
  const lastYear = ctx.startYear + ctx.years - 1;
  const optionError = (text: string, why: string): never => {
    throw new UserError(`option --${option} ${show(text)}: ${why}`);
  };
  return items.map(({ text, name, expression }) => {
    if (expression === '') optionError(text, 'the expression after "=" is empty');
    const refs: OutcomeRef[] = [];
    const byKey = new Map<string, string>();
    const rewritten = expression.replace(REF, (_m, metric: string, row: string | undefined, year: string) => {
      if (!(metric in METRIC_INDEX)) {
        const near = nearMetrics(metric);
        optionError(
          text,
          `unknown metric ${show(metric)}${near.length ? ` (did you mean ${near.slice(0, 4).join(', ')}?)` : ''}; the metrics are listed in docs/metrics.md`,
        );
      }
      const r = row === undefined ? null : row.trim();
      if (r !== null && !ctx.rowNames.includes(r))
        optionError(text, `${metric}[${r}]: the scenario has no estate ${show(r)}; it reports ${ctx.rowNames.join(', ')}`);
      if (!/^\d+$/.test(year) || Number(year) < ctx.startYear || Number(year) > lastYear)
        optionError(text, `${metric}@${year}: the year must be a simulated year, from ${ctx.startYear} to ${lastYear}`);
      const key = `${metric}[${r ?? ''}]@${year}`;
      let variable = byKey.get(key);
      if (!variable) {
        variable = `__ref${refs.length}`;
        byKey.set(key, variable);
        refs.push({ variable, metric, k: METRIC_INDEX[metric]!, row: r, year: Number(year) });
      }
      return variable;
    });
    if (rewritten.includes('@')) optionError(text, 'write a metric at a year as metric@year, e.g. resourceStrongShare@2040');
    let node: import('mathjs').MathNode;
    try {
      node = math.parse(rewritten);
    } catch (e) {
      // the position mathjs gives counts in the rewritten text, not in what the user typed: left out
      return optionError(text, `the expression cannot be read: ${readable((e as Error).message).replace(/ \(char \d+\)/g, '')}`);
    }
    const known = new Set(refs.map((r) => r.variable));
    // numbers only: a matrix, a range or a function outside SCALAR_FUNCTIONS could build an array
    // as large as memory (sum(ones(1e9)) ran out of it while the expression was checked)
    for (const x of node.filter((n) => n.type === 'ArrayNode' || n.type === 'RangeNode' || n.type === 'IndexNode' || n.type === 'ObjectNode'))
      optionError(
        text,
        `${x.type === 'RangeNode' ? 'a range (a:b)' : x.type === 'IndexNode' ? 'an index ([…])' : x.type === 'ObjectNode' ? 'an object ({…})' : 'a list ([…])'} is not allowed: an expression is of numbers, metric@year and the functions ${SCALAR_FUNCTIONS.join(', ')}`,
      );
    for (const x of node.filter((n) => n.type === 'FunctionNode')) {
      const fn = (x as import('mathjs').FunctionNode).fn as import('mathjs').SymbolNode;
      const name = String(fn.name);
      if (!known.has(name) && !(SCALAR_FUNCTIONS as readonly string[]).includes(name))
        optionError(text, `the function ${show(name)} is not allowed here; use ${SCALAR_FUNCTIONS.join(', ')}`);
    }
    // "a b" and "a (b)" are a product to mathjs; here they are almost always an operator left out
    const juxtaposed = node.filter(
      (x) =>
        (x.type === 'OperatorNode' && (x as import('mathjs').OperatorNode).implicit) ||
        (x.type === 'FunctionNode' && known.has(String(((x as import('mathjs').FunctionNode).fn as import('mathjs').SymbolNode).name))),
    );
    if (juxtaposed.length)
      optionError(text, 'two terms stand side by side with no operator between them; write the operator (*, /, + or -), e.g. moveOuts@2030/households@2030');
    for (const n of node.filter((x, path, parent) => x.type === 'SymbolNode' && !(parent?.type === 'FunctionNode' && path === 'fn'))) {
      const s = (n as import('mathjs').SymbolNode).name;
      if (known.has(s)) continue;
      if (s in METRIC_INDEX) optionError(text, `${s} needs a year: write ${s}@<year>, e.g. ${s}@${lastYear}`);
      const v = (math as unknown as Record<string, unknown>)[s];
      if (typeof v !== 'number') optionError(text, `unknown name ${show(s)}; refer to metrics as metric@year (docs/metrics.md lists them)`);
    }
    if (refs.length === 0) optionError(text, 'the expression refers to no metric; write e.g. resourceStrongShare@2040');
    // a division by the number 0 is no number at any point: refused before the runs, not warned of after them
    const byZero = node.filter((x) => {
      if (x.type !== 'OperatorNode') return false;
      const o = x as import('mathjs').OperatorNode;
      const d = o.args[1];
      return (o.op === '/' || o.op === 'mod') && d?.type === 'ConstantNode' && Number((d as import('mathjs').ConstantNode).value) === 0;
    });
    if (byZero.length) optionError(text, 'the expression divides by 0, so it is no number at any point; divide by a metric or a number other than 0');
    const code = node.compile();
    const scope = new Map<string, number>();
    const evaluate = (values: readonly number[]): number => {
      for (let i = 0; i < refs.length; i++) scope.set(refs[i]!.variable, values[i]!);
      const v = code.evaluate(scope);
      return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
    };
    // evaluated once now, so that a function that does not exist or a result that is no number is a mistake here, not after the runs
    let probe: unknown;
    try {
      for (const r of refs) scope.set(r.variable, 1);
      probe = code.evaluate(scope);
    } catch (e) {
      optionError(text, `the expression cannot be evaluated: ${readable((e as Error).message)}`);
    }
    if (typeof probe !== 'number' && typeof probe !== 'boolean') optionError(text, `the expression must give a number, but gives ${math.typeOf(probe)}`);
    return { name, expression, refs, evaluate };
  });
}

/** The ensemble mean of each outcome's references, and the outcomes, for one sample point. */
export function outcomeValues(outcomes: readonly Outcome[], startYear: number, replications: readonly ReplicationDigest[]): number[] {
  const rowNames = replications[0]!.rowNames;
  return outcomes.map((o) =>
    o.evaluate(
      o.refs.map((ref) => {
        const r = ref.row === null ? rowNames.length - 1 : rowNames.indexOf(ref.row);
        const y = ref.year - startYear + 1;
        let s = 0;
        for (const d of replications) s += yearly(d, r, ref.k, y);
        return s / replications.length;
      }),
    ),
  );
}
