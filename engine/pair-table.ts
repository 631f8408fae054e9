/**
 * Pairs (owner, id) → a few last-seen minutes, for exact distinct counts over sliding windows: a
 * pair is "in the window" while its last-seen minute is recent. The owner is a subscriber slot, so
 * instead of one hash table keyed by both ids, every owner has a sorted run of ids in a shared arena
 * (binary search to find, a shift to insert): the owner costs nothing per pair, and a run fills
 * its block to 67–100 % where an open-addressing table sits at 35–70 %.
 *
 * Minutes are stored in 16 bits, modulo 65,535 and offset by one so that 0 still means "none", and
 * read back relative to `nowMinute`: exact while no stored minute is 65,535 minutes (45 days) or
 * more behind it. The windows sweep every pair older than 24 h each hour and accept records at most
 * 12 h late (config), so stored minutes are never more than about 25 h old.
 *
 * Why not HyperLogLog per subscriber: the cardinalities that matter here are small (a person
 * calls tens of numbers a day, a SIM-box SIM hundreds); an HLL accurate enough to tell 8 from
 * 12 needs more bytes than the handful of pairs it would summarise, and evidence handed to
 * police should be exact counts, not estimates.
 */
import { resized } from './growable.js';

/** Minutes are kept modulo this (one value, 0, is reserved for "none"). */
const MINUTE_PERIOD = 0xffff;
/**
 * The arena grows by a thirty-second, and is compacted instead when a thirty-second of it is abandoned
 * blocks (compaction is one copy of the live runs; `compactions` counts them for the benchmark).
 */
const ARENA_GROWTH = 1.03125;
const GARBAGE_SHARE = 0.03125;
const MIN_ARENA = 1024;
/** Run-length cell value meaning "the length is in longRuns". */
const LONG_RUN = 0xffff;
/** Rough V8 cost of one Map entry holding small integers, for byteLength. */
const LONG_RUN_ENTRY_BYTES = 40;

/**
 * Block sizes 1 … 8, then quarter steps between powers of two (10, 12, 14, 16, 20, 24, 28, 32, 40, …):
 * a run of n pairs wastes at most a fifth of its block, and the short runs most subscribers have none
 * (measured, 20k mixed: −8 B per active subscriber against steps of a half, for more run moves).
 */
export function blockSize(n: number): number {
  if (n <= 8) return n;
  const step = 2 ** (29 - Math.clz32(n - 1));
  return Math.ceil(n / step) * step;
}

export class PairTable {
  /** Minute that no stored minute is after (the windows' current minute), to read minutes back. */
  nowMinute = 0;
  private readonly valueColumns: number;
  /** Per owner: where its run starts in the arena, and its length (its block is blockSize(length)). */
  private runStart = new Uint32Array(0);
  private runLength = new Uint16Array(0);
  /** Lengths of runs of 65,535 pairs or more (a huge call centre), whose runLength cell holds the top value. */
  private readonly longRuns = new Map<number, number>();
  private ids: Uint32Array;
  private minutes: Uint16Array;
  /** Arena entries handed out (top) and those of them in abandoned blocks. */
  private top = 0;
  private garbage = 0;
  private count = 0;
  /** Whether the last upsert created the entry. */
  inserted = false;
  /** Results of the last countPair. */
  counted0 = 0;
  counted1 = 0;
  countedBoth = 0;
  compactions = 0;

