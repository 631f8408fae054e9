/**
 * Records waiting for the watermark, grouped by event-time minute. A pane is applied only
 * when the watermark has passed its end, in a deterministic order (event time, then record
 * id), so replaying the same input gives the same state and the same finding ids no matter
 * how sources interleaved.
 */
import { allocCdrBatch, type CdrBatch } from '../core/cdr.js';
import { minuteOf } from '../core/time.js';

const COLUMN_KEYS = ['startMs', 'event', 'direction', 'answered', 'durationS', 'ringS', 'bytes', 'trunkIn',
  'operatorId', 'imsiId', 'imeiId', 'cellId', 'servedMsisdnId', 'peerMsisdnId'] as const;

export function appendRow(dst: CdrBatch, src: CdrBatch, row: number): CdrBatch {
  let out = dst;
  if (out.length === out.startMs.length) out = growBatch(out, out.length * 2);
  const i = out.length;
  for (const key of COLUMN_KEYS) out[key][i] = src[key][row]!;
  out.recordId[i] = src.recordId[row]!;
  out.cause[i] = src.cause[row] ?? '';
  out.length = i + 1;
  return out;
}

function growBatch(batch: CdrBatch, capacity: number): CdrBatch {
  const next = allocCdrBatch(capacity);
  for (const key of COLUMN_KEYS) next[key].set(batch[key].subarray(0, batch.length));
  for (let i = 0; i < batch.length; i++) {
    next.recordId[i] = batch.recordId[i]!;
    next.cause[i] = batch.cause[i]!;
  }
  next.length = batch.length;
  return next;
}

/** Reorders a batch in place by (startMs, operatorId, recordId). */
export function sortBatch(batch: CdrBatch): CdrBatch {
  const n = batch.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => batch.startMs[a]! - batch.startMs[b]! || batch.operatorId[a]! - batch.operatorId[b]!
    || (batch.recordId[a]! < batch.recordId[b]! ? -1 : batch.recordId[a]! > batch.recordId[b]! ? 1 : 0));
  let sorted = true;
  for (let i = 0; i < n; i++) if (order[i] !== i) { sorted = false; break; }
  if (sorted) return batch;
  let out = allocCdrBatch(Math.max(1, n));
  for (const row of order) out = appendRow(out, batch, row);
  return out;
}

export class PendingPanes {
  private readonly panes = new Map<number, CdrBatch>();
  private pendingCount = 0;

  get size(): number {
    return this.pendingCount;
  }

  add(src: CdrBatch, row: number): void {
    const minute = minuteOf(src.startMs[row]!);
    const pane = this.panes.get(minute) ?? allocCdrBatch(64);
    this.panes.set(minute, appendRow(pane, src, row));
    this.pendingCount++;
  }

  /** Lowest minute with pending records, or +Infinity. */
  firstMinute(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const minute of this.panes.keys()) if (minute < min) min = minute;
    return min;
  }

  lastMinute(): number {
    let max = Number.NEGATIVE_INFINITY;
    for (const minute of this.panes.keys()) if (minute > max) max = minute;
    return max;
  }

  /** Removes and returns the sorted records of `minute`, or undefined. */
  take(minute: number): CdrBatch | undefined {
    const pane = this.panes.get(minute);
    if (pane === undefined) return undefined;
    this.panes.delete(minute);
    this.pendingCount -= pane.length;
    return sortBatch(pane);
  }
}
