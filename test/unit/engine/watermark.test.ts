import { describe, expect, it } from 'vitest';
import { WatermarkTracker } from '../../../engine/watermark.js';

describe('WatermarkTracker', () => {
  it('is the minimum over active sources minus the allowed disorder, and never goes back', () => {
    const wm = new WatermarkTracker({ allowedDisorderMs: 100, sourceIdleTimeoutMs: 1000, now: () => 0 });
    expect(wm.update()).toBe(Number.NEGATIVE_INFINITY);
    wm.observe('p0', 5000);
    wm.observe('p1', 3000);
    expect(wm.update()).toBe(2900);
    wm.observe('p1', 1000); // an older batch does not move it back
    expect(wm.update()).toBe(2900);
  });

  it('lets an idle source stop holding the watermark', () => {
    let now = 0;
    const wm = new WatermarkTracker({ allowedDisorderMs: 0, sourceIdleTimeoutMs: 1000, now: () => now });
    wm.observe('busy', 10_000);
    wm.observe('quiet', 2_000);
    expect(wm.update()).toBe(2_000);
    now = 1_500;
    wm.observe('busy', 12_000);
    expect(wm.update()).toBe(12_000);
  });

  it('ignores closed sources and uses the highest time when all are closed', () => {
    const wm = new WatermarkTracker({ allowedDisorderMs: 10, sourceIdleTimeoutMs: 1000, now: () => 0 });
    wm.observe('a', 100);
    wm.observe('b', 50);
    wm.close('b');
    expect(wm.update()).toBe(90);
    wm.close('a');
    expect(wm.update()).toBe(90);
    expect(wm.sourceLagMs().get('b')).toBe(50);
  });
});
