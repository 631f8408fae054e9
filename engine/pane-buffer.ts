/**
 * Records waiting for the watermark, grouped by event-time minute. A pane is applied only
 * when the watermark has passed its end, in a deterministic order (event time, then
 * operator and record id), so replaying the same input gives the same state and the same
 * finding ids however sources interleaved.
 *
 * Pending records are references (batch, row) into the readers' batches, which are never
 * modified after they are handed over; a pane's records are gathered column by column into
 * one sorted batch when it closes: one copy per record, in monomorphic loops.
 */
import { allocCdrBatch, type CdrBatch } from '../core/cdr.js';
import { MINUTE_MS } from '../core/time.js';
import { grow } from './growable.js';

const NUMERIC_COLUMNS = ['startMs', 'event', 'direction', 'answered', 'durationS', 'ringS', 'bytes', 'trunkIn',
  'operatorId', 'imsiId', 'imeiId', 'cellId', 'servedMsisdnId', 'peerMsisdnId'] as const;

/** Copies rows `rows` of `src` (in that order) to the end of `dst`, growing it as needed. */
export function gatherRows(dst: CdrBatch, sources: readonly CdrBatch[], batchIndex: Uint32Array, rowIndex: Uint32Array, order: Uint32Array): CdrBatch {
  const n = order.length;
  let out = dst;
  if (out.startMs.length < out.length + n) {
    const bigger = allocCdrBatch(Math.max(out.length + n, out.startMs.length * 2));
    for (const key of NUMERIC_COLUMNS) bigger[key].set(out[key].subarray(0, out.length));
    for (let i = 0; i < out.length; i++) {
      bigger.recordId[i] = out.recordId[i]!;
      bigger.cause[i] = out.cause[i]!;
    }
    bigger.length = out.length;
    out = bigger;
  }
  const base = out.length;
  // Explicit property names: a loop over column keys would make every access a slow keyed load.
  for (let i = 0; i < n; i++) {
    const ref = order[i]!;
    const src = sources[batchIndex[ref]!]!;
    const row = rowIndex[ref]!;
    const j = base + i;
    out.startMs[j] = src.startMs[row]!;
    out.event[j] = src.event[row]!;
    out.direction[j] = src.direction[row]!;
    out.answered[j] = src.answered[row]!;
    out.durationS[j] = src.durationS[row]!;
    out.ringS[j] = src.ringS[row]!;
    out.bytes[j] = src.bytes[row]!;
    out.trunkIn[j] = src.trunkIn[row]!;
    out.operatorId[j] = src.operatorId[row]!;
    out.imsiId[j] = src.imsiId[row]!;
    out.imeiId[j] = src.imeiId[row]!;
    out.cellId[j] = src.cellId[row]!;
    out.servedMsisdnId[j] = src.servedMsisdnId[row]!;
    out.peerMsisdnId[j] = src.peerMsisdnId[row]!;
    out.recordId[j] = src.recordId[row]!;
    out.cause[j] = src.cause[row] ?? '';
  }
  out.length = base + n;
  return out;
}

/** Appends one row; for the occasional late record. */
export function appendRow(dst: CdrBatch, src: CdrBatch, row: number): CdrBatch {
  return gatherRows(dst, [src], Uint32Array.of(0), Uint32Array.of(row), Uint32Array.of(0));
}

/** A copy of `batch` in (event time, operator, record id) order: late records are applied like a pane's. */
export function sortedBatch(batch: CdrBatch): CdrBatch {
  const n = batch.length;
  const rows = Array.from({ length: n }, (_, i) => i);
  rows.sort((a, b) => batch.startMs[a]! - batch.startMs[b]! || batch.operatorId[a]! - batch.operatorId[b]!
    || (batch.recordId[a]! < batch.recordId[b]! ? -1 : batch.recordId[a]! > batch.recordId[b]! ? 1 : 0));
  const order = Uint32Array.from(rows);
  return gatherRows(allocCdrBatch(Math.max(1, n)), [batch], new Uint32Array(n), order, Uint32Array.from({ length: n }, (_, i) => i));
}

/** Sort scratch of PendingPanes.take, reused from pane to pane (not state: nothing is kept between calls). */
let scratchKeys = new Float64Array(1024);
let scratchOrder = new Uint32Array(1024);
let scratchOperator = new Uint32Array(1024);
const scratchRecordId: string[] = [];
/** Row index bits of a sort key (rows per pane < 2^22), and the operator bits above them. */
const ROW_BITS = 4_194_304; // 2^22
const OPERATOR_LIMIT = 1024; // operator ids below 2^10 go into the key
const MS_STEP = ROW_BITS * OPERATOR_LIMIT; // 2^32: ms offsets (< 60,000 < 2^16) above them, 48 bits in all
/** Ties up to this long are insertion-sorted in place; longer ones by Array.prototype.sort. */
const SHORT_TIE_RUN = 24;

/** Record-id order of pending indexes a, b. */
function compareRecordIds(a: number, b: number): number {
  const ida = scratchRecordId[a]!;
  const idb = scratchRecordId[b]!;
  return ida < idb ? -1 : ida > idb ? 1 : 0;
}

