/** Per foreign number / per number range: what rang whom, how briefly, and who called back. */
import { markStateless } from '../../engine/checkpoint-marks.js';
import { HourPair } from '../common/hour-buckets.js';

export interface RingBucket {
  calls: number;
  short: number;
  ringKnown: number;
  ringSumS: number;
  targets: Set<number>;
  numbers: Set<number>;
}

const fresh = markStateless('wangiri.freshBucket', (): RingBucket => ({ calls: 0, short: 0, ringKnown: 0, ringSumS: 0, targets: new Set(), numbers: new Set() }));
const MAX_SET = 50_000;

export class RingStats {
  readonly hours: HourPair<RingBucket>;
  readonly samples: string[] = [];
  readonly callbackCallers = new Set<number>();
  readonly callbackSamples: string[] = [];
  callbacks = 0;
  callbackAnsweredS = 0;
  lastMs: number;
  operatorId = 0;
  /** Event time of the record the operator was taken from: the earliest ring decides, whatever the arrival order. */
  operatorAtMs = Number.POSITIVE_INFINITY;

  /** Takes the operator of the earliest ring (ties: the lower operator id), so replays and Kafka agree. */
  noteOperator(atMs: number, operatorId: number): void {
    if (atMs < this.operatorAtMs || (atMs === this.operatorAtMs && operatorId < this.operatorId)) {
      this.operatorAtMs = atMs;
      this.operatorId = operatorId;
    }
  }
  flaggedAtMs = Number.NaN;
  episodeKey = '';
  /** Fixed when first raised, so the finding id stays stable as more numbers arrive. */
  subject: { kind: 'msisdn' | 'number_range'; value: string } | undefined;
  numberLength = 0;
  firstEventMs = 0;

  constructor(atMs: number) {
    this.hours = new HourPair(fresh, atMs);
    this.lastMs = atMs;
  }

  ring(atMs: number, target: number, number: number, short: boolean, ringS: number): void {
    const b = this.hours.at(atMs);
    if (atMs > this.lastMs) this.lastMs = atMs;
    if (b === undefined) return;
    b.calls++;
    if (short) b.short++;
    if (Number.isFinite(ringS)) { b.ringKnown++; b.ringSumS += ringS; }
    if (b.targets.size < MAX_SET) b.targets.add(target);
    if (b.numbers.size < MAX_SET) b.numbers.add(number);
  }

  /** Numbers seen ringing in the window. */
  numbersSeen(nowMs: number): Set<number> {
    const [p, c] = this.hours.window(nowMs);
    return new Set([...p.numbers, ...c.numbers]);
  }

  summary(nowMs: number): RingSummary {
    const [p, c] = this.hours.window(nowMs);
    const calls = p.calls + c.calls;
    const ringKnown = p.ringKnown + c.ringKnown;
    return {
      calls, shortShare: calls > 0 ? (p.short + c.short) / calls : 0,
      meanRingS: ringKnown > 0 ? (p.ringSumS + c.ringSumS) / ringKnown : Number.NaN,
      ringKnownShare: calls > 0 ? ringKnown / calls : 0,
      targets: unionSize(p.targets, c.targets), numbers: unionSize(p.numbers, c.numbers),
    };
  }
}

export interface RingSummary {
  calls: number;
  shortShare: number;
  meanRingS: number;
  ringKnownShare: number;
  targets: number;
  numbers: number;
}

function unionSize(a: Set<number>, b: Set<number>): number {
  let n = b.size;
  for (const x of a) if (!b.has(x)) n++;
  return n;
}
