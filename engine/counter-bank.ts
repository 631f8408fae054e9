/**
 * One window's counters for every subscriber slot, in as few bytes as the values need.
 *
 * Event counts (calls, SMS, sessions, …) are small per subscriber and window — a person makes a few
 * calls an hour and a few dozen a day — so they live in 8-bit cells (at the peak of the 20k mixed
 * replay 115 cells, both windows, held more). A count that reaches the cell's top value is not saturated: the cell holds
 * the top value as a marker and the exact count moves to `overflow`, so every count stays exact
 * (a call centre line simply costs one map entry per overflowing counter). Sums (talk time,
 * squared durations, data KiB) get 16-bit cells in the 1 h window (18 h of talk, 64 MiB of data
 * before a cell overflows) and 32 bits over 24 h, whose range they cannot reach.
 */
import { COUNTER_COUNT, Counter } from './features.js';
import { resized } from './growable.js';

const WIDE = [Counter.moDurationDs, Counter.moDurationSq, Counter.dataKib] as const;
export const WIDE_COUNT = WIDE.length;
export const NARROW_COUNT = COUNTER_COUNT - WIDE_COUNT;
/** Counter → its index among the narrow (≥ 0) or the wide (−1 − index) counters. */
const COLUMN = new Int8Array(COUNTER_COUNT);
{
  let narrow = 0;
  for (let k = 0; k < COUNTER_COUNT; k++) {
    const wide = (WIDE as readonly number[]).indexOf(k);
    COLUMN[k] = wide >= 0 ? -1 - wide : narrow++;
  }
}
/** Rough V8 cost of one Map entry holding small integers, for byteLength. */
const OVERFLOW_ENTRY_BYTES = 40;

export class CounterBank {
  private narrow: Uint8Array | Uint16Array;
  /** Top value of a narrow cell: "the count is in `overflow`". */
  private readonly top: number;
  private wide: Uint16Array | Uint32Array;
  private readonly wideTop: number;
  /** Narrow cell index → exact count, for counts ≥ top. */
  private readonly overflow = new Map<number, number>();
  /** Wide cell index → exact sum, for sums ≥ wideTop. */
  private readonly wideOverflow = new Map<number, number>();

  constructor(narrowBits: 8 | 16, wideBits: 16 | 32) {
    this.narrow = narrowBits === 8 ? new Uint8Array(0) : new Uint16Array(0);
    this.top = 2 ** narrowBits - 1;
    this.wide = wideBits === 16 ? new Uint16Array(0) : new Uint32Array(0);
    this.wideTop = 2 ** wideBits - 1;
  }

  get byteLength(): number {
    return this.narrow.byteLength + this.wide.byteLength + (this.overflow.size + this.wideOverflow.size) * OVERFLOW_ENTRY_BYTES;
  }

  /** Counts kept in the overflow map right now. */
  get overflowed(): number {
    return this.overflow.size + this.wideOverflow.size;
  }

  resize(slots: number): void {
    this.narrow = resized(this.narrow, slots * NARROW_COUNT);
    this.wide = resized(this.wide, slots * WIDE_COUNT);
  }

  get(slot: number, counter: number): number {
    const column = COLUMN[counter]!;
    if (column < 0) {
      const index = slot * WIDE_COUNT - 1 - column;
      const v = this.wide[index]!;
      return v === this.wideTop ? this.wideOverflow.get(index)! : v;
    }
    const index = slot * NARROW_COUNT + column;
    const v = this.narrow[index]!;
    return v === this.top ? this.overflow.get(index)! : v;
  }

  /** Adds `sign` × one record's contribution: one per set counter bit, plus its sums. */
  addRecord(slot: number, counterBits: number, durationDs: number, durationSq: number, dataKib: number, sign: 1 | -1): void {
    let bits = counterBits;
    while (bits !== 0) {
      const k = 31 - Math.clz32(bits);
      bits &= ~(1 << k);
      this.add(slot, k, sign);
    }
    const w = slot * WIDE_COUNT;
    if (durationDs !== 0) this.addCell(this.wide, this.wideTop, this.wideOverflow, w, sign * durationDs);
    if (durationSq !== 0) this.addCell(this.wide, this.wideTop, this.wideOverflow, w + 1, sign * durationSq);
    if (dataKib !== 0) this.addCell(this.wide, this.wideTop, this.wideOverflow, w + 2, sign * dataKib);
  }

  add(slot: number, counter: number, delta: number): void {
    const column = COLUMN[counter]!;
    if (column < 0) this.addCell(this.wide, this.wideTop, this.wideOverflow, slot * WIDE_COUNT - 1 - column, delta);
    else this.addCell(this.narrow, this.top, this.overflow, slot * NARROW_COUNT + column, delta);
  }

  /** Adds to a cell; a value that does not fit below `top` lives in `overflow`, with `top` in the cell. */
  private addCell(cells: Uint8Array | Uint16Array | Uint32Array, top: number, overflow: Map<number, number>, index: number, delta: number): void {
    const v = cells[index]!;
    if (v !== top) {
      const next = v + delta;
      if (next >= 0 && next < top) {
        cells[index] = next;
      } else {
        cells[index] = top;
        overflow.set(index, next);
      }
      return;
    }
    const next = overflow.get(index)! + delta;
    if (next >= 0 && next < top) {
      overflow.delete(index);
      cells[index] = next;
    } else {
      overflow.set(index, next);
    }
  }

  clearSlot(slot: number): void {
    for (let c = 0; c < NARROW_COUNT; c++) {
      const index = slot * NARROW_COUNT + c;
      if (this.narrow[index] === this.top) this.overflow.delete(index);
      this.narrow[index] = 0;
    }
    for (let c = 0; c < WIDE_COUNT; c++) {
      const index = slot * WIDE_COUNT + c;
      if (this.wide[index] === this.wideTop) this.wideOverflow.delete(index);
      this.wide[index] = 0;
    }
  }
}
