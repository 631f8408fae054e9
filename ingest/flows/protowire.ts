/**
 * Minimal protobuf wire-format reader (varint, fixed32/64, length-delimited), enough for
 * goflow2's FlowMessage without generated code. Throws WireError on anything malformed;
 * the caller turns that into a counted rejection.
 */

export class WireError extends Error {}

export const WireType = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

export class WireReader {
  pos: number;

  constructor(readonly buf: Uint8Array, start: number, readonly end: number) {
    this.pos = start;
  }

  /** Varint as a JS number; exact up to 2^53, callers use readVarintBig for 64-bit values. */
  readVarint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('truncated varint');
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
    throw new WireError('varint longer than 10 bytes');
  }

  readVarintBig(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('truncated varint');
      const byte = this.buf[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result & 0xffffffffffffffffn;
      shift += 7n;
    }
    throw new WireError('varint longer than 10 bytes');
  }

  /** Start offset of a length-delimited field's payload; advances past it. */
  readBytesStart(): number {
    const length = this.readVarint();
    const start = this.pos;
    if (length > this.end - start) throw new WireError('length-delimited field runs past the message');
    this.pos = start + length;
    return start;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WireType.varint: this.readVarint(); return;
      case WireType.fixed64: this.advance(8); return;
      case WireType.bytes: this.readBytesStart(); return;
      case WireType.fixed32: this.advance(4); return;
      default: throw new WireError(`unsupported wire type ${wireType}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new WireError('truncated fixed field');
    this.pos += n;
  }
}

/** Encodes a non-negative integer as a varint (used by tests, the simulator and benches). */
export function encodeVarint(value: number | bigint, out: number[]): void {
  let v = BigInt(value);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}
