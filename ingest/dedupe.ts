/**
 * Remembers (operator, record_id) pairs seen within a horizon of event time so repeats
 * can be dropped. Keys are stored as two independent 32-bit hashes (a false match needs
 * both to collide: ~n²/2⁶⁵, about 1 in 8 million at 2 M live keys) in an open-addressing
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
 * 2 M keys: a table holds 3-6 slots of 16 B per live key after compaction (50-100 B/key),
 * so ~100-200 MB at the cap; enough for a 2 h horizon at ~275 records/s of event time per
 * deduplicator. Past it the oldest buckets go early (the horizon shrinks, memory does not grow).
 */
export const DEFAULT_DEDUPE_MAX_ENTRIES = 2 * 1024 * 1024;
const INITIAL_CAPACITY = 1 << 12;
const STRIDE = 4;
/** Compact when this share of slots holds keys (live or expired); linear probing stays short below it. */
const MAX_LOAD = 0.7;
/** After compaction there are ≥ this many slots per live key, so compactions stay rare (amortised O(1)). */
const SLOTS_PER_LIVE_KEY = 3;

export class RecordDeduplicator {
  private readonly horizonMs: number;
  private readonly bucketMs: number;
  private readonly maxEntries: number;
  private capacity = INITIAL_CAPACITY;
  /** Slots of [hash1, hash2 (odd; 0 = empty), bucket − bucketBase], one cache line per probe run. */
  private table = new Int32Array(INITIAL_CAPACITY * STRIDE);
  private bucketBase = NaN;
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
    if (this.bucketBase !== this.bucketBase) this.bucketBase = bucketNo;
    const liveFrom = this.relativeBucket(this.liveFromBucket);

    // Two independent hashes: FNV-1a and a murmur-style multiply-rotate, both seeded with the operator.
    let a = 0x811c9dc5 ^ operatorId;
    let b = Math.imul(operatorId + 1, 0x9e3779b1);
    for (let i = 0; i < recordId.length; i++) {
      const c = recordId.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0xcc9e2d51);
      b = (b << 15) | (b >>> 17);
    }
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a ^= a >>> 13;
    b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) | 1;

    const table = this.table;
    const mask = this.capacity - 1;
    let slot = a & mask;
    let reusable = -1;
    while (table[slot * STRIDE + 1] !== 0) {
      const base = slot * STRIDE;
      if (table[base + 2]! < liveFrom) {
        if (reusable < 0) reusable = slot;
      } else if (table[base] === a && table[base + 1] === b) {
        return true;
      }
      slot = (slot + 1) & mask;
    }
    if (reusable >= 0) slot = reusable;
    else this.used++;
    const base = slot * STRIDE;
    table[base] = a;
    table[base + 1] = b;
    table[base + 2] = this.relativeBucket(bucketNo);
    this.live++;
    this.liveByBucket.set(bucketNo, (this.liveByBucket.get(bucketNo) ?? 0) + 1);
    if (this.live >= this.maxEntries) this.dropOldestBucket();
    if (this.used > this.capacity * MAX_LOAD) this.compact();
    return false;
  }

  /** Bucket numbers are stored relative to the first one seen, clamped to int32 (only tiny horizons reach the clamp). */
  private relativeBucket(bucketNo: number): number {
    const rel = bucketNo - this.bucketBase;
    return rel > 0x7fffffff ? 0x7fffffff : rel < -0x80000000 ? -0x80000000 : rel;
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
    while (capacity < this.live * SLOTS_PER_LIVE_KEY) capacity *= 2;
    const old = this.table;
    const liveFrom = this.relativeBucket(this.liveFromBucket);
    const table = new Int32Array(capacity * STRIDE);
    const mask = capacity - 1;
    let used = 0;
    for (let base = 0; base < old.length; base += STRIDE) {
      if (old[base + 1] === 0 || old[base + 2]! < liveFrom) continue;
      let slot = old[base]! & mask;
      while (table[slot * STRIDE + 1] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(base, base + STRIDE), slot * STRIDE);
      used++;
    }
    this.table = table;
    this.capacity = capacity;
    this.used = used;
  }
}
