/**
 * String ⇄ dense integer id. Ids start at 1; 0 means "absent". One Dictionary per kind
 * of identifier, shared by decoders, engine, detectors and stores, so a batch column of
 * ids can be turned back into strings for evidence.
 *
 * Most values are digit strings (IMSI, MSISDN, IMEI): those of 1–16 digits are kept packed,
 * exactly, in two 32-bit words per id (length and leading digits, last 8 digits), found through
 * an open-addressing table of ids, and turned back into strings when asked for: ~17 B per value
 * instead of ~72 B for a Map entry, its string and an array slot (500,000 11-digit numbers, heap
 * and array buffers of a fresh process); every other value (cells, operators, letters) is in Maps.
 */
/** Longest digit string kept packed (IMEISV). */
const MAX_PACKED_DIGITS = 16;
/** The id table is grown when more than this share of its slots is taken. */
const MAX_LOAD = 0.7;
/**
 * Rough V8 cost of a value kept as a string: two Map entries, the string (cells, operators: ~10–20
 * characters). A Map<string, id> plus an array of 11-digit strings measured 72 B per value.
 */
const OTHER_VALUE_BYTES = 110;

export class Dictionary {
  /** Per id: (digit count << 27) | leading digits, and the last 8 digits; 0 for a value that is not packed. */
  private packedA = new Int32Array(1024);
  private packedLo = new Int32Array(1024);
  /** Open addressing over packed keys: slot → id, 0 = empty. */
  private slots = new Int32Array(1024);
  private packedCount = 0;
  /** Values that are not short digit strings. */
  private readonly otherIds = new Map<string, number>();
  private readonly otherValues = new Map<number, string>();
  private count = 0;
  /** Packed form of the last value pack() accepted. */
  private keyA = 0;
  private keyLo = 0;

  get size(): number {
    return this.count;
  }

  /** Bytes held: the packed arrays exactly, other values at an estimate per Map-held string. */
  get byteLength(): number {
    return this.packedA.byteLength + this.packedLo.byteLength + this.slots.byteLength + this.otherIds.size * OTHER_VALUE_BYTES;
  }

  /** Id of `value`, interning it on first sight. '' → 0. */
  intern(value: string): number {
    if (value === '') return 0;
    if (!this.pack(value)) {
      let id = this.otherIds.get(value);
      if (id === undefined) {
        id = this.nextId();
        this.otherIds.set(value, id);
        this.otherValues.set(id, value);
      }
      return id;
    }
    const found = this.findPacked();
    if (found !== 0) return found;
    const id = this.nextId();
    this.packedA[id] = this.keyA;
    this.packedLo[id] = this.keyLo;
    if (++this.packedCount > this.slots.length * MAX_LOAD) this.rehash(this.slots.length * 2);
    else this.place(id);
    return id;
  }

  /** Id of `value` or 0 when never seen; never interns. */
  lookup(value: string): number {
    if (value === '') return 0;
    return this.pack(value) ? this.findPacked() : this.otherIds.get(value) ?? 0;
  }

  value(id: number): string {
    if (id <= 0 || id > this.count) return '';
    const a = this.packedA[id]!;
    if (a === 0) return this.otherValues.get(id) ?? '';
    const length = a >>> 27;
    const lo = this.packedLo[id]!;
    if (length <= 8) return String(lo).padStart(length, '0');
    return String(a & 0x7ffffff).padStart(length - 8, '0') + String(lo).padStart(8, '0');
  }

  private nextId(): number {
    const id = ++this.count;
    if (id >= this.packedA.length) {
      // Grown by an eighth: ids arrive one at a time and doubling would leave up to half idle.
      const length = this.packedA.length + Math.max(1024, this.packedA.length >>> 3);
      const a = new Int32Array(length);
      a.set(this.packedA);
      this.packedA = a;
      const lo = new Int32Array(length);
      lo.set(this.packedLo);
      this.packedLo = lo;
    }
    return id;
  }

  /** Packs a string of 1–16 ASCII digits into keyA/keyLo; false for anything else. Same layout as DigitInterner.pack (ingest/), which packs input bytes. */
  private pack(value: string): boolean {
    const length = value.length;
    if (length > MAX_PACKED_DIGITS) return false;
    const split = length > 8 ? length - 8 : 0;
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < length; i++) {
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return false;
      if (i < split) hi = hi * 10 + digit;
      else lo = lo * 10 + digit;
    }
    this.keyA = (length << 27) | hi; // hi < 10^8 < 2^27; length ≥ 1, so keyA ≠ 0
    this.keyLo = lo;
    return true;
  }

  private findPacked(): number {
    const mask = this.slots.length - 1;
    const a = this.keyA;
    const lo = this.keyLo;
    for (let slot = packedDigitHash(a, lo) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id === 0) return 0;
      if (this.packedA[id] === a && this.packedLo[id] === lo) return id;
    }
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let slot = packedDigitHash(this.packedA[id]!, this.packedLo[id]!) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id;
  }

  private rehash(slotCount: number): void {
    this.slots = new Int32Array(slotCount);
    for (let id = 1; id <= this.count; id++) if (this.packedA[id] !== 0) this.place(id);
  }
}

/** Hash of a packed digit key (keyA, last 8 digits), for open-addressing tables. */
export function packedDigitHash(keyA: number, lo: number): number {
  let h = Math.imul(keyA, 0xcc9e2d51) ^ lo;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export interface Dictionaries {
  operator: Dictionary;
  imsi: Dictionary;
  imei: Dictionary;
  cell: Dictionary;
  msisdn: Dictionary;
}

export function createDictionaries(): Dictionaries {
  return {
    operator: new Dictionary(),
    imsi: new Dictionary(),
    imei: new Dictionary(),
    cell: new Dictionary(),
    msisdn: new Dictionary(),
  };
}
