/**
 * Instructions counted by valgrind's callgrind, by JavaScript function: the deterministic way to
 * compare two versions of the model on a machine whose speed drifts (bench/RESULTS.md,
 * "Measuring on this machine").
 *
 *   valgrind --tool=callgrind --callgrind-out-file=cg.out \
 *     node --single-threaded --perf-basic-prof script.mjs
 *   node dist/bench/instructions.js cg.out /tmp/perf-<pid>.map [top] [events]
 *
 * `--perf-basic-prof` makes node write, for each piece of compiled code, its address range and
 * name to /tmp/perf-<pid>.map; callgrind names such code by its address only. This script adds
 * up each function's own instructions ("self" cost), names the compiled code from the map,
 * and prints the total by kind (the model's optimised code, V8's optimising compiler, V8's
 * built-ins, the rest) and the `top` (default 30) optimised JavaScript functions. `events`
 * counts something else than instructions, from a run with `--cache-sim=yes`: e.g. `DLmr+DLmw`
 * for last-level data misses (`--LL=1048576,16,64` makes the simulated last level the size of
 * this machine's L2).
 */
import { readFileSync } from 'node:fs';

interface Range {
  start: number;
  end: number;
  name: string;
}

/** The address ranges of compiled code in a perf map ("<hex start> <hex size> <name>" per line), sorted. */
export function readPerfMap(text: string): Range[] {
  const out: Range[] = [];
  for (const line of text.split('\n')) {
    const a = line.indexOf(' ');
    const b = line.indexOf(' ', a + 1);
    if (a < 0 || b < 0) continue;
    const start = parseInt(line.slice(0, a), 16);
    out.push({ start, end: start + parseInt(line.slice(a + 1, b), 16), name: line.slice(b + 1) });
  }
  return out.sort((x, y) => x.start - y.start);
}

/** The name of the code holding `addr` (the last range starting at or before it), or undefined. */
export function lookup(ranges: Range[], addr: number): string | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.start <= addr) {
      k = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return k >= 0 && addr < ranges[k]!.end ? ranges[k]!.name : undefined;
}

/**
 * Self cost per function name in a callgrind output file: of the first event (Ir, instructions),
 * or the sum of the events named (e.g. ['DLmr', 'DLmw'], last-level data misses, from a run with
 * `--cache-sim=yes`). Names are compressed ("fn=(12) name" once, "fn=(12)" after); the cost line
 * after a "calls=" line is the inclusive cost of a call and is not the caller's own.
 */
export function selfCosts(text: string, events: string[] = []): Map<string, number> {
  const names = new Map<string, string>();
  const cost = new Map<string, number>();
  let current = '?';
  let skipNext = false;
  let columns = [0];
  for (const line of text.split('\n')) {
    if (line.startsWith('events:')) {
      const all = line.slice(7).trim().split(/\s+/);
      if (events.length > 0) {
        columns = events.map((e) => all.indexOf(e));
        const missing = events.filter((_, k) => columns[k]! < 0);
        if (missing.length > 0) throw new Error(`no event ${missing.join(', ')} in this file (it has ${all.join(' ')})`);
      }
      continue;
    }
    const m = /^(c?fn)=\((\d+)\)(?: (.*))?$/.exec(line);
    if (m) {
      if (m[3] !== undefined) names.set(m[2]!, m[3]);
      if (m[1] === 'fn') current = names.get(m[2]!) ?? '?';
      continue;
    }
    if (line.startsWith('calls=')) {
      skipNext = true;
      continue;
    }
    const c = line.charCodeAt(0);
    const isCost = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 42; // digit, +, -, *
    if (!isCost) continue;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    const fields = line.split(' ');
    if (fields.length < 2) continue;
    let v = 0;
    for (const k of columns) v += Number(fields[1 + k] ?? 0);
    cost.set(current, (cost.get(current) ?? 0) + v);
  }
  return cost;
}

/** The kind of a named piece of code. */
function kindOf(name: string): string {
  if (name.startsWith('JS:*')) return 'optimised JavaScript';
  if (name.startsWith('JS:')) return 'JavaScript not optimised';
  if (name.includes('compiler::')) return 'optimising compiler (TurboFan)';
  if (name.startsWith('Builtins_') || name.startsWith('Builtin:')) return 'V8 built-ins';
  return 'the rest';
}

function main(): void {
  const [cgFile, mapFile, topArg, eventsArg] = process.argv.slice(2);
  if (!cgFile || !mapFile) {
    console.error('usage: node dist/bench/instructions.js <callgrind.out> <perf-PID.map> [top] [events, e.g. DLmr+DLmw]');
    process.exit(2);
  }
  const events = eventsArg ? eventsArg.split('+') : [];
  const ranges = readPerfMap(readFileSync(mapFile, 'utf8'));
  const byName = new Map<string, number>();
  for (const [name, c] of selfCosts(readFileSync(cgFile, 'utf8'), events)) {
    // compiled code appears as its address, sometimes with a recursion suffix ('2)
    const hex = /^0x([0-9a-f]+)(?:'\d+)?$/.exec(name);
    const key = hex ? (lookup(ranges, parseInt(hex[1]!, 16)) ?? 'compiled code not in the map') : name.replace(/'\d+$/, '').split('(')[0]!;
    byName.set(key, (byName.get(key) ?? 0) + c);
  }
  let total = 0;
  const byKind = new Map<string, number>();
  for (const [name, c] of byName) {
    total += c;
    const k = kindOf(name);
    byKind.set(k, (byKind.get(k) ?? 0) + c);
  }
  const fmt = (c: number) => `${(c / 1e6).toFixed(1).padStart(9)} M ${((100 * c) / total).toFixed(1).padStart(5)}%`;
  console.log(`${(total / 1e6).toFixed(1)} M ${events.length > 0 ? events.join('+') : 'instructions'} in all`);
  for (const [k, c] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`${fmt(c)}  ${k}`);
  console.log('');
  const top = Number(topArg ?? 30);
  const js = [...byName].filter(([n]) => n.startsWith('JS:*')).sort((a, b) => b[1] - a[1]);
  for (const [n, c] of js.slice(0, top)) console.log(`${fmt(c)}  ${n.slice(4).replace(/ file:\/\/\S*\/(dist\/)?/, ' ')}`);
}

if (process.argv[1] && /instructions\.[jt]s$/.test(process.argv[1])) main();
