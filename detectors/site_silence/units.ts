/**
 * Units watched for silence — every cell, and every site the cells reference names — in
 * struct-of-arrays form: the current minute's count, a recent level (EWMA per minute), the
 * level at the last live minute (frozen while silent), and time-of-week / time-of-day
 * baselines of the per-minute rate learnt hour by hour.
 */
import { grow } from '../../engine/growable.js';

const HOURS_PER_WEEK = 168;

export class UnitTable {
  count = 0;
  readonly keys: string[] = [];
  readonly isSite: boolean[] = [];
  readonly cells: string[][] = [];
  readonly recentIds: string[][] = [];
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

  noteRecord(u: number, recordId: string): void {
    const ids = this.recentIds[u]!;
    if (ids.length >= 5) ids.shift();
    ids.push(recordId);
  }

  /** Expected records per minute now, and which baseline decided it (the lower one: conservative). */
  expected(u: number, hourOfWeek: number, hourOfDay: number): { rate: number; source: string } {
    const recent = Math.min(this.levelAtLive[u]!, this.fastAtLive[u]!);
    const w = u * HOURS_PER_WEEK + hourOfWeek;
    if (this.towSeen[w]! > 0) return this.tow[w]! < recent ? { rate: this.tow[w]!, source: 'time-of-week' } : { rate: recent, source: 'recent' };
    const d = u * 24 + hourOfDay;
    if (this.hodSeen[d]! > 0) return this.hod[d]! < recent ? { rate: this.hod[d]!, source: 'time-of-day' } : { rate: recent, source: 'recent' };
    return { rate: recent, source: 'recent' };
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
