/**
 * Pulls CDR batches from several sources always from the one furthest behind in event time
 * (lowest latest start time seen so far), so the watermark — the minimum over sources — moves
 * forward for all files together. Shared by the in-thread replay and the parse worker, so both
 * hand the engine the same batches in the same order (and dedupe keeps the same copy).
 */
import type { CdrBatch } from '../core/cdr.js';

export interface MergeSource {
  iterator: AsyncIterator<CdrBatch>;
  lastEventMs: number;
  done: boolean;
}

export function mergeSource(batches: AsyncIterable<CdrBatch>): MergeSource {
  return { iterator: batches[Symbol.asyncIterator](), lastEventMs: Number.NEGATIVE_INFINITY, done: false };
}

/**
 * Calls onBatch(index, batch) for every batch and onDone(index) once a source is exhausted,
 * in event-time order across sources; awaits onBatch (a consumer may apply backpressure).
 */
export async function pullInEventTimeOrder(
  sources: MergeSource[],
  onBatch: (index: number, batch: CdrBatch) => void | Promise<void>,
  onDone: (index: number) => void,
): Promise<void> {
  while (true) {
    let index = -1;
    for (let s = 0; s < sources.length; s++) {
      if (!sources[s]!.done && (index < 0 || sources[s]!.lastEventMs < sources[index]!.lastEventMs)) index = s;
    }
    if (index < 0) return;
    const source = sources[index]!;
    const next = await source.iterator.next();
    if (next.done === true) {
      source.done = true;
      onDone(index);
      continue;
    }
    const batch = next.value;
    let max = source.lastEventMs;
    for (let i = 0; i < batch.length; i++) if (batch.startMs[i]! > max) max = batch.startMs[i]!;
    source.lastEventMs = max;
    await onBatch(index, batch);
  }
}
