import { describe, expect, it } from 'vitest';
import { CountMinSketch } from '../../../engine/flows/countmin.js';
import { HyperLogLog } from '../../../engine/flows/hyperloglog.js';
import { SeasonalBaseline, type Band } from '../../../engine/flows/baseline.js';
import { findingId, EpisodeBook } from '../../../engine/flows/episodes.js';

describe('count-min sketch', () => {
  it('never undercounts and finds the heavy hitter among 50k light keys', () => {
    const cms = new CountMinSketch();
    for (let k = 0; k < 50_000; k++) cms.add(k * 7919, 10, 1);
    cms.add(123_456_789, 1_000_000, 5);
    cms.query(123_456_789);
    expect(cms.estimateA).toBeGreaterThanOrEqual(1_000_000);
    expect(cms.estimateA).toBeLessThan(1_000_000 + 0.01 * 1_500_000);
    cms.query(7919 * 3);
    expect(cms.estimateA).toBeGreaterThanOrEqual(10);
    expect(cms.estimateA).toBeLessThan(1000);
  });
});

describe('HyperLogLog', () => {
  it.each([10, 1000, 50_000])('estimates %i distinct keys within 10 %', (n) => {
    const hll = new HyperLogLog();
    for (let i = 0; i < n; i++) for (let r = 0; r < 3; r++) hll.add(i * 2_654_435_761 + 17);
    expect(Math.abs(hll.count() - n) / n).toBeLessThan(0.1);
  });
});

describe('seasonal baseline', () => {
  it('uses the hour-of-week slot once it has history, else hour-of-day, else the recent level', () => {
    const b = new SeasonalBaseline({ minObservations: 5, minAlpha: 0.1, recentAlpha: 0.5 });
    const band: Band = { mean: 0, std: 0, source: 'none' };
    expect(b.band(1, 10, band).source).toBe('none');
    for (let i = 0; i < 5; i++) b.observe(1, 10, 100);
    expect(b.band(1, 10, band)).toMatchObject({ source: 'week', mean: 100 });
    expect(b.band(1, 10 + 24, band)).toMatchObject({ source: 'day', mean: 100 }); // same hour, next day
    expect(b.band(1, 11, band)).toMatchObject({ source: 'recent' });
    expect(b.band(2, 10, band).source).toBe('none');
  });
});

describe('episodes', () => {
  it('keeps one id per episode and starts a new one after a quiet gap', () => {
    const book = new EpisodeBook(900_000);
    const subject = { kind: 'ip' as const, value: '100.64.1.10' };
    const a = book.touch('ddos', subject, 60_000, 70_000);
    expect(book.touch('ddos', subject, 120_000, 500_000).id).toBe(a.id);
    expect(a.id).toBe(findingId('ddos', subject, 60_000));
    expect(book.touch('ddos', subject, 2_000_000, 2_000_000).id).not.toBe(a.id);
  });
});
