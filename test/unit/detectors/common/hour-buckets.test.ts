import { describe, expect, it } from 'vitest';
import { HourPair, HourRing } from '../../../../detectors/common/hour-buckets.js';

const H = 3_600_000;

describe('hour buckets', () => {
  it('HourPair keeps the previous and current hour, drops older, takes a late record into the previous', () => {
    const pair = new HourPair(() => ({ n: 0 }), 10 * H);
    pair.at(10 * H + 5)!.n++;
    pair.at(11 * H)!.n++;
    pair.at(10 * H + 9)!.n++; // late, previous hour
    expect(pair.at(9 * H)).toBeUndefined();
    expect(pair.window(11 * H + 1).map((b) => b.n)).toEqual([2, 1]);
    expect(pair.window(13 * H).map((b) => b.n)).toEqual([0, 0]); // a gap clears both
  });

  it('HourRing keeps the last n hours and forgets the rest', () => {
    const ring = new HourRing(() => ({ n: 0 }), 0, 3);
    for (let h = 0; h < 5; h++) ring.at(h * H)!.n += h + 1;
    expect(ring.window(4 * H).map((b) => b.n).sort()).toEqual([3, 4, 5]);
    expect(ring.at(1 * H)).toBeUndefined();
    expect(ring.window(6 * H).reduce((s, b) => s + b.n, 0)).toBe(5); // hours 4 (5), 5, 6 (empty)
  });
});
