/**
 * Units watched for silence — every cell, and every site the cells reference names — in
 * struct-of-arrays form: the current minute's count, a recent level (EWMA per minute), the
 * level at the last live minute (frozen while silent), and time-of-week / time-of-day
 * baselines of the per-minute rate learnt hour by hour.
 */
import { grow } from '../../engine/growable.js';

const HOURS_PER_WEEK = 168;
/** Ten-minute buckets of who carried a unit's traffic, four of them (the half hour before a silence, and a margin). */
const SUB_BUCKET_MINUTES = 10;
const SUB_BUCKETS = 4;
/** Record ids kept per unit as evidence samples. */
export const RECENT_RECORD_IDS = 5;

export class UnitTable {
  count = 0;
  readonly keys: string[] = [];
  readonly isSite: boolean[] = [];
  readonly cells: string[][] = [];
  readonly recentIds: string[][] = [];
  /**
   * Per unit and bucket (index u * SUB_BUCKETS + k), the subscriber slot of every ordinary
   * record, appended; each bucket's 10-minute index in subsTag. Appending costs less than
   * counting per record: the counts are only needed when a silence is being judged.
   */
  private readonly subSlots: Int32Array[] = [];
  private subLength = new Int32Array(64 * SUB_BUCKETS);
  private subsTag = new Int32Array(64 * SUB_BUCKETS);
  private recentCursor = new Uint8Array(64);
  siteUnit = new Int32Array(64);
  operatorId = new Uint32Array(64);
  /** This minute's records from ordinary subscribers (they set the expectation)… */
  pending = new Uint32Array(64);
  /** …and from anyone (any record proves the unit is on air). */
  pendingAll = new Uint32Array(64);
  hourCount = new Uint32Array(64);
  level = new Float64Array(64);
  levelAtLive = new Float64Array(64);
  /** A short-memory level too: when traffic is falling (evening), it is the honest expectation. */
  fastLevel = new Float64Array(64);
  fastAtLive = new Float64Array(64);
  lastLive = new Int32Array(64);
  firstMinute = new Int32Array(64);
  /** Hour (epoch hours) during which the unit had an open silence: its baseline is not updated. */
  silentHour = new Int32Array(64);
  tow = new Float32Array(64 * HOURS_PER_WEEK);
  towSeen = new Uint8Array(64 * HOURS_PER_WEEK);
  hod = new Float32Array(64 * 24);
  hodSeen = new Uint8Array(64 * 24);

  add(key: string, isSite: boolean, cells: string[], minute: number): number {
    const u = this.count++;
    const n = this.count;
    this.siteUnit = grow(this.siteUnit, n);
    this.operatorId = grow(this.operatorId, n);
    this.pending = grow(this.pending, n);
    this.pendingAll = grow(this.pendingAll, n);
    this.hourCount = grow(this.hourCount, n);
    this.level = grow(this.level, n);
    this.levelAtLive = grow(this.levelAtLive, n);
    this.fastLevel = grow(this.fastLevel, n);
    this.fastAtLive = grow(this.fastAtLive, n);
    this.lastLive = grow(this.lastLive, n);
    this.firstMinute = grow(this.firstMinute, n);
    this.silentHour = grow(this.silentHour, n);
    this.tow = grow(this.tow, n * HOURS_PER_WEEK);
    this.towSeen = grow(this.towSeen, n * HOURS_PER_WEEK);
    this.hod = grow(this.hod, n * 24);
    this.hodSeen = grow(this.hodSeen, n * 24);
    this.keys.push(key);
    this.isSite.push(isSite);
    this.cells.push(cells);
    this.recentIds.push([]);
    for (let k = 0; k < SUB_BUCKETS; k++) this.subSlots.push(new Int32Array(16));
    this.subLength = grow(this.subLength, n * SUB_BUCKETS);
    this.subsTag = grow(this.subsTag, n * SUB_BUCKETS, -1);
    this.recentCursor = grow(this.recentCursor, n);
    this.siteUnit[u] = -1;
    this.lastLive[u] = minute;
    this.firstMinute[u] = minute;
    this.silentHour[u] = -1;
    return u;
  }

  /** Folds a finalized minute's count into both levels; freezes them when the minute was live. */
  updateLevels(u: number, count: number, alpha: number, fastAlpha: number, live: boolean): void {
    this.level[u] = this.level[u]! + alpha * (count - this.level[u]!);
    this.fastLevel[u] = this.fastLevel[u]! + fastAlpha * (count - this.fastLevel[u]!);
    if (!live) return;
    this.levelAtLive[u] = this.level[u]!;
    this.fastAtLive[u] = this.fastLevel[u]!;
  }

