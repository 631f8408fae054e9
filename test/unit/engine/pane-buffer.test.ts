import { describe, expect, it } from 'vitest';
import { allocCdrBatch, type CdrBatch } from '../../../core/cdr.js';
import { PendingPanes } from '../../../engine/pane-buffer.js';

function lcg(seed: number): (n: number) => number {
  return (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
}

interface Row { startMs: number; operatorId: number; recordId: string }

function batchOf(rows: readonly Row[]): CdrBatch {
  const batch = allocCdrBatch(rows.length);
  rows.forEach((row, i) => {
    batch.startMs[i] = row.startMs;
    batch.operatorId[i] = row.operatorId;
    batch.imsiId[i] = i + 1;
    batch.recordId[i] = row.recordId;
    batch.cause[i] = '';
  });
  batch.length = rows.length;
  return batch;
}

const byKey = (a: Row, b: Row): number => a.startMs - b.startMs || a.operatorId - b.operatorId
  || (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0);

const MINUTE_MS = 29_000_000 * 60_000;

function takeShuffled(rows: readonly Row[], seed: number): CdrBatch {
  const shuffle = lcg(seed);
  const arrival = [...rows];
  for (let i = arrival.length - 1; i > 0; i--) {
    const j = shuffle(i + 1);
    [arrival[i], arrival[j]] = [arrival[j]!, arrival[i]!];
  }
  const panes = new PendingPanes();
  // Several source batches, as from files or partitions.
  for (let start = 0; start < arrival.length; start += 97) {
    const batch = batchOf(arrival.slice(start, start + 97));
    for (let row = 0; row < batch.length; row++) panes.add(batch, row);
  }
  const pane = panes.take(MINUTE_MS / 60_000)!;
  expect(panes.size).toBe(0);
  return pane;
}

describe('PendingPanes.take', () => {
  it.each([
    ['three operators', 3],
    ['operator ids beyond the sort key (2,000)', 2000],
  ])('orders a pane by (event time, operator, record id) whatever the arrival order, for short and long runs of ties: %s', (_name, operators) => {
    const rand = lcg(7);
    const rows: Row[] = [];
    // Whole-second times (short runs of ties), one millisecond shared by 100 rows (a long run).
    for (let i = 0; i < 600; i++) rows.push({ startMs: MINUTE_MS + rand(60) * 1000, operatorId: rand(3) * (operators - 1) / 2 + 1, recordId: `r${rand(100_000)}-${i}` });
    for (let i = 0; i < 100; i++) rows.push({ startMs: MINUTE_MS + 30_500, operatorId: rand(3) * (operators - 1) / 2 + 1, recordId: `t${rand(100_000)}-${i}` });
    const expected = [...rows].sort(byKey).map((r) => r.recordId);
    for (const seed of [1, 2, 3]) {
      const pane = takeShuffled(rows, seed);
      expect(pane.recordId.slice(0, pane.length)).toEqual(expected);
    }
  });

  it('keeps sub-millisecond times apart and every row once (microsecond ISO times)', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 200; i++) rows.push({ startMs: MINUTE_MS + 1000 + (i % 7) * 0.25 + (i % 3) * 1000, operatorId: 1 + (i % 2), recordId: `u${(i * 7919) % 1000}` });
    const expected = [...rows].sort(byKey);
    const pane = takeShuffled(rows, 5);
    expect(pane.recordId.slice(0, pane.length)).toEqual(expected.map((r) => r.recordId));
    expect(Array.from(pane.startMs.subarray(0, pane.length))).toEqual(expected.map((r) => r.startMs));
  });
});