  constructor(valueColumns: number, initialArena = MIN_ARENA) {
    this.valueColumns = valueColumns;
    this.ids = new Uint32Array(initialArena);
    this.minutes = new Uint16Array(initialArena * valueColumns);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table's arrays. */
  get byteLength(): number {
    return this.runStart.byteLength + this.runLength.byteLength + this.ids.byteLength + this.minutes.byteLength
      + this.longRuns.size * LONG_RUN_ENTRY_BYTES;
  }

  /** Makes room for owners 0 … owners − 1 (the windows' slot capacity). */
  ensureOwners(owners: number): void {
    if (owners <= this.runStart.length) return;
    this.runStart = resized(this.runStart, owners);
    this.runLength = resized(this.runLength, owners);
  }

  /** Entry of (owner, id) or -1. */
  find(owner: number, id: number): number {
    if (owner >= this.runLength.length) return -1;
    const start = this.runStart[owner]!;
    const at = this.search(start, this.lengthOf(owner), id);
    return at >= 0 ? start + at : -1;
  }

  /** Entry of (owner, id), inserting it with zeroed values when absent (`inserted` tells which). */
  upsert(owner: number, id: number): number {
    this.ensureOwners(owner + 1);
    let start = this.runStart[owner]!;
    const length = this.lengthOf(owner);
    const at = this.search(start, length, id);
    if (at >= 0) {
      this.inserted = false;
      return start + at;
    }
    if (length === blockSize(length)) start = this.moveRun(owner, blockSize(length + 1));
    const pos = ~at;
    const cols = this.valueColumns;
    this.ids.copyWithin(start + pos + 1, start + pos, start + length);
    this.minutes.copyWithin((start + pos + 1) * cols, (start + pos) * cols, (start + length) * cols);
    this.ids[start + pos] = id;
    for (let c = 0; c < cols; c++) this.minutes[(start + pos) * cols + c] = 0;
    this.setLength(owner, length + 1);
    this.count++;
    this.inserted = true;
    return start + pos;
  }

  /** Last-seen minute in `column` of an entry; 0 = none. */
  get(entry: number, column: number): number {
    const stored = this.minutes[entry * this.valueColumns + column]!;
    if (stored === 0) return 0;
    const now = this.nowMinute;
    return now - ((now % MINUTE_PERIOD) + 1 - stored + MINUTE_PERIOD) % MINUTE_PERIOD;
  }

  /** Sets a minute (≤ nowMinute, or 0 for none). */
  set(entry: number, column: number, minute: number): void {
    this.minutes[entry * this.valueColumns + column] = minute === 0 ? 0 : (minute % MINUTE_PERIOD) + 1;
  }

  idAt(entry: number): number {
    return this.ids[entry]!;
  }

  /** Pairs of `owner` whose minute in `column` is at or after `sinceMinute` (≥ 1; 0 = none never counts). */
  countSince(owner: number, column: number, sinceMinute: number): number {
    if (owner >= this.runLength.length) return 0;
    const start = this.runStart[owner]!;
    const end = start + this.lengthOf(owner);
    let n = 0;
    for (let entry = start; entry < end; entry++) {
      const minute = this.get(entry, column);
      if (minute !== 0 && minute >= sinceMinute) n++;
    }
    return n;
  }

  /**
   * countSince over the owner's ids in [fromId, toId) only (a table holding two kinds of id in
   * disjoint ranges): the run is sorted, so it starts at fromId's place and stops at toId.
   */
  countSinceIn(owner: number, column: number, sinceMinute: number, fromId: number, toId: number): number {
    if (owner >= this.runLength.length) return 0;
    const start = this.runStart[owner]!;
    const length = this.lengthOf(owner);
    const at = fromId === 0 ? 0 : this.search(start, length, fromId);
    const ids = this.ids;
    let n = 0;
    for (let entry = start + (at >= 0 ? at : ~at); entry < start + length && ids[entry]! < toId; entry++) {
      const minute = this.get(entry, column);
      if (minute !== 0 && minute >= sinceMinute) n++;
    }
    return n;
  }

  /**
   * countSince for columns 0 and 1 and countBoth, in one pass over the owner's run (a subscriber's
   * features read all three): results in `counted0`, `counted1`, `countedBoth`. Two-column tables only.
   */
  countPair(owner: number, sinceMinute: number): void {
    let n0 = 0;
    let n1 = 0;
    let both = 0;
    if (owner < this.runLength.length) {
      const start = this.runStart[owner]!;
      const end = start + this.lengthOf(owner);
      const minutes = this.minutes;
      for (let entry = start; entry < end; entry++) {
        const stored0 = minutes[entry * 2]!;
        const stored1 = minutes[entry * 2 + 1]!;
        if (stored0 !== 0 && stored1 !== 0) both++;
        if (stored0 !== 0 && this.get(entry, 0) >= sinceMinute) n0++;
        if (stored1 !== 0 && this.get(entry, 1) >= sinceMinute) n1++;
      }
    }
    this.counted0 = n0;
    this.counted1 = n1;
    this.countedBoth = both;
  }

  /** Pairs of `owner` with a minute in every column (for contacts: called and called back). */
  countBoth(owner: number): number {
    if (owner >= this.runLength.length) return 0;
    const cols = this.valueColumns;
    const start = this.runStart[owner]!;
    const end = start + this.lengthOf(owner);
    let n = 0;
    for (let entry = start; entry < end; entry++) if (this.minutes[entry * cols] !== 0 && this.minutes[entry * cols + 1] !== 0) n++;
    return n;
  }

  /** Drops every pair of an owner (its slot is being reused). */
  clearOwner(owner: number): void {
    if (owner >= this.runLength.length) return;
    const length = this.lengthOf(owner);
    this.garbage += blockSize(length);
    this.count -= length;
    this.setLength(owner, 0);
  }

  /** Visits every entry, owner by owner; the visitor returns true to delete it. */
  sweep(visit: (entry: number, owner: number, id: number) => boolean): void {
    const cols = this.valueColumns;
    for (let owner = 0; owner < this.runLength.length; owner++) {
      const length = this.lengthOf(owner);
      if (length === 0) continue;
      const start = this.runStart[owner]!;
      let kept = 0;
      for (let i = 0; i < length; i++) {
        if (visit(start + i, owner, this.ids[start + i]!)) continue;
        if (kept !== i) {
          this.ids[start + kept] = this.ids[start + i]!;
          for (let c = 0; c < cols; c++) this.minutes[(start + kept) * cols + c] = this.minutes[(start + i) * cols + c]!;
        }
        kept++;
      }
      // The block shrinks to the size of the shorter run; its tail is abandoned until the next compaction.
      this.garbage += blockSize(length) - blockSize(kept);
      this.count -= length - kept;
      this.setLength(owner, kept);
    }
  }

  /**
   * Clears every minute older than `cutoffMinute` and drops the pairs left with none (the windows'
   * hourly expiry); `onDrop(id)` hears of each dropped pair. Same result as sweep() with that rule,
   * without a call per entry.
   */
  expireBefore(cutoffMinute: number, onDrop?: (id: number) => void): void {
    const cols = this.valueColumns;
    const ids = this.ids;
    const minutes = this.minutes;
    for (let owner = 0; owner < this.runLength.length; owner++) {
      const length = this.lengthOf(owner);
      if (length === 0) continue;
      const start = this.runStart[owner]!;
      let kept = 0;
      for (let i = 0; i < length; i++) {
        const entry = start + i;
        let live = false;
        for (let c = 0; c < cols; c++) {
          if (minutes[entry * cols + c] === 0) continue;
          if (this.get(entry, c) < cutoffMinute) minutes[entry * cols + c] = 0;
          else live = true;
        }
        if (!live) {
          onDrop?.(ids[entry]!);
          continue;
        }
        if (kept !== i) {
          ids[start + kept] = ids[entry]!;
          for (let c = 0; c < cols; c++) minutes[(start + kept) * cols + c] = minutes[entry * cols + c]!;
        }
        kept++;
      }
      if (kept === length) continue;
      this.garbage += blockSize(length) - blockSize(kept);
      this.count -= length - kept;
      this.setLength(owner, kept);
    }
  }

  private lengthOf(owner: number): number {
    const n = this.runLength[owner]!;
    return n === LONG_RUN ? this.longRuns.get(owner)! : n;
  }

  private setLength(owner: number, length: number): void {
    if (length < LONG_RUN) {
      if (this.runLength[owner] === LONG_RUN) this.longRuns.delete(owner);
      this.runLength[owner] = length;
    } else {
      this.runLength[owner] = LONG_RUN;
      this.longRuns.set(owner, length);
    }
  }

  /** Index of `id` in the run, or ~(insertion point). */
  private search(start: number, length: number, id: number): number {
    let lo = 0;
    let hi = length - 1;
    const ids = this.ids;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[start + mid]!;
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return mid;
    }
    return ~lo;
  }

