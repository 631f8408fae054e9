import { describe, expect, it } from 'vitest';
import { LocalClock } from '../../../core/time.js';

describe('LocalClock', () => {
  it('judges hours in Asia/Ho_Chi_Minh (UTC+7, no DST)', () => {
    const clock = new LocalClock('Asia/Ho_Chi_Minh');
    const utc = Date.parse('2026-03-01T17:30:00Z');
    expect(clock.offsetMs(utc)).toBe(7 * 3_600_000);
    expect(clock.localHour(utc)).toBe(0);
    expect(clock.localDate(utc)).toBe('2026-03-02');
  });

  it('follows DST changes in zones that have them', () => {
    const clock = new LocalClock('Europe/Berlin');
    expect(clock.offsetMs(Date.parse('2026-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(clock.offsetMs(Date.parse('2026-07-15T12:00:00Z'))).toBe(7_200_000);
    expect(clock.localHour(Date.parse('2026-07-15T22:10:00Z'))).toBe(0);
  });

  it('gives the local weekday', () => {
    const clock = new LocalClock('Asia/Ho_Chi_Minh');
    // 2026-11-23 is a Monday
    expect(clock.localWeekday(Date.parse('2026-11-23T05:00:00Z'))).toBe(1);
  });
});
