/**
 * Open-addressing hash table keyed by a pair of dense ids (subscriber slot × callee id,
 * IMEI × IMSI, …) with a few uint32 value columns. Linear probing with backward-shift
 * deletion, so there are no tombstones and scans stay cheap. Used for exact distinct counts
 * over sliding windows: a pair is "in the window" while its last-seen minute is recent.
 *
 * Why not HyperLogLog per subscriber: the cardinalities that matter here are small (a person
 * calls tens of numbers a day, a SIM-box SIM hundreds); an HLL accurate enough to tell 8 from
 * 12 needs more bytes than the handful of pairs it would summarise, and evidence handed to
 * police should be exact counts, not estimates. HLL is used where cardinalities are large.
 */
const EMPTY = 0xffffffff;
const MAX_LOAD = 0.7;

export class PairTable {
  private capacity: number;
  private mask: number;
  private keyA: Uint32Array;
  private keyB: Uint32Array;
  private readonly valueColumns: number;
  private values: Uint32Array[];
  private count = 0;

  constructor(valueColumns: number, initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.valueColumns = valueColumns;
    this.keyA = new Uint32Array(capacity).fill(EMPTY);
    this.keyB = new Uint32Array(capacity);
    this.values = Array.from({ length: valueColumns }, () => new Uint32Array(capacity));
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table's arrays. */
  get byteLength(): number {
    return this.capacity * 4 * (2 + this.valueColumns);
  }

  private slotHash(a: number, b: number): number {
    let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    return h & this.mask;
  }

  /** Slot of (a, b) or -1. */
  find(a: number, b: number): number {
    let slot = this.slotHash(a, b);
    while (true) {
      const ka = this.keyA[slot]!;
      if (ka === EMPTY) return -1;
      if (ka === a && this.keyB[slot] === b) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Slot of (a, b), inserting it with zeroed values when absent. `inserted` tells which. */
  upsert(a: number, b: number): number {
    if ((this.count + 1) / this.capacity > MAX_LOAD) this.resize(this.capacity * 2);
    let slot = this.slotHash(a, b);
    while (true) {
      const ka = this.keyA[slot]!;
      if (ka === EMPTY) {
        this.keyA[slot] = a;
        this.keyB[slot] = b;
        for (let c = 0; c < this.valueColumns; c++) this.values[c]![slot] = 0;
        this.count++;
        this.inserted = true;
        return slot;
      }
      if (ka === a && this.keyB[slot] === b) {
        this.inserted = false;
        return slot;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** Whether the last upsert created the entry. */
  inserted = false;

  get(slot: number, column: number): number {
    return this.values[column]![slot]!;
  }

  set(slot: number, column: number, value: number): void {
    this.values[column]![slot] = value;
  }

  keyAAt(slot: number): number {
    return this.keyA[slot]!;
  }

  keyBAt(slot: number): number {
    return this.keyB[slot]!;
  }

  /**
   * Visits every entry; the visitor returns true to delete it. Deletion shifts later entries
   * back, so the slot is revisited when something moved into it.
   */
  sweep(visit: (slot: number, a: number, b: number) => boolean): void {
    // Start the scan just after an empty slot so no cluster wraps around under the cursor.
    let start = 0;
    while (this.keyA[start] !== EMPTY && start < this.capacity) start++;
    if (start === this.capacity) start = 0;
    for (let i = 1; i <= this.capacity; i++) {
      const slot = (start + i) & this.mask;
      while (this.keyA[slot] !== EMPTY && visit(slot, this.keyA[slot]!, this.keyB[slot]!)) {
        this.deleteAt(slot);
      }
    }
  }

  private deleteAt(slot: number): void {
    let hole = slot;
    let next = (hole + 1) & this.mask;
    while (this.keyA[next] !== EMPTY) {
      const home = this.slotHash(this.keyA[next]!, this.keyB[next]!);
      // Move `next` into the hole unless its home lies cyclically in (hole, next].
      const inRange = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!inRange) {
        this.keyA[hole] = this.keyA[next]!;
        this.keyB[hole] = this.keyB[next]!;
        for (let c = 0; c < this.valueColumns; c++) this.values[c]![hole] = this.values[c]![next]!;
        hole = next;
      }
      next = (next + 1) & this.mask;
    }
    this.keyA[hole] = EMPTY;
    this.count--;
  }

  private resize(capacity: number): void {
    const oldA = this.keyA;
    const oldB = this.keyB;
    const oldValues = this.values;
    const oldCapacity = this.capacity;
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.keyA = new Uint32Array(capacity).fill(EMPTY);
    this.keyB = new Uint32Array(capacity);
    this.values = Array.from({ length: this.valueColumns }, () => new Uint32Array(capacity));
    this.count = 0;
    for (let i = 0; i < oldCapacity; i++) {
      if (oldA[i] === EMPTY) continue;
      const slot = this.upsert(oldA[i]!, oldB[i]!);
      for (let c = 0; c < this.valueColumns; c++) this.values[c]![slot] = oldValues[c]![i]!;
    }
  }
}
