/**
 * Moving replication results across worker threads: flatten to typed arrays (transferable)
 * and rebuild on the other side.
 */
import type { ReplicationResult } from '../model/simulate.js';
import { MoveLog } from '../model/world.js';

export type Packed = Omit<ReplicationResult, 'log'> & { log: { enabled: boolean; size: number; cols: Record<string, ArrayBufferView> } };

const LOG_COLS = ['month', 'uid', 'kind', 'reason', 'stay', 'strong', 'family', 'from', 'to', 'estate'] as const;

export function pack(r: ReplicationResult): { packed: Packed; transfer: ArrayBuffer[] } {
  const cols: Record<string, ArrayBufferView> = {};
  const transfer: ArrayBuffer[] = [r.metrics.buffer as ArrayBuffer];
  for (const c of LOG_COLS) {
    const a = r.log[c].slice(0, r.log.size);
    cols[c] = a;
    transfer.push(a.buffer as ArrayBuffer);
  }
  for (const m of r.maps) transfer.push(m.types.buffer as ArrayBuffer);
  return { packed: { ...r, log: { enabled: r.log.enabled, size: r.log.size, cols } }, transfer };
}

export function unpack(p: Packed): ReplicationResult {
  const log = new MoveLog(p.log.enabled, 1);
  log.size = p.log.size;
  for (const c of LOG_COLS) (log as unknown as Record<string, ArrayBufferView>)[c] = p.log.cols[c]!;
  return { ...p, log };
}
