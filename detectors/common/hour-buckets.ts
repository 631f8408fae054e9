/**
 * Two hourly buckets per key (the previous hour and the current one), so "the last hour" is
 * read as 60–120 minutes of history without a pane log. Detectors use it for features the
 * engine's subscriber windows do not keep (SMS recipients, ring times, number ranges).
 */
import { HOUR_MS } from '../../core/time.js';

export class HourPair<T> {
  current: T;
  previous: T;
  hour: number;
  private readonly fresh: () => T;

  constructor(fresh: () => T, atMs: number) {
    this.fresh = fresh;
    this.current = fresh();
    this.previous = fresh();
    this.hour = Math.floor(atMs / HOUR_MS);
  }

  /** Rolls the buckets forward to the hour of `atMs`; returns the bucket for `atMs` (late records land in `previous`, older ones nowhere). */
  at(atMs: number): T | undefined {
    const hour = Math.floor(atMs / HOUR_MS);
    if (hour > this.hour) {
      this.previous = hour === this.hour + 1 ? this.current : this.fresh();
      this.current = this.fresh();
      this.hour = hour;
      return this.current;
    }
    if (hour === this.hour) return this.current;
    return hour === this.hour - 1 ? this.previous : undefined;
  }

  /** Both buckets, after rolling to `nowMs` (so a stale current bucket is not read as recent). */
  window(nowMs: number): [T, T] {
    this.at(nowMs);
    return [this.previous, this.current];
  }
}

/** `hours` hourly buckets per key (the current hour and the ones before it), for slower patterns. */
export class HourRing<T> {
  private readonly buckets: T[];
  hour: number;
  private readonly fresh: () => T;

  constructor(fresh: () => T, atMs: number, hours: number) {
    this.fresh = fresh;
    this.buckets = Array.from({ length: hours }, fresh);
    this.hour = Math.floor(atMs / HOUR_MS);
  }

  /** Bucket for `atMs` after rolling forward; undefined when older than the ring. */
  at(atMs: number): T | undefined {
    const hour = Math.floor(atMs / HOUR_MS);
    const n = this.buckets.length;
    if (hour > this.hour) {
      for (let h = Math.max(this.hour + 1, hour - n + 1); h <= hour; h++) this.buckets[h % n] = this.fresh();
      this.hour = hour;
    }
    return hour > this.hour - n ? this.buckets[hour % n] : undefined;
  }

  /** Every bucket, after rolling to `nowMs`. */
  window(nowMs: number): T[] {
    this.at(nowMs);
    return this.buckets;
  }
}
