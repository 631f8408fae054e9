/**
 * Append-only logs of window contributions, struct-of-arrays.
 *
 * MinuteLog: one entry per applied record in a 1-minute pane, enough to subtract the record
 * from the 1 h window when the pane leaves it and to build the hourly aggregate.
 * HourLog: sparse (slot, counter, value) sums of a closed hour, subtracted from the 24 h
 * window when the hour leaves it. An hour costs a few entries per active subscriber instead
 * of one per record.
 */
import { grow } from './growable.js';

export class MinuteLog {
  minute = -1;
  length = 0;
  slot = new Uint32Array(64);
  /** Bit i set: counter i incremented by one. */
  counterBits = new Uint32Array(64);
  durationDs = new Uint32Array(64);
  durationSq = new Uint32Array(64);
  dataKib = new Uint32Array(64);
  peerId = new Uint32Array(64);
  cellId = new Uint32Array(64);
  imeiId = new Uint32Array(64);
  /** Bits of PairOwner: this record holds the latest sighting of the pair in its minute. */
  ownerBits = new Uint8Array(64);

  reset(minute: number): void {
    this.minute = minute;
    this.length = 0;
  }

  push(slot: number, counterBits: number, durationDs: number, durationSq: number, dataKib: number,
    peerId: number, cellId: number, imeiId: number, ownerBits: number): void {
    const i = this.length;
    if (i === this.slot.length) this.growTo(i + 1);
    this.slot[i] = slot;
    this.counterBits[i] = counterBits;
    this.durationDs[i] = durationDs;
    this.durationSq[i] = durationSq;
    this.dataKib[i] = dataKib;
    this.peerId[i] = peerId;
    this.cellId[i] = cellId;
    this.imeiId[i] = imeiId;
    this.ownerBits[i] = ownerBits;
    this.length = i + 1;
  }

  get byteLength(): number {
    return this.slot.length * (8 * 4 + 1);
  }

  private growTo(n: number): void {
    this.slot = grow(this.slot, n);
    this.counterBits = grow(this.counterBits, n);
    this.durationDs = grow(this.durationDs, n);
    this.durationSq = grow(this.durationSq, n);
    this.dataKib = grow(this.dataKib, n);
    this.peerId = grow(this.peerId, n);
    this.cellId = grow(this.cellId, n);
    this.imeiId = grow(this.imeiId, n);
    this.ownerBits = grow(this.ownerBits, n);
  }
}

export const PairOwner = { callee: 1, caller: 2, cell: 4, imei: 8 } as const;

export class HourLog {
  hour = -1;
  length = 0;
  slot = new Uint32Array(64);
  counter = new Uint8Array(64);
  value = new Uint32Array(64);

  reset(hour: number): void {
    this.hour = hour;
    this.length = 0;
  }

  push(slot: number, counter: number, value: number): void {
    const i = this.length;
    if (i === this.slot.length) {
      this.slot = grow(this.slot, i + 1);
      this.counter = grow(this.counter, i + 1);
      this.value = grow(this.value, i + 1);
    }
    this.slot[i] = slot;
    this.counter[i] = counter;
    this.value[i] = value;
    this.length = i + 1;
  }

  get byteLength(): number {
    return this.slot.length * 9;
  }
}
