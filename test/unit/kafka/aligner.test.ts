import { describe, expect, it } from 'vitest';
import { allocCdrBatch } from '../../../core/cdr.js';
import { EventTimeAligner, type PendingBatch } from '../../../ingest/kafka/event-time-aligner.js';

function pending(sourceId: string, maxStartMs: number, records = 10): PendingBatch {
  const batch = allocCdrBatch(records);
  batch.length = records;
  return { sourceId, batch, maxStartMs, nextOffset: 0, context: null };
}

describe('EventTimeAligner', () => {
  it('waits for a partition that may still deliver earlier data, then releases in event-time order', () => {
    const aligner = new EventTimeAligner();
    const drained = new Set<string>();
    const progress = { owned: () => ['t/0', 't/1'], drained: (s: string) => drained.has(s) };
    aligner.push(pending('t/0', 3_000));
    aligner.push(pending('t/0', 9_000));
    expect([...aligner.release(progress)]).toEqual([]); // t/1 has nothing buffered and is not at its end
    aligner.push(pending('t/1', 5_000));
    expect([...aligner.release(progress)].map((p) => p.maxStartMs)).toEqual([3_000, 5_000]);
    drained.add('t/1'); // t/1 read to the end: t/0 may go on alone
    expect([...aligner.release(progress)].map((p) => p.maxStartMs)).toEqual([9_000]);
    expect(aligner.bufferedRecords).toBe(0);
  });

  it('releases empty batches (all records rejected) at once so offsets move on', () => {
    const aligner = new EventTimeAligner();
    aligner.push(pending('t/0', Number.NEGATIVE_INFINITY, 0));
    expect([...aligner.release({ owned: () => ['t/0', 't/1'], drained: () => false })]).toHaveLength(1);
  });

  it('releases the oldest batch anyway once the buffer limit is reached', () => {
    const aligner = new EventTimeAligner(25);
    const progress = { owned: () => ['t/0', 't/1'], drained: () => false };
    aligner.push(pending('t/0', 1_000));
    aligner.push(pending('t/0', 2_000));
    aligner.push(pending('t/0', 3_000));
    expect([...aligner.release(progress)].map((p) => p.maxStartMs)).toEqual([1_000]);
  });

  it('drops what is buffered for a revoked partition', () => {
    const aligner = new EventTimeAligner();
    aligner.push(pending('t/0', 1_000));
    aligner.drop('t/0');
    expect(aligner.bufferedRecords).toBe(0);
    expect([...aligner.release({ owned: () => ['t/0'], drained: () => true })]).toEqual([]);
  });
});
