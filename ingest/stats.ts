/**
 * Counters every reader fills: read = accepted + duplicates + rejectedTotal for one source.
 * `late` belongs to the engine (it knows the watermark) and is carried here so one object
 * makes the replay summary.
 */
import type { RejectReason } from './reasons.js';

export class IngestStats {
  /** Data rows seen (header and blank lines excluded), good or bad. */
  read = 0;
  /** Rows handed on in a batch or result list. */
  accepted = 0;
  /** Repeats of (operator, record_id) dropped. */
  duplicates = 0;
  /** Accepted rows later than the allowed lateness (counted by the engine). */
  late = 0;
  rejectedTotal = 0;
  readonly rejectedByReason = new Map<RejectReason, number>();

  reject(reason: RejectReason): void {
    this.rejectedTotal++;
    this.rejectedByReason.set(reason, (this.rejectedByReason.get(reason) ?? 0) + 1);
  }

  add(other: IngestStats): this {
    this.read += other.read;
    this.accepted += other.accepted;
    this.duplicates += other.duplicates;
    this.late += other.late;
    this.rejectedTotal += other.rejectedTotal;
    for (const [reason, count] of other.rejectedByReason) {
      this.rejectedByReason.set(reason, (this.rejectedByReason.get(reason) ?? 0) + count);
    }
    return this;
  }

  /** Makes this a copy of `other` (same counts, same reasons). */
  copyFrom(other: IngestStats): this {
    this.read = other.read;
    this.accepted = other.accepted;
    this.duplicates = other.duplicates;
    this.late = other.late;
    this.rejectedTotal = other.rejectedTotal;
    this.rejectedByReason.clear();
    for (const [reason, count] of other.rejectedByReason) this.rejectedByReason.set(reason, count);
    return this;
  }

  /** Reasons sorted by count (desc), then name, for summaries. */
  reasonsByCount(): [RejectReason, number][] {
    return [...this.rejectedByReason].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }
}
