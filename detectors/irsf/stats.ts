/** One SIM's international calling in two hourly buckets: volume, talk time, hot-list hits, ranges. */
import { HourPair } from '../common/hour-buckets.js';

export interface IntlBucket {
  calls: number;
  answeredS: number;
  answeredSqS: number;
  answered: number;
  night: number;
  hotCalls: number;
  hotAnsweredS: number;
  numbers: Set<number>;
  hotNumbers: Set<number>;
  ranges: Map<string, number>;
}

const fresh = (): IntlBucket => ({
  calls: 0, answeredS: 0, answeredSqS: 0, answered: 0, night: 0, hotCalls: 0, hotAnsweredS: 0, numbers: new Set(), hotNumbers: new Set(), ranges: new Map(),
});

export class IntlStats {
  readonly hours: HourPair<IntlBucket>;
  readonly samples: string[] = [];
  lastMs: number;
  lastCellId = 0;

  constructor(atMs: number) {
    this.hours = new HourPair(fresh, atMs);
    this.lastMs = atMs;
  }

  call(atMs: number, number: number, range: string, hot: boolean, answeredS: number, night: boolean): void {
    const b = this.hours.at(atMs);
    if (atMs > this.lastMs) this.lastMs = atMs;
    if (b === undefined) return;
    b.calls++;
    if (answeredS > 0) { b.answered++; b.answeredS += answeredS; b.answeredSqS += answeredS * answeredS; }
    if (night) b.night++;
    b.numbers.add(number);
    b.ranges.set(range, (b.ranges.get(range) ?? 0) + 1);
    if (hot) { b.hotCalls++; b.hotAnsweredS += answeredS; b.hotNumbers.add(number); }
  }

  summary(nowMs: number): IntlSummary {
    const [p, c] = this.hours.window(nowMs);
    const calls = p.calls + c.calls;
    const answered = p.answered + c.answered;
    const answeredS = p.answeredS + c.answeredS;
    const mean = answered > 0 ? answeredS / answered : 0;
    const sq = answered > 0 ? (p.answeredSqS + c.answeredSqS) / answered : 0;
    const ranges = new Map(p.ranges);
    for (const [r, n] of c.ranges) ranges.set(r, (ranges.get(r) ?? 0) + n);
    const top = [...ranges.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
    return {
      calls, answeredS, meanAnsweredS: mean, stdAnsweredS: Math.sqrt(Math.max(0, sq - mean * mean)),
      nightShare: calls > 0 ? (p.night + c.night) / calls : 0,
      hotCalls: p.hotCalls + c.hotCalls, hotAnsweredS: p.hotAnsweredS + c.hotAnsweredS,
      numbers: union(p.numbers, c.numbers), hotNumbers: union(p.hotNumbers, c.hotNumbers),
      topRanges: top.map(([r]) => r), topRangeShare: calls > 0 ? top.reduce((s, [, n]) => s + n, 0) / calls : 0,
    };
  }
}

export interface IntlSummary {
  calls: number;
  answeredS: number;
  meanAnsweredS: number;
  stdAnsweredS: number;
  nightShare: number;
  hotCalls: number;
  hotAnsweredS: number;
  numbers: number;
  hotNumbers: number;
  topRanges: string[];
  topRangeShare: number;
}

function union(a: Set<number>, b: Set<number>): number {
  let n = b.size;
  for (const x of a) if (!b.has(x)) n++;
  return n;
}
