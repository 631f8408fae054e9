/**
 * Per-sender SMS statistics the subscriber windows do not keep: recipients (for fan-out and
 * disjointness), inter-message gaps (timing regularity), per-minute bursts and the local-day
 * count. Two hourly buckets; a sender's state is dropped after two idle hours.
 */
import { markStateless } from '../../engine/checkpoint-marks.js';
import { HourPair } from '../common/hour-buckets.js';

/** Recipients kept per bucket; beyond this the sender is plainly bulk and exact counts stop mattering. */
const MAX_RECIPIENTS = 20_000;

export interface SmsBucket {
  messages: number;
  recipients: Set<number>;
  gaps: number;
  gapSumS: number;
  gapSqSumS: number;
  maxPerMinute: number;
}

const freshBucket = markStateless('sms_spam.freshBucket', (): SmsBucket => ({ messages: 0, recipients: new Set(), gaps: 0, gapSumS: 0, gapSqSumS: 0, maxPerMinute: 0 }));

export class SenderStats {
  readonly hours: HourPair<SmsBucket>;
  lastMs = Number.NEGATIVE_INFINITY;
  lastCellId = 0;
  minute = -1;
  inMinute = 0;
  day = -1;
  today = 0;
  readonly samples: string[] = [];
  /** Lowest and highest recipient number seen from this sender (the range it worked through). */
  lowestRecipient = Number.POSITIVE_INFINITY;
  highestRecipient = 0;

  constructor(atMs: number) {
    this.hours = new HourPair(freshBucket, atMs);
  }

  observe(atMs: number, recipientId: number, localDay: number, cellId: number): void {
    const bucket = this.hours.at(atMs);
    if (bucket === undefined) return; // older than the previous hour: too late to matter here
    bucket.messages++;
    if (bucket.recipients.size < MAX_RECIPIENTS && recipientId !== 0) bucket.recipients.add(recipientId);
    if (atMs >= this.lastMs) {
      if (this.lastMs !== Number.NEGATIVE_INFINITY) {
        const gapS = (atMs - this.lastMs) / 1000;
        if (gapS < 3600) {
          bucket.gaps++;
          bucket.gapSumS += gapS;
          bucket.gapSqSumS += gapS * gapS;
        }
      }
      this.lastMs = atMs;
      if (cellId !== 0) this.lastCellId = cellId;
    }
    const minute = Math.floor(atMs / 60_000);
    this.inMinute = minute === this.minute ? this.inMinute + 1 : 1;
    this.minute = minute;
    if (this.inMinute > bucket.maxPerMinute) bucket.maxPerMinute = this.inMinute;
    if (localDay !== this.day) {
      this.day = localDay;
      this.today = 0;
    }
    this.today++;
  }

  /** Messages over the previous and current hour (cheap: no set work). */
  messages(nowMs: number): number {
    const [prev, cur] = this.hours.window(nowMs);
    return prev.messages + cur.messages;
  }

  /** Window summary over the previous and current hour as of `nowMs`. */
  summary(nowMs: number): SenderSummary {
    const [prev, cur] = this.hours.window(nowMs);
    const messages = prev.messages + cur.messages;
    let recipients = cur.recipients.size;
    for (const r of prev.recipients) if (!cur.recipients.has(r)) recipients++;
    const gaps = prev.gaps + cur.gaps;
    const mean = gaps > 0 ? (prev.gapSumS + cur.gapSumS) / gaps : 0;
    const variance = gaps > 1 ? Math.max(0, (prev.gapSqSumS + cur.gapSqSumS) / gaps - mean * mean) : 0;
    return {
      messages, recipients, gaps, meanGapS: mean, gapCv: mean > 0 ? Math.sqrt(variance) / mean : Number.NaN,
      maxPerMinute: Math.max(prev.maxPerMinute, cur.maxPerMinute), today: this.today,
    };
  }

  recipientSets(nowMs: number): [Set<number>, Set<number>] {
    const [prev, cur] = this.hours.window(nowMs);
    return [prev.recipients, cur.recipients];
  }
}

export interface SenderSummary {
  messages: number;
  recipients: number;
  gaps: number;
  meanGapS: number;
  gapCv: number;
  maxPerMinute: number;
  today: number;
}
