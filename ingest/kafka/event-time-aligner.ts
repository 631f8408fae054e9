/**
 * Hands decoded batches to the engine in event-time order across partitions, the way Kafka
 * Streams picks the partition with the lowest head timestamp (and waits, max.task.idle.ms,
 * while a partition that still has data has none buffered). librdkafka fetches up to a MB
 * per partition at a time, so one partition can deliver hours of event time before another
 * delivers anything; handed on as they come, the engine's watermark (minimum over sources)
 * would only count the partitions seen so far and close panes the others still fill.
 *
 * A batch is released when every other owned partition either has a batch buffered, has
 * read up to the log end, or has been quiet for the idle timeout; then the buffered batch
 * with the lowest event time goes first. Buffered records are bounded: past the limit the
 * oldest batch is released anyway (the engine's lateness rules then apply).
 */
import type { CdrBatch } from '../../core/cdr.js';

export interface PendingBatch {
  sourceId: string;
  batch: CdrBatch;
  /** Highest event time in the batch; -Infinity for an empty one (released at once). */
  maxStartMs: number;
  /** Next offset of the partition once this batch is handed on. */
  nextOffset: number;
  /** Opaque to the aligner: what the consumer needs to dead-letter a poison message. */
  context: unknown;
}

export interface PartitionProgress {
  /** Owned partitions, as source ids. */
  owned(): Iterable<string>;
  /** True when nothing more is to be read now (fetched up to the log end) or the partition is idle. */
  drained(sourceId: string): boolean;
}

/** About 100 MB of CdrBatch columns (~100 B a record) across all partitions. */
export const MAX_BUFFERED_RECORDS = 1_000_000;

export class EventTimeAligner {
  private readonly queues = new Map<string, PendingBatch[]>();
  private buffered = 0;

  constructor(private readonly maxBufferedRecords = MAX_BUFFERED_RECORDS) {}

  push(pending: PendingBatch): void {
    let queue = this.queues.get(pending.sourceId);
    if (queue === undefined) this.queues.set(pending.sourceId, (queue = []));
    queue.push(pending);
    this.buffered += pending.batch.length;
  }

  get bufferedRecords(): number {
    return this.buffered;
  }

  /** Drops what is buffered for a partition (revoked: its new owner reads it again). */
  drop(sourceId: string): void {
    for (const pending of this.queues.get(sourceId) ?? []) this.buffered -= pending.batch.length;
    this.queues.delete(sourceId);
  }

  /** Releases batches in event-time order while no owned partition could still deliver an earlier one. */
  *release(progress: PartitionProgress): Generator<PendingBatch> {
    for (;;) {
      let best: PendingBatch[] | null = null;
      let blocked = false;
      for (const sourceId of progress.owned()) {
        const queue = this.queues.get(sourceId);
        if (queue === undefined || queue.length === 0) {
          if (!progress.drained(sourceId)) blocked = true;
          continue;
        }
        if (best === null || queue[0]!.maxStartMs < best[0]!.maxStartMs) best = queue;
      }
      // Buffered batches of partitions no longer owned are not released (drop() removes them).
      if (best === null) return;
      const head = best[0]!;
      if (blocked && head.maxStartMs !== Number.NEGATIVE_INFINITY && this.buffered < this.maxBufferedRecords) return;
      best.shift();
      this.buffered -= head.batch.length;
      yield head;
    }
  }
}
