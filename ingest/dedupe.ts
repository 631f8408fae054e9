/**
 * Remembers (operator, record_id) pairs seen within a horizon of event time so repeats
 * can be dropped. Keys are stored as two independent 32-bit hashes (a false match needs
 * both to collide: ~n²/2⁶⁵, about 1 in 2 million at 4 M live keys) in an open-addressing
 * table together with the time bucket of the record; strings are never kept.
 * Expiry is O(1): a bucket is dropped by moving the live-bucket floor; slots of dropped
 * buckets are reused by later inserts and swept out when the table is compacted.
 * Memory is bounded by the records inside the horizon and by `maxEntries`.
 */

export interface DeduplicatorOptions {
  /** How far back in event time a repeat is still recognised. */
  horizonMs: number;
  /** Hard cap on remembered keys; oldest buckets are dropped early to respect it. */
  maxEntries?: number;
}

/** The horizon is cut into this many buckets; expiry drops whole buckets (≤ 1/8 horizon slack). */
const BUCKETS_PER_HORIZON = 8;
/**
 * 4 M keys: after compaction a table holds 2.5-5 slots of 16 B per live key, so ≤ 320 MB
 * worst case; enough for a 2 h horizon at ~550 records/s of event time per operator
 * feed. Past it the oldest buckets go early (the horizon shrinks, memory does not grow).
 */
export const DEFAULT_DEDUPE_MAX_ENTRIES = 4 * 1024 * 1024;
const INITIAL_CAPACITY = 1 << 12;

export class RecordDeduplicator {
  private readonly horizonMs: number;
  private readonly bucketMs: number;
  private readonly maxEntries: number;
  private capacity = INITIAL_CAPACITY;
  private h1 = new Uint32Array(INITIAL_CAPACITY);
  private h2 = new Uint32Array(INITIAL_CAPACITY); // 0 = empty slot (h2 is forced odd)
  private bucket = new Float64Array(INITIAL_CAPACITY);
  /** Slots holding a key, live or expired. */
  private used = 0;
  /** Live keys per bucket number. */
  private readonly liveByBucket = new Map<number, number>();
  private live = 0;
  /** Buckets below this are expired. */
  private liveFromBucket = -Infinity;
  private maxStartMs = -Infinity;

  constructor(opts: DeduplicatorOptions) {
    if (!(opts.horizonMs > 0) || !Number.isFinite(opts.horizonMs)) {
      throw new RangeError(`horizonMs must be a finite number > 0 (got ${opts.horizonMs})`);
    }
    this.horizonMs = opts.horizonMs;
    this.bucketMs = Math.max(1, Math.ceil(opts.horizonMs / BUCKETS_PER_HORIZON));
    this.maxEntries = opts.maxEntries ?? DEFAULT_DEDUPE_MAX_ENTRIES;
  }

  get size(): number {
    return this.live;
  }

  /** True when (operatorId, recordId) was seen before within the horizon; otherwise remembers it. */
  isDuplicate(operatorId: number, recordId: string, startMs: number): boolean {
    if (startMs > this.maxStartMs) {
      this.maxStartMs = startMs;
      this.expireBefore(startMs - this.horizonMs);
    }
    const bucketNo = Math.floor(startMs / this.bucketMs);
    // Outside memory (older than the horizon, or in a bucket already dropped): can't tell, don't keep.
    if (bucketNo < this.liveFromBucket) return false;

    // Two independent hashes: FNV-1a and a murmur-style multiply-rotate, both seeded with the operator.
    let a = (0x811c9dc5 ^ operatorId) >>> 0;
    let b = Math.imul(operatorId + 1, 0x9e3779b1) >>> 0;
    for (let i = 0; i < recordId.length; i++) {
      const c = recordId.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0xcc9e2d51);
      b = (b << 15) | (b >>> 17);
    }
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = (a ^ (a >>> 13)) >>> 0;
    b = (Math.imul(b ^ (b >>> 16), 0x85ebca6b) | 1) >>> 0;

    const mask = this.capacity - 1;
    let slot = a & mask;
    let reusable = -1;
    while (this.h2[slot] !== 0) {
      if (this.bucket[slot]! < this.liveFromBucket) {
        if (reusable < 0) reusable = slot;
      } else if (this.h1[slot] === a && this.h2[slot] === b) {
        return true;
      }
      slot = (slot + 1) & mask;
    }
    if (reusable >= 0) slot = reusable;
    else this.used++;
    this.h1[slot] = a;
    this.h2[slot] = b;
    this.bucket[slot] = bucketNo;
    this.live++;
    this.liveByBucket.set(bucketNo, (this.liveByBucket.get(bucketNo) ?? 0) + 1);
    if (this.live >= this.maxEntries) this.dropOldestBucket();
    if (this.used * 2 > this.capacity) this.compact();
    return false;
  }

  /** Forget every record whose time bucket ends at or before `eventTimeMs`. */
  expireBefore(eventTimeMs: number): void {
    const cutoff = Math.floor(eventTimeMs / this.bucketMs);
    if (!(cutoff > this.liveFromBucket)) return;
    this.liveFromBucket = cutoff;
    for (const [bucketNo, count] of this.liveByBucket) {
      if (bucketNo < cutoff) {
        this.live -= count;
        this.liveByBucket.delete(bucketNo);
      }
    }
  }

  private dropOldestBucket(): void {
    let oldest = Infinity;
    for (const bucketNo of this.liveByBucket.keys()) if (bucketNo < oldest) oldest = bucketNo;
    this.expireBefore((oldest + 1) * this.bucketMs);
  }

  /** Rehash live keys only, into a table sized for them (grow or shrink). */
  private compact(): void {
    let capacity = INITIAL_CAPACITY;
    while (capacity < this.live * 2.5) capacity *= 2;
    const { h1, h2, bucket } = this;
    this.capacity = capacity;
    this.h1 = new Uint32Array(capacity);
    this.h2 = new Uint32Array(capacity);
    this.bucket = new Float64Array(capacity);
    this.used = 0;
    const mask = capacity - 1;
    for (let i = 0; i < h2.length; i++) {
      const b = h2[i]!;
      if (b === 0 || bucket[i]! < this.liveFromBucket) continue;
      let slot = h1[i]! & mask;
      while (this.h2[slot] !== 0) slot = (slot + 1) & mask;
      this.h1[slot] = h1[i]!;
      this.h2[slot] = b;
      this.bucket[slot] = bucket[i]!;
      this.used++;
    }
  }
}