  /** Gives an owner's run a block of `size` entries at the top of the arena; returns its start. */
  private moveRun(owner: number, size: number): number {
    const length = this.lengthOf(owner);
    if (this.top + size > this.ids.length) this.makeRoom(size);
    const from = this.runStart[owner]!;
    const to = this.top;
    const cols = this.valueColumns;
    this.ids.copyWithin(to, from, from + length);
    this.minutes.copyWithin(to * cols, from * cols, (from + length) * cols);
    this.garbage += blockSize(length);
    this.runStart[owner] = to;
    this.top += size;
    return to;
  }

  /** Compacts the arena when enough of it is abandoned blocks, else grows it. */
  private makeRoom(size: number): void {
    const live = this.top - this.garbage;
    if (this.garbage >= this.ids.length * GARBAGE_SHARE) {
      this.compact(Math.max(MIN_ARENA, Math.ceil((live + size) * ARENA_GROWTH)));
    } else {
      const length = Math.max(this.top + size, Math.ceil(this.ids.length * ARENA_GROWTH));
      this.ids = resized(this.ids, length);
      this.minutes = resized(this.minutes, length * this.valueColumns);
    }
  }

  /** Copies every run, owner by owner, into fresh arrays of `length` entries. */
  private compact(length: number): void {
    const ids = new Uint32Array(length);
    const minutes = new Uint16Array(length * this.valueColumns);
    const cols = this.valueColumns;
    let top = 0;
    const oldIds = this.ids;
    const oldMinutes = this.minutes;
    for (let owner = 0; owner < this.runLength.length; owner++) {
      const runLength = this.lengthOf(owner);
      if (runLength === 0) continue;
      const from = this.runStart[owner]!;
      // Element loops, not set(subarray()): runs are a few entries, and two views per owner were most of the cost.
      for (let i = 0; i < runLength; i++) ids[top + i] = oldIds[from + i]!;
      for (let i = 0; i < runLength * cols; i++) minutes[top * cols + i] = oldMinutes[from * cols + i]!;
      this.runStart[owner] = top;
      top += blockSize(runLength);
    }
    this.ids = ids;
    this.minutes = minutes;
    this.top = top;
    this.garbage = 0;
    this.compactions++;
  }
}