  /** Notes an ordinary subscriber's record on the unit. */
  noteSubscriber(u: number, slot: number, minute: number): void {
    const bucket = Math.floor(minute / SUB_BUCKET_MINUTES);
    const k = bucket % SUB_BUCKETS;
    const at = u * SUB_BUCKETS + k;
    if (this.subsTag[at] !== bucket) {
      if (bucket < this.subsTag[at]!) return; // older than the ring
      this.subLength[at] = 0;
      this.subsTag[at] = bucket;
    }
    const length = this.subLength[at]!;
    let slots = this.subSlots[at]!;
    if (length === slots.length) this.subSlots[at] = slots = grow(slots, length + 1);
    slots[length] = slot;
    this.subLength[at] = length + 1;
  }

  /**
   * How many independent subscribers carried the unit's traffic in the half hour up to
   * `minute`: the participation ratio (Σc)²/Σc² of per-subscriber record counts — n for n
   * equal users, about k when k busy machines dominate.
   */
  effectiveSubscribers(u: number, minute: number): number {
    const last = Math.floor(minute / SUB_BUCKET_MINUTES);
    const merged = new Map<number, number>();
    for (let k = 0; k < SUB_BUCKETS; k++) {
      const tag = this.subsTag[u * SUB_BUCKETS + k]!;
      if (tag < last - (SUB_BUCKETS - 2) || tag > last) continue;
      const at = u * SUB_BUCKETS + k;
      const slots = this.subSlots[at]!;
      for (let i = 0; i < this.subLength[at]!; i++) merged.set(slots[i]!, (merged.get(slots[i]!) ?? 0) + 1);
    }
    let sum = 0;
    let sumSq = 0;
    for (const c of merged.values()) { sum += c; sumSq += c * c; }
    return sumSq === 0 ? 0 : (sum * sum) / sumSq;
  }

  /** Keeps the unit's last few record ids (a ring; `recentRecordIds` reads them oldest first). */
  noteRecord(u: number, recordId: string): void {
    const ids = this.recentIds[u]!;
    if (ids.length < RECENT_RECORD_IDS) { ids.push(recordId); return; }
    ids[this.recentCursor[u]!] = recordId;
    this.recentCursor[u] = (this.recentCursor[u]! + 1) % RECENT_RECORD_IDS;
  }

  recentRecordIds(u: number): string[] {
    const ids = this.recentIds[u]!;
    const k = this.recentCursor[u]!;
    return [...ids.slice(k), ...ids.slice(0, k)];
  }

  /** Which baseline decided the last `expectedRate` ('recent', 'time-of-week' or 'time-of-day'). */
  lastSource = 'recent';

  /** Expected records per minute now: the lower of the recent level and the learnt baseline (conservative). */
  expectedRate(u: number, hourOfWeek: number, hourOfDay: number): number {
    const recent = Math.min(this.levelAtLive[u]!, this.fastAtLive[u]!);
    this.lastSource = 'recent';
    const w = u * HOURS_PER_WEEK + hourOfWeek;
    const d = u * 24 + hourOfDay;
    const baseline = this.towSeen[w]! > 0 ? this.tow[w]! : this.hodSeen[d]! > 0 ? this.hod[d]! : Number.POSITIVE_INFINITY;
    if (baseline >= recent) return recent;
    this.lastSource = this.towSeen[w]! > 0 ? 'time-of-week' : 'time-of-day';
    return baseline;
  }

  /** Folds a closed hour's mean per-minute rate into the baselines (skipped for hours with a silence). */
  learnHour(u: number, hour: number, hourOfWeek: number, hourOfDay: number, weight: number): void {
    const rate = this.hourCount[u]! / 60;
    this.hourCount[u] = 0;
    if (this.silentHour[u] === hour || this.firstMinute[u]! > hour * 60) return; // partial or outage hour
    const w = u * HOURS_PER_WEEK + hourOfWeek;
    this.tow[w] = this.towSeen[w]! > 0 ? (1 - weight) * this.tow[w]! + weight * rate : rate;
    if (this.towSeen[w]! < 255) this.towSeen[w]!++;
    const d = u * 24 + hourOfDay;
    this.hod[d] = this.hodSeen[d]! > 0 ? (1 - weight) * this.hod[d]! + weight * rate : rate;
    if (this.hodSeen[d]! < 255) this.hodSeen[d]!++;
  }
}
