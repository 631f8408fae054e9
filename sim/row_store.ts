/**
 * Encoded rows waiting for their mediation delivery time, kept in one byte arena with typed
 * arrays for delivery time, offset and length. Holding an hour of records as JS objects or
 * strings makes every young-generation GC copy them; here the heap holds a few buffers.
 */

export interface RowSegment {
  /** Index of the daily file the rows go to. */
  day: number;
  data: Buffer;
}

const INITIAL_ROWS = 1 << 16;
const INITIAL_BYTES = 1 << 23;

export class RowStore {
  private arena = Buffer.allocUnsafe(INITIAL_BYTES);
  /** Survivors of a drain are compacted into the spare arena, then the two swap: no allocation per hour. */
  private spare = Buffer.allocUnsafe(INITIAL_BYTES);
  private used = 0;
  private deliverMs = new Float64Array(INITIAL_ROWS);
  private offset = new Uint32Array(INITIAL_ROWS);
  private length = new Uint32Array(INITIAL_ROWS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(deliverMs: number, row: string): void {
    // Contract-1 rows we write are ASCII (digits, ids, ISO times), so latin1 is byte-exact and fastest.
    if (this.used + row.length > this.arena.length) this.growArena(this.used + row.length);
    if (this.count === this.deliverMs.length) this.growRows();
    const written = this.arena.write(row, this.used, 'latin1');
    this.deliverMs[this.count] = deliverMs;
    this.offset[this.count] = this.used;
    this.length[this.count] = written;
    this.count++;
    this.used += written;
  }

  /**
   * Rows delivered before `untilMs`, in delivery order (ties in insertion order), grouped into
   * consecutive runs per daily file; the rest stay, compacted to the front of the arena.
   */
  drain(untilMs: number, dayOf: (deliverMs: number) => number): RowSegment[] {
    const ready: number[] = [];
    const later: number[] = [];
    for (let i = 0; i < this.count; i++) ((this.deliverMs[i] as number) < untilMs ? ready : later).push(i);
    const delivery = this.deliverMs;
    ready.sort((a, b) => (delivery[a] as number) - (delivery[b] as number) || a - b);
    const segments: RowSegment[] = [];
    let start = 0;
    while (start < ready.length) {
      const day = dayOf(delivery[ready[start] as number] as number);
      let end = start;
      let bytes = 0;
      while (end < ready.length && dayOf(delivery[ready[end] as number] as number) === day) bytes += this.length[ready[end++] as number] as number;
      const data = Buffer.allocUnsafe(bytes);
      let at = 0;
      for (let k = start; k < end; k++) {
        const i = ready[k] as number;
        at += this.arena.copy(data, at, this.offset[i] as number, (this.offset[i] as number) + (this.length[i] as number));
      }
      segments.push({ day, data });
      start = end;
    }
    this.keep(later);
    return segments;
  }

  private keep(rows: number[]): void {
    if (this.spare.length < this.arena.length) this.spare = Buffer.allocUnsafe(this.arena.length);
    const arena = this.spare;
    let used = 0;
    rows.forEach((i, k) => {
      const len = this.length[i] as number;
      this.arena.copy(arena, used, this.offset[i] as number, (this.offset[i] as number) + len);
      this.deliverMs[k] = this.deliverMs[i] as number;
      this.offset[k] = used;
      this.length[k] = len;
      used += len;
    });
    this.spare = this.arena;
    this.arena = arena;
    this.used = used;
    this.count = rows.length;
  }

  private growArena(needed: number): void {
    let size = this.arena.length * 2;
    while (size < needed) size *= 2;
    const arena = Buffer.allocUnsafe(size);
    this.arena.copy(arena, 0, 0, this.used);
    this.arena = arena;
  }

  private growRows(): void {
    const size = this.deliverMs.length * 2;
    const grow = <T extends Float64Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.deliverMs = grow(this.deliverMs, (n) => new Float64Array(n));
    this.offset = grow(this.offset, (n) => new Uint32Array(n));
    this.length = grow(this.length, (n) => new Uint32Array(n));
  }
}
