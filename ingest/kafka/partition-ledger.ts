/**
 * Per-partition bookkeeping of one consumer: which partitions it owns, the next offset to
 * process in each, when each last had a message (for idleness), and where an assigned
 * partition resumes. Offsets processed before a revoke are kept: the member's state (and
 * so its next checkpoint) still contains those records.
 */
import { sourceIdOf, type TopicPartitionOffset } from './rdkafka.js';

export interface PartitionLag {
  sourceId: string;
  topic: string;
  partition: number;
  /** Next offset this member will process. */
  nextOffset: number;
  /** Offset the broker will give the next produced message (log end); NaN when not yet known. */
  highWatermark: number;
  /** highWatermark − nextOffset, ≥ 0; NaN when unknown. */
  lag: number;
}

interface PartitionState {
  topic: string;
  partition: number;
  nextOffset: number; // -1: nothing processed and no start offset
  lastMessageAt: number;
  assigned: boolean;
  idle: boolean;
  /** Offset after the last fetched message; -1 before any. */
  fetchedNext: number;
  /** Log end librdkafka last reported (partition EOF); -1 when not reported. */
  endOffset: number;
}

export class PartitionLedger {
  private readonly partitions = new Map<string, PartitionState>();

  constructor(startOffsets: readonly TopicPartitionOffset[]) {
    for (const { topic, partition, offset } of startOffsets) {
      this.partitions.set(sourceIdOf(topic, partition), { topic, partition, nextOffset: offset, lastMessageAt: 0, assigned: false, idle: false, fetchedNext: -1, endOffset: -1 });
    }
  }

  /** Marks the partition owned; returns the assignment to hand librdkafka (with a resume offset when known). */
  assign(topic: string, partition: number): { topic: string; partition: number; offset?: number } {
    const key = sourceIdOf(topic, partition);
    let state = this.partitions.get(key);
    if (state === undefined) {
      state = { topic, partition, nextOffset: -1, lastMessageAt: 0, assigned: false, idle: false, fetchedNext: -1, endOffset: -1 };
      this.partitions.set(key, state);
    }
    state.assigned = true;
    state.idle = false;
    state.fetchedNext = -1;
    state.endOffset = -1;
    state.lastMessageAt = Date.now();
    return state.nextOffset >= 0 ? { topic, partition, offset: state.nextOffset } : { topic, partition };
  }

  revoke(topic: string, partition: number): void {
    const state = this.partitions.get(sourceIdOf(topic, partition));
    if (state !== undefined) state.assigned = false;
  }

  isAssigned(topic: string, partition: number): boolean {
    return this.partitions.get(sourceIdOf(topic, partition))?.assigned === true;
  }

  /** Messages up to nextOffset were handed on (their effect is in the engine). */
  processedUpTo(topic: string, partition: number, nextOffset: number): void {
    const state = this.partitions.get(sourceIdOf(topic, partition));
    if (state !== undefined) state.nextOffset = nextOffset;
  }

  /** Messages arrived from the partition (buffered, maybe not handed on yet). */
  fetched(sourceId: string, nextOffset: number, now: number): void {
    const state = this.partitions.get(sourceId);
    if (state === undefined) return;
    state.fetchedNext = nextOffset;
    state.lastMessageAt = now;
    state.idle = false;
  }

  /** librdkafka reached the end of the log at `endOffset` (EOF events come after the messages before them). */
  reachedEnd(sourceId: string, endOffset: number): void {
    const state = this.partitions.get(sourceId);
    if (state !== undefined) state.endOffset = endOffset;
  }

  /** Nothing more to read from the partition for now: fetched up to the log end, or quiet for the idle timeout. */
  drained(sourceId: string, now: number, idleTimeoutMs: number): boolean {
    const state = this.partitions.get(sourceId);
    if (state === undefined) return true;
    const atEnd = state.endOffset >= 0 && state.fetchedNext <= state.endOffset;
    return atEnd || now - state.lastMessageAt >= idleTimeoutMs;
  }

  *owned(): Generator<string> {
    for (const [sourceId, state] of this.partitions) if (state.assigned) yield sourceId;
  }

  /** Partitions that just crossed the idle timeout (each reported once per quiet spell). */
  newlyIdle(now: number, idleTimeoutMs: number): string[] {
    const idle: string[] = [];
    for (const [sourceId, state] of this.partitions) {
      if (state.assigned && !state.idle && now - state.lastMessageAt >= idleTimeoutMs) {
        state.idle = true;
        idle.push(sourceId);
      }
    }
    return idle;
  }

  /** Next offset per partition that has one (owned now or earlier). */
  processed(): TopicPartitionOffset[] {
    const out: TopicPartitionOffset[] = [];
    for (const s of this.partitions.values()) if (s.nextOffset >= 0) out.push({ topic: s.topic, partition: s.partition, offset: s.nextOffset });
    return out;
  }

  lag(highWatermarkOf: (topic: string, partition: number) => number): PartitionLag[] {
    const out: PartitionLag[] = [];
    for (const [sourceId, s] of this.partitions) {
      if (!s.assigned) continue;
      const high = highWatermarkOf(s.topic, s.partition);
      const known = Number.isFinite(high) && high >= 0 && s.nextOffset >= 0;
      out.push({
        sourceId, topic: s.topic, partition: s.partition, nextOffset: s.nextOffset,
        highWatermark: Number.isFinite(high) && high >= 0 ? high : NaN,
        lag: known ? Math.max(0, high - s.nextOffset) : NaN,
      });
    }
    return out;
  }
}

/** Lag summed per topic (the metric's label set; partitions are summed away). */
export function sumLagByTopic(lags: readonly PartitionLag[]): Map<string, number> {
  const byTopic = new Map<string, number>();
  for (const l of lags) if (Number.isFinite(l.lag)) byTopic.set(l.topic, (byTopic.get(l.topic) ?? 0) + l.lag);
  return byTopic;
}