/** Sorts order[start, end) by record id, stably (equal ids keep arrival order). */
function sortTies(order: Uint32Array, start: number, end: number): void {
  if (end - start > SHORT_TIE_RUN) {
    const run = Array.from(order.subarray(start, end));
    run.sort(compareRecordIds);
    order.set(run, start);
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const row = order[i]!;
    let j = i - 1;
    while (j >= start && compareRecordIds(order[j]!, row) > 0) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = row;
  }
}

/**
 * Pending indexes of a pane in (event time, operator, record id) order, so arrival order never
 * decides the result (equal keys, which dedupe should have prevented, keep arrival order). Times
 * are often whole seconds, so many rows share a millisecond: a numeric sort on (ms offset,
 * operator, arrival) first, then each run of equal (ms, operator) sorted by record id.
 */
function sortedOrder(pane: PendingPane, sources: readonly CdrBatch[]): Uint32Array {
  const n = pane.length;
  if (scratchKeys.length < n) {
    scratchKeys = new Float64Array(n + (n >> 1));
    scratchOrder = new Uint32Array(scratchKeys.length);
    scratchOperator = new Uint32Array(scratchKeys.length);
  }
  const keys = scratchKeys.subarray(0, n);
  const order = scratchOrder.subarray(0, n);
  let maxOperator = 0;
  let wholeMs = true;
  for (let i = 0; i < n; i++) {
    const src = sources[pane.batchIndex[i]!]!;
    const row = pane.rowIndex[i]!;
    const operatorId = src.operatorId[row]!;
    scratchOperator[i] = operatorId;
    scratchRecordId[i] = src.recordId[row]!;
    if (operatorId > maxOperator) maxOperator = operatorId;
    if (!Number.isInteger(pane.offsetMs[i]!)) wholeMs = false;
  }
  if (wholeMs && maxOperator < OPERATOR_LIMIT && n < ROW_BITS) {
    for (let i = 0; i < n; i++) keys[i] = pane.offsetMs[i]! * MS_STEP + scratchOperator[i]! * ROW_BITS + i;
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i]! % ROW_BITS;
    for (let start = 0; start < n;) {
      const first = order[start]!;
      const ms = pane.offsetMs[first]!;
      let end = start + 1;
      while (end < n && pane.offsetMs[order[end]!] === ms && scratchOperator[order[end]!] === scratchOperator[first]) end++;
      if (end - start > 1) sortTies(order, start, end);
      start = end;
    }
  } else {
    // Sub-millisecond times (a key would lose them) or ids beyond the key's bits: one comparison sort.
    const rows = Array.from({ length: n }, (_, i) => i);
    rows.sort((a, b) => pane.offsetMs[a]! - pane.offsetMs[b]! || scratchOperator[a]! - scratchOperator[b]! || compareRecordIds(a, b));
    order.set(rows);
  }
  scratchRecordId.length = 0;
  return order;
}

export class PendingPane {
  length = 0;
  batchIndex = new Uint32Array(32);
  rowIndex = new Uint32Array(32);
  /** Position of the ms within the minute, for a numeric pre-sort. */
  offsetMs = new Float64Array(32);

  push(batchIdx: number, row: number, offsetMs: number): void {
    const i = this.length;
    if (i === this.batchIndex.length) {
      this.batchIndex = grow(this.batchIndex, i + 1);
      this.rowIndex = grow(this.rowIndex, i + 1);
      this.offsetMs = grow(this.offsetMs, i + 1);
    }
    this.batchIndex[i] = batchIdx;
    this.rowIndex[i] = row;
    this.offsetMs[i] = offsetMs;
    this.length = i + 1;
  }
}

export class PendingPanes {
  private readonly panes = new Map<number, PendingPane>();
  /** Batches referenced by pending panes, with how many pending rows each still has. */
  private batches: (CdrBatch | undefined)[] = [];
  private pendingRows: number[] = [];
  private readonly freeBatchSlots: number[] = [];
  private pendingCount = 0;
  private lastBatch: CdrBatch | undefined;
  private lastBatchIdx = -1;

  get size(): number {
    return this.pendingCount;
  }

  add(src: CdrBatch, row: number): void {
    if (src !== this.lastBatch) {
      const idx = this.freeBatchSlots.pop() ?? this.batches.length;
      this.batches[idx] = src;
      this.pendingRows[idx] = 0;
      this.lastBatch = src;
      this.lastBatchIdx = idx;
    }
    const startMs = src.startMs[row]!;
    const minute = Math.floor(startMs / MINUTE_MS);
    let pane = this.panes.get(minute);
    if (pane === undefined) this.panes.set(minute, (pane = new PendingPane()));
    pane.push(this.lastBatchIdx, row, startMs - minute * MINUTE_MS);
    this.pendingRows[this.lastBatchIdx]!++;
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
    const n = pane.length;
    const sources = this.batches as CdrBatch[];
    const order = sortedOrder(pane, sources);
    const out = gatherRows(allocCdrBatch(n), sources, pane.batchIndex, pane.rowIndex, order);
    for (let i = 0; i < n; i++) this.release(pane.batchIndex[i]!);
    this.pendingCount -= n;
    return out;
  }

  private release(batchIdx: number): void {
    if (--this.pendingRows[batchIdx]! === 0) {
      this.batches[batchIdx] = undefined;
      this.freeBatchSlots.push(batchIdx);
      if (this.lastBatchIdx === batchIdx) {
        this.lastBatch = undefined;
        this.lastBatchIdx = -1;
      }
    }
  }
}
