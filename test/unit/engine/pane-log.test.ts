import { describe, expect, it } from 'vitest';
import { HourLog, readVarint, varintLength, writeVarint } from '../../../engine/pane-log.js';
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
