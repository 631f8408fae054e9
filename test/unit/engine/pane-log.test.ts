import { describe, expect, it } from 'vitest';
import { HourLog, MinuteLog, PairOwner, readVarint, varintLength, writeVarint } from '../../../engine/pane-log.js';
import * as paneLog from '../../../engine/pane-log.js';

function entries(log: HourLog): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  log.forEach((slot, counter, value) => out.push([slot, counter, value]));
  return out;
}

describe('varint', () => {
  it.each([0, 1, 127, 128, 16_383, 16_384, 2 ** 21, 2 ** 31, 2 ** 32 - 1])('round-trips %d in varintLength bytes', (value) => {
    const out = new Uint8Array(5);
    const end = writeVarint(out, 0, value);
    expect(end).toBe(varintLength(value));
    expect(readVarint(out, 0)).toBe(end);
    expect(paneLog.decoded).toBe(value);
  });
});

describe('HourLog', () => {
  it('gives back every non-zero sum of the encoded slots, in slot then counter order', () => {
    const sums = new Map<string, number>([['0:0', 1], ['0:14', 2 ** 32 - 1], ['5:3', 300], ['70000:9', 65_536], ['70000:1', 2]]);
    const log = new HourLog();
    log.reset(7);
    log.encode(new Uint32Array([0, 5, 9, 70000]), 4, 15, (slot, k) => sums.get(`${slot}:${k}`) ?? 0);
    expect(entries(log)).toEqual([[0, 0, 1], [0, 14, 2 ** 32 - 1], [5, 3, 300], [70000, 1, 2], [70000, 9, 65_536]]);
    // slot 0: delta, mask 0x4001, 1, 2³²−1; slot 5: delta, mask, 300; slot 9 (no sums): nothing; slot 70000: delta 69995, mask, 2, 65536
    expect(log.byteLength).toBe((1 + 3 + 1 + 5) + (1 + 1 + 2) + (3 + 2 + 1 + 3));
  });

  it('keeps late entries beside the block and forgets everything at reset', () => {
    const log = new HourLog();
    log.reset(3);
    log.encode(new Uint32Array([2]), 1, 15, (_slot, k) => (k === 1 ? 4 : 0));
    log.push(8, 6, 1);
    expect(entries(log)).toEqual([[2, 1, 4], [8, 6, 1]]);
    log.reset(4);
    expect(log.hour).toBe(4);
    expect(entries(log)).toEqual([]);
  });
});

describe('MinuteLog', () => {
  type Entry = [number, number, number, number, number, number, number, number, number];
  const records: Entry[] = [
    // slot, bits, durationDs, durationSq, dataKib, peer, cell, imei, owner
    [0, 0b101, 1234, 15, 0, 99_999, 7, 123_456_789, PairOwner.callee | PairOwner.cell | PairOwner.imei],
    [70_000, 1 << 14, 0, 0, 0, 5, 0, 0, PairOwner.caller],
    [3, 1 << 8, 0, 0, 2 ** 32 - 1, 0, 9, 4, 0],
    [3, 1, 0, 0, 0, 8, 9, 4, PairOwner.cell],
  ];

  it('gives back every record, keeping pair ids only where the record owns the pair', () => {
    const log = new MinuteLog();
    log.reset(42);
    for (let round = 0; round < 40; round++) for (const r of records) log.push(...r); // grows past the first buffer
    expect(log.length).toBe(160);
    const seen: number[][] = [];
    for (let pos = 0; pos < log.used;) {
      pos = log.read(pos);
      seen.push([log.slot, log.counterBits, log.durationDs, log.durationSq, log.dataKib, log.peerId, log.cellId, log.imeiId, log.ownerBits]);
    }
    expect(seen.slice(0, 4)).toEqual([
      [0, 0b101, 1234, 15, 0, 99_999, 7, 123_456_789, 13],
      [70_000, 1 << 14, 0, 0, 0, 5, 0, 0, 2],
      [3, 1 << 8, 0, 0, 2 ** 32 - 1, 0, 0, 0, 0],
      [3, 1, 0, 0, 0, 0, 9, 0, 4],
    ]);
    expect(seen.length).toBe(160);
    expect(seen[159]).toEqual(seen[3]);
  });

  it('starts empty after reset and gives back a buffer far larger than the last pane needed', () => {
    const log = new MinuteLog();
    log.reset(1);
    for (let i = 0; i < 2000; i++) log.push(...records[0]!);
    const big = log.byteLength;
    log.reset(2);
    expect([log.minute, log.length, log.used]).toEqual([2, 0, 0]);
    expect(log.byteLength).toBeGreaterThanOrEqual(big); // the last pane was this large: kept
    log.reset(3); // the last pane was empty
    expect(log.byteLength).toBeLessThan(big / 10);
  });
});
