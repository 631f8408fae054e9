/**
 * Append-only logs of window contributions, struct-of-arrays.
 *
 * MinuteLog: one entry per applied record in a 1-minute pane, enough to subtract the record
 * from the 1 h window when the pane leaves it and to find the subscribers of an hour.
 * HourLog: sparse (slot, counter, value) sums of a closed hour, subtracted from the 24 h
 * window when the hour leaves it. An hour costs a few entries per active subscriber instead
 * of one per record.
 */
import { grow } from './growable.js';

/**
 * One 1-minute pane's records, one variable-length entry each: a flags byte (owner bits, which sums
 * are non-zero), varint slot, varint counter bits, the non-zero sums, then the pair ids this record
 * owns — the only ones needed to expire the pane. About 6–12 bytes a record instead of 33.
 */
export class MinuteLog {
  minute = -1;
  /** Records in the pane. */
  length = 0;
  bytes = new Uint8Array(MINUTE_LOG_MIN_BYTES);
  used = 0;
  /** The entry decoded by the last read(). */
  slot = 0;
  counterBits = 0;
  durationDs = 0;
  durationSq = 0;
  dataKib = 0;
  ownerBits = 0;
  peerId = 0;
  cellId = 0;
  imeiId = 0;

  reset(minute: number): void {
    // A buffer much larger than what the pane held last time is given back (panes follow the daily rhythm).
    if (this.bytes.length > 2 * this.used + MINUTE_LOG_MIN_BYTES) this.bytes = new Uint8Array(Math.ceil(this.used * 1.25) + MINUTE_LOG_MIN_BYTES);
    this.minute = minute;
    this.length = 0;
    this.used = 0;
  }

  push(slot: number, counterBits: number, durationDs: number, durationSq: number, dataKib: number,
    peerId: number, cellId: number, imeiId: number, ownerBits: number): void {
    if (this.used + MAX_ENTRY_BYTES > this.bytes.length) {
      const next = new Uint8Array(Math.ceil(this.bytes.length * 1.5) + MAX_ENTRY_BYTES);
      next.set(this.bytes.subarray(0, this.used));
      this.bytes = next;
    }
    const out = this.bytes;
    const flags = ownerBits | (durationDs !== 0 ? HAS_DURATION : 0) | (durationSq !== 0 ? HAS_SQUARE : 0) | (dataKib !== 0 ? HAS_DATA : 0);
    let pos = this.used;
    out[pos++] = flags;
    pos = writeVarint(out, pos, slot);
    pos = writeVarint(out, pos, counterBits);
    if (durationDs !== 0) pos = writeVarint(out, pos, durationDs);
    if (durationSq !== 0) pos = writeVarint(out, pos, durationSq);
    if (dataKib !== 0) pos = writeVarint(out, pos, dataKib);
    if (ownerBits & (PairOwner.callee | PairOwner.caller)) pos = writeVarint(out, pos, peerId);
    if (ownerBits & PairOwner.cell) pos = writeVarint(out, pos, cellId);
    if (ownerBits & PairOwner.imei) pos = writeVarint(out, pos, imeiId);
    this.used = pos;
    this.length++;
  }

  /** Decodes the entry at `pos` into the fields above; returns the next entry's position (stop at `used`). */
  read(pos: number): number {
    const block = this.bytes;
    const flags = block[pos++]!;
    pos = readVarint(block, pos);
    this.slot = decoded;
    pos = readVarint(block, pos);
    this.counterBits = decoded;
    this.durationDs = 0;
    this.durationSq = 0;
    this.dataKib = 0;
    if (flags & HAS_DURATION) {
      pos = readVarint(block, pos);
      this.durationDs = decoded;
    }
    if (flags & HAS_SQUARE) {
      pos = readVarint(block, pos);
      this.durationSq = decoded;
    }
    if (flags & HAS_DATA) {
      pos = readVarint(block, pos);
      this.dataKib = decoded;
    }
    const owner = flags & OWNER_MASK;
    this.ownerBits = owner;
    this.peerId = 0;
    this.cellId = 0;
    this.imeiId = 0;
    if (owner & (PairOwner.callee | PairOwner.caller)) {
      pos = readVarint(block, pos);
      this.peerId = decoded;
    }
    if (owner & PairOwner.cell) {
      pos = readVarint(block, pos);
      this.cellId = decoded;
    }
    if (owner & PairOwner.imei) {
      pos = readVarint(block, pos);
      this.imeiId = decoded;
    }
    return pos;
  }

  get byteLength(): number {
    return this.bytes.byteLength;
  }
}

const MINUTE_LOG_MIN_BYTES = 256;
/** Flags byte + six varints of at most 5 bytes + two more. */
const MAX_ENTRY_BYTES = 1 + 8 * 5;
const OWNER_MASK = 0x0f;
const HAS_DURATION = 0x10;
const HAS_SQUARE = 0x20;
const HAS_DATA = 0x40;

export const PairOwner = { callee: 1, caller: 2, cell: 4, imei: 8 } as const;

/**
 * A closed hour's sums, delta-encoded: for each subscriber with records in the hour (ascending slot),
 * varint(slot − previous slot), varint(mask of non-zero counters), then varint(sum) per counter in the
 * mask. Sums are mostly one or two bytes, so a subscriber-hour costs about 8 bytes instead of 9 per
 * counter. Late records that reach an already closed hour are appended as plain (slot, counter, value)
 * entries beside the block.
 */
