import { describe, expect, it } from 'vitest';
import { blockSize, PairTable } from '../../../engine/pair-table.js';

function lcg(seed: number): (n: number) => number {
  return (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
}

describe('PairTable', () => {
  it('agrees with a Map under random inserts, updates, sweeps and owner clears (run growth, compaction)', () => {
    const table = new PairTable(2, 16);
    const reference = new Map<string, [number, number]>();
    const rand = lcg(12345);
    for (let round = 0; round < 30; round++) {
      table.nowMinute = round + 1;
      for (let i = 0; i < 800; i++) {
        const owner = rand(200);
        const id = rand(400) + 1;
        const column = rand(2);
        const entry = table.upsert(owner, id);
        if (table.idAt(entry) !== id) throw new Error(`upsert(${owner}, ${id}) returned the entry of ${table.idAt(entry)}`);
        table.set(entry, column, round + 1);
        const values = reference.get(`${owner}:${id}`) ?? [0, 0];
        values[column] = round + 1;
        reference.set(`${owner}:${id}`, values);
      }
      if (round % 7 === 6) {
        const owner = rand(200);
        table.clearOwner(owner);
        for (const key of [...reference.keys()]) if (key.startsWith(`${owner}:`)) reference.delete(key);
      }
      const cutoff = round - 3;
      table.sweep((entry) => Math.max(table.get(entry, 0), table.get(entry, 1)) < cutoff);
      for (const [key, [a, b]] of reference) if (Math.max(a, b) < cutoff) reference.delete(key);
      expect(table.size).toBe(reference.size);
      const found = new Map<string, [number, number]>();
      for (const key of reference.keys()) {
        const [owner, id] = key.split(':').map(Number) as [number, number];
        const entry = table.find(owner, id);
        found.set(key, entry < 0 ? [-1, -1] : [table.get(entry, 0), table.get(entry, 1)]);
      }
      expect(found).toEqual(reference);
    }
    expect(table.compactions).toBeGreaterThan(0);
  });

  it('reports whether upsert inserted, and finds nothing for unknown owners', () => {
    const table = new PairTable(2);
    table.upsert(1, 2);
    expect(table.inserted).toBe(true);
    table.upsert(1, 2);
    expect(table.inserted).toBe(false);
    expect(table.find(2, 1)).toBe(-1);
    expect(table.find(1_000_000, 2)).toBe(-1);
  });

  it.each([
    ['just after 0', 5, 3],
    ['across the 16-bit period', 65_535 * 400 + 10, 65_535 * 400 - 20],
    ['25 h behind', 29_000_000, 29_000_000 - 1500],
    ['65,534 minutes behind (the limit)', 29_000_000, 29_000_000 - 65_534],
  ])('reads minutes back exactly: %s', (_name, now, minute) => {
    const table = new PairTable(1);
    table.nowMinute = now;
    const entry = table.upsert(0, 7);
    expect(table.get(entry, 0)).toBe(0); // fresh entry: none
    table.set(entry, 0, minute);
    expect(table.get(entry, 0)).toBe(minute);
    table.set(entry, 0, now);
    expect(table.get(entry, 0)).toBe(now);
  });

  it('sizes blocks exactly up to 8 pairs and at least four fifths full beyond, each size a fixed point', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 17, 25, 33].map(blockSize)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 14, 20, 28, 40]);
    const wrong: number[] = [];
    for (let n = 1; n < 70_000; n++) {
      const size = blockSize(n);
      if (size < n || n / size < 0.8 || blockSize(size) !== size || size < blockSize(n - 1)) wrong.push(n);
    }
    expect(wrong).toEqual([]);
  });

  it('counts an owner\'s pairs seen since a minute, and pairs seen in both columns', () => {
    const table = new PairTable(2);
    table.nowMinute = 1000;
    const put = (id: number, out: number, inc: number) => {
      const entry = table.upsert(3, id);
      table.set(entry, 0, out);
      table.set(entry, 1, inc);
    };
    put(10, 990, 0);
    put(11, 900, 950);
    put(12, 0, 999);
    put(13, 941, 941);
    expect([table.countSince(3, 0, 1), table.countSince(3, 0, 941), table.countSince(3, 1, 941), table.countBoth(3)]).toEqual([3, 2, 3, 2]);
    expect([table.countSince(4, 0, 1), table.countBoth(99)]).toEqual([0, 0]);
    for (const since of [1, 941, 995]) {
      table.countPair(3, since);
      expect([table.counted0, table.counted1, table.countedBoth]).toEqual([table.countSince(3, 0, since), table.countSince(3, 1, since), table.countBoth(3)]);
    }
    table.countPair(99, 1);
    expect([table.counted0, table.counted1, table.countedBoth]).toEqual([0, 0, 0]);
  });

  it('countSinceIn counts only the ids in its range, as countSince over those ids would', () => {
    const table = new PairTable(1, 16);
    const rand = lcg(99);
    const tag = 2 ** 31;
    table.nowMinute = 500;
    const held = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const owner = rand(7);
      const id = rand(2) === 0 ? rand(40) + 1 : tag + rand(40);
      const minute = rand(500) + 1;
      const entry = table.upsert(owner, id);
      if (minute > table.get(entry, 0)) table.set(entry, 0, minute);
      held.set(owner * 2 ** 33 + id, table.get(entry, 0));
    }
    for (let owner = 0; owner < 8; owner++) {
      for (const since of [1, 250, 499]) {
        const expected = (from: number, to: number) => [...held].filter(([key, minute]) => Math.floor(key / 2 ** 33) === owner
          && key % 2 ** 33 >= from && key % 2 ** 33 < to && minute >= since).length;
        const low = table.countSinceIn(owner, 0, since, 0, tag);
        const high = table.countSinceIn(owner, 0, since, tag, 2 ** 32);
        expect([low, high]).toEqual([expected(0, tag), expected(tag, 2 ** 32)]);
        expect(low + high).toBe(table.countSince(owner, 0, since));
      }
    }
    expect(table.countSinceIn(99, 0, 1, 0, tag)).toBe(0);
  });

  it('keeps runs longer than 65,534 pairs exact (16-bit run lengths with an overflow map)', () => {
    const table = new PairTable(1);
    table.nowMinute = 100;
    for (let id = 1; id <= 70_000; id++) table.set(table.upsert(5, id), 0, id % 2 === 0 ? 100 : 50);
    table.set(table.upsert(6, 1), 0, 100);
    expect([table.size, table.countSince(5, 0, 1), table.countSince(5, 0, 60), table.find(5, 69_999) >= 0]).toEqual([70_001, 70_000, 35_000, true]);
    table.sweep((entry) => table.get(entry, 0) < 60);
    expect([table.size, table.countSince(5, 0, 1), table.find(5, 69_999), table.find(5, 70_000) >= 0, table.countSince(6, 0, 1)]).toEqual([35_001, 35_000, -1, true, 1]);
    for (let id = 70_001; id <= 110_000; id++) table.upsert(5, id); // 75,000 pairs: long again, then cleared
    expect([table.size, table.find(5, 110_000) >= 0, table.find(5, 70_000) >= 0]).toEqual([75_001, true, true]);
    table.clearOwner(5);
    expect([table.size, table.find(5, 70_000), table.countSince(6, 0, 1)]).toEqual([1, -1, 1]);
  });
  it('expireBefore clears the columns older than the cutoff and drops pairs left with none, like the equivalent sweep', () => {
    const build = (): PairTable => {
      const t = new PairTable(2, 16);
      const rand = lcg(777);
      for (let minute = 1; minute <= 40; minute++) {
        t.nowMinute = minute;
        for (let i = 0; i < 300; i++) t.set(t.upsert(rand(50), rand(90) + 1), rand(2), minute);
      }
      return t;
    };
    const cutoff = 25;
    const swept = build();
    const sweptDrops: number[] = [];
    swept.sweep((entry) => {
      for (let c = 0; c < 2; c++) if (swept.get(entry, c) !== 0 && swept.get(entry, c) < cutoff) swept.set(entry, c, 0);
      const gone = swept.get(entry, 0) === 0 && swept.get(entry, 1) === 0;
      if (gone) sweptDrops.push(swept.idAt(entry));
      return gone;
    });
    const expired = build();
    const expiredDrops: number[] = [];
    const before = expired.size;
    expired.expireBefore(cutoff, (id) => expiredDrops.push(id));
    expect(expired.size).toBe(swept.size);
    expect(expired.size).toBeLessThan(before);
    expect(expiredDrops.length).toBe(before - expired.size);
    expect(expiredDrops.sort((a, b) => a - b)).toEqual(sweptDrops.sort((a, b) => a - b));
    for (let owner = 0; owner < 50; owner++) {
      for (let id = 1; id <= 90; id++) {
        const a = swept.find(owner, id);
        const b = expired.find(owner, id);
        expect(b < 0).toBe(a < 0);
        if (a >= 0) expect([expired.get(b, 0), expired.get(b, 1)]).toEqual([swept.get(a, 0), swept.get(a, 1)]);
      }
    }
  });
});

