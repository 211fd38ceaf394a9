/**
 * The model's calendar: month 0 is the initial state (1 January of the start year), month m ≥ 1
 * is a month of calendar year `startYear + floor((m - 1) / 12)`, and a policy lever is in force
 * from January of its `from` year until January of its `until` year. Every module that turns
 * months into years (the levers, metrics.csv, moves.csv, the summary) reads it from here.
 */

/** Calendar year of simulated month m (month 1 is January of startYear; month 0 is the start). */
export const yearOfMonth = (startYear: number, m: number): number => startYear + Math.floor(Math.max(0, m - 1) / 12);

/** Is a lever dated `from` (and `until`, if given; calendar years) in force in month m? */
export function inForce(p: { from: number; until?: number }, startYear: number, m: number): boolean {
  const y = yearOfMonth(startYear, m);
  return m >= 1 && y >= p.from && (p.until === undefined || y < p.until);
}