export class HourLog {
  hour = -1;
  /** The encoded block, exactly as long as its content. */
  encoded = new Uint8Array(0);
  lateLength = 0;
  lateSlot = new Uint32Array(0);
  lateCounter = new Uint8Array(0);
  lateValue = new Uint32Array(0);

  reset(hour: number): void {
    this.hour = hour;
    this.encoded = EMPTY_BLOCK;
    this.lateLength = 0;
    if (this.lateSlot.length > LATE_KEEP) {
      this.lateSlot = new Uint32Array(0);
      this.lateCounter = new Uint8Array(0);
      this.lateValue = new Uint32Array(0);
    }
  }

  /**
   * Encodes the hour from `sums` (counterCount values per slot, read through `sumOf`) of the given
   * ascending, distinct `slots`.
   */
  encode(slots: Uint32Array, slotCount: number, counterCount: number, sumOf: (slot: number, counter: number) => number): void {
    // One pass into a scratch buffer (a subscriber-hour takes at most two varints plus one per counter), then an exact copy.
    const maxEntry = 5 * (2 + counterCount);
    let out = encodeScratch;
    let pos = 0;
    let previous = 0;
    const sums = counterCount <= SLOT_SUMS.length ? SLOT_SUMS : new Uint32Array(counterCount);
    for (let i = 0; i < slotCount; i++) {
      const slot = slots[i]!;
      let mask = 0;
      for (let k = 0; k < counterCount; k++) {
        const v = sumOf(slot, k);
        sums[k] = v;
        if (v !== 0) mask |= 1 << k;
      }
      if (mask === 0) continue;
      if (pos + maxEntry > out.length) {
        const bigger = new Uint8Array(Math.max(2 * out.length, pos + maxEntry));
        bigger.set(out.subarray(0, pos));
        encodeScratch = out = bigger;
      }
      pos = writeVarint(out, pos, slot - previous);
      pos = writeVarint(out, pos, mask);
      for (let k = 0; k < counterCount; k++) if ((mask >>> k) & 1) pos = writeVarint(out, pos, sums[k]!);
      previous = slot;
    }
    this.encoded = pos === 0 ? EMPTY_BLOCK : out.slice(0, pos);
  }

  /** A late record's contribution to this (closed) hour. */
  push(slot: number, counter: number, value: number): void {
    const i = this.lateLength;
    if (i === this.lateSlot.length) {
      this.lateSlot = grow(this.lateSlot, i + 1);
      this.lateCounter = grow(this.lateCounter, i + 1);
      this.lateValue = grow(this.lateValue, i + 1);
    }
    this.lateSlot[i] = slot;
    this.lateCounter[i] = counter;
    this.lateValue[i] = value;
    this.lateLength = i + 1;
  }

  /** Visits every (slot, counter, sum) of the hour, late entries included. */
  forEach(visit: (slot: number, counter: number, value: number) => void): void {
    const block = this.encoded;
    let pos = 0;
    let slot = 0;
    while (pos < block.length) {
      pos = readVarint(block, pos);
      slot += decoded;
      pos = readVarint(block, pos);
      let mask = decoded;
      while (mask !== 0) {
        const k = 31 - Math.clz32(mask & -mask); // ascending, the order encode wrote them in
        mask &= mask - 1;
        pos = readVarint(block, pos);
        visit(slot, k, decoded);
      }
    }
    for (let i = 0; i < this.lateLength; i++) visit(this.lateSlot[i]!, this.lateCounter[i]!, this.lateValue[i]!);
  }

  get byteLength(): number {
    return this.encoded.byteLength + this.lateSlot.byteLength + this.lateCounter.byteLength + this.lateValue.byteLength;
  }
}

/** Scratch of HourLog.encode (not state: copied out exactly sized). */
let encodeScratch = new Uint8Array(1 << 16);
const SLOT_SUMS = new Uint32Array(32);
/** Late-entry arrays larger than this are dropped at reset rather than kept for the next hour. */
const LATE_KEEP = 1024;
const EMPTY_BLOCK = new Uint8Array(0);

/** Unsigned LEB128 length of a uint32. */
export function varintLength(value: number): number {
  let v = value >>> 0;
  let n = 1;
  while (v >= 0x80) {
    v >>>= 7;
    n++;
  }
  return n;
}

/** Writes `value` (uint32) at `pos`; returns the position after it. */
export function writeVarint(out: Uint8Array, pos: number, value: number): number {
  let v = value >>> 0;
  while (v >= 0x80) {
    out[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[pos++] = v;
  return pos;
}

/** The value read by the last readVarint (module scratch: no allocation per read). */
export let decoded = 0;

/** Reads a uint32 varint at `pos` into `decoded`; returns the position after it. */
export function readVarint(block: Uint8Array, pos: number): number {
  let b = block[pos++]!;
  let v = b & 0x7f;
  let shift = 7;
  while (b & 0x80) {
    b = block[pos++]!;
    v += (b & 0x7f) * 2 ** shift;
    shift += 7;
  }
  decoded = v;
  return pos;
}
