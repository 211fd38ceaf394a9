/**
 * Reading lever comparisons in tests: paired totals and means of a metric over months and
 * replications, and the resource-strong share of in-movers (test/levers/).
 */
import { METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import type { ReplicationResult } from '../../src/model/simulate.js';

/** A metric of one replication's row in month m. */
export const at = (r: ReplicationResult, name: string, m: number, row = 0) => r.metrics[(m * r.rowNames.length + row) * NMETRIC + METRIC_INDEX[name]!]!;
/** Sum of a metric over months [from, to] and replications. */
export const sum = (rs: ReplicationResult[], name: string, from = 1, to?: number, row = 0) =>
  rs.reduce((s, r) => {
    for (let m = from; m <= (to ?? r.months); m++) s += at(r, name, m, row);
    return s;
  }, 0);
/** Mean of a metric over months [from, to] and replications. */
export const mean = (rs: ReplicationResult[], name: string, from = 1, to?: number, row = 0) =>
  sum(rs, name, from, to, row) / (rs.length * ((to ?? rs[0]!.months) - from + 1));
/** The resource-strong share of in-movers from month `from` on. */
export const inStrongShare = (rs: ReplicationResult[], from = 13) => sum(rs, 'inResourceStrong', from) / sum(rs, 'moveIns', from);
