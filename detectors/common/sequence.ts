/**
 * Sequential dialling / messaging: an autodialler walks a number range, so consecutive
 * recipients of one sender differ by a few units (Murynets & Jover, "Crime scene
 * investigation: SMS spam data analysis", IMC 2012; the same tell for robocalls). Per sender
 * slot, in typed arrays: the last recipient and, for the current and previous hour, how many
 * steps were taken and how many of them were "sequential" (|Δ| ≤ maxGap, Δ ≠ 0).
 */
import { HOUR_MS } from '../../core/time.js';
import { grow } from '../../engine/growable.js';

export class SequenceTracker {
  private lastRecipient = new Float64Array(1024);
  private hourTag = new Int32Array(1024);
  private stepsCur = new Uint32Array(1024);
  private seqCur = new Uint32Array(1024);
  private stepsPrev = new Uint32Array(1024);
  private seqPrev = new Uint32Array(1024);
  private readonly maxGap: number;

  constructor(maxGap: number) {
    this.maxGap = maxGap;
  }

  /** Notes that `slot` sent to `recipient` (E.164 digits) at `atMs`; returns the recipient as a number (NaN if not digits). */
  observe(slot: number, recipient: string, atMs: number): number {
    this.ensure(slot);
    const hour = Math.floor(atMs / HOUR_MS);
    this.roll(slot, hour);
    const value = Number(recipient);
    if (!Number.isFinite(value)) return Number.NaN;
    const last = this.lastRecipient[slot]!;
    this.lastRecipient[slot] = value;
    if (last === 0 || hour < this.hourTag[slot]!) return value;
    const gap = Math.abs(value - last);
    this.stepsCur[slot]!++;
    if (gap > 0 && gap <= this.maxGap) this.seqCur[slot]!++;
    return value;
  }

  /** Share of sequential steps over the current and previous hour, and the step count. */
  share(slot: number, nowMs: number): { share: number; steps: number } {
    if (slot >= this.hourTag.length) return { share: 0, steps: 0 };
    this.roll(slot, Math.floor(nowMs / HOUR_MS));
    const steps = this.stepsCur[slot]! + this.stepsPrev[slot]!;
    return { share: steps === 0 ? 0 : (this.seqCur[slot]! + this.seqPrev[slot]!) / steps, steps };
  }

  private roll(slot: number, hour: number): void {
    const tag = this.hourTag[slot]!;
    if (hour <= tag) return;
    const adjacent = hour === tag + 1;
    this.stepsPrev[slot] = adjacent ? this.stepsCur[slot]! : 0;
    this.seqPrev[slot] = adjacent ? this.seqCur[slot]! : 0;
    this.stepsCur[slot] = 0;
    this.seqCur[slot] = 0;
    if (!adjacent) this.lastRecipient[slot] = 0;
    this.hourTag[slot] = hour;
  }

  private ensure(slot: number): void {
    if (slot < this.hourTag.length) return;
    const n = slot + 1;
    this.lastRecipient = grow(this.lastRecipient, n);
    this.hourTag = grow(this.hourTag, n);
    this.stepsCur = grow(this.stepsCur, n);
    this.seqCur = grow(this.seqCur, n);
    this.stepsPrev = grow(this.stepsPrev, n);
    this.seqPrev = grow(this.seqPrev, n);
  }
}
