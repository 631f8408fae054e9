/** One SIM's international calling in hourly buckets over a night: volume, talk time, hot-list hits, ranges. */
import { markStateless } from '../../engine/checkpoint-marks.js';
import { HourRing } from '../common/hour-buckets.js';

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
  /** Range → distinct numbers called in it (answered or not) and calls. */
  ranges: Map<string, { calls: number; numbers: Set<number> }>;
  /** Destination country code → the same. */
  countries: Map<string, { calls: number; numbers: Set<number> }>;
}

const fresh = markStateless('irsf.freshBucket', (): IntlBucket => ({
  calls: 0, answeredS: 0, answeredSqS: 0, answered: 0, night: 0, hotCalls: 0, hotAnsweredS: 0, numbers: new Set(), hotNumbers: new Set(), ranges: new Map(), countries: new Map(),
}));

export class IntlStats {
  readonly hours: HourRing<IntlBucket>;
  readonly samples: string[] = [];
  lastMs: number;
  lastCellId = 0;

  constructor(atMs: number, windowHours: number) {
    this.hours = new HourRing(fresh, atMs, windowHours);
    this.lastMs = atMs;
  }

  call(atMs: number, number: number, range: string, country: string, hot: boolean, answeredS: number, night: boolean): void {
    const b = this.hours.at(atMs);
    if (atMs > this.lastMs) this.lastMs = atMs;
    if (b === undefined) return;
    b.calls++;
    if (answeredS > 0) { b.answered++; b.answeredS += answeredS; b.answeredSqS += answeredS * answeredS; }
    if (night) b.night++;
    b.numbers.add(number);
    for (const [map, key] of [[b.ranges, range], [b.countries, country]] as const) {
      let entry = map.get(key);
      if (entry === undefined) map.set(key, entry = { calls: 0, numbers: new Set() });
      entry.calls++;
      entry.numbers.add(number);
    }
    if (hot) { b.hotCalls++; b.hotAnsweredS += answeredS; b.hotNumbers.add(number); }
  }

  summary(nowMs: number): IntlSummary {
    const buckets = this.hours.window(nowMs);
    const sum = (f: (b: IntlBucket) => number): number => buckets.reduce((acc, b) => acc + f(b), 0);
    const calls = sum((b) => b.calls);
    const answered = sum((b) => b.answered);
    const answeredS = sum((b) => b.answeredS);
    const mean = answered > 0 ? answeredS / answered : 0;
    const sq = answered > 0 ? sum((b) => b.answeredSqS) / answered : 0;
    const top = topOf(buckets.map((b) => b.ranges), 3);
    const [country] = topOf(buckets.map((b) => b.countries), 1);
    return {
      calls, answeredS, meanAnsweredS: mean, stdAnsweredS: Math.sqrt(Math.max(0, sq - mean * mean)),
      nightShare: calls > 0 ? sum((b) => b.night) / calls : 0,
      hotCalls: sum((b) => b.hotCalls), hotAnsweredS: sum((b) => b.hotAnsweredS),
      numbers: union(buckets.map((b) => b.numbers)), hotNumbers: union(buckets.map((b) => b.hotNumbers)),
      answered,
      topRanges: top.map(([r]) => r), topRangeShare: calls > 0 ? top.reduce((s, [, e]) => s + e.calls, 0) / calls : 0,
      topCountry: country?.[0] ?? '', topCountryShare: calls > 0 && country !== undefined ? country[1].calls / calls : 0,
      topCountryNumbers: country?.[1].numbers.size ?? 0,
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
  answered: number;
  topRanges: string[];
  topRangeShare: number;
  /** Busiest destination country, its share of calls and distinct numbers called there. */
  topCountry: string;
  topCountryShare: number;
  topCountryNumbers: number;
}

type Tally = Map<string, { calls: number; numbers: Set<number> }>;

/** The `n` keys with most calls over both buckets (ties by key, for stable evidence). */
function topOf(tallies: Tally[], n: number): [string, { calls: number; numbers: Set<number> }][] {
  const merged: Tally = new Map();
  for (const bucket of tallies) {
    for (const [k, e] of bucket) {
      const m = merged.get(k) ?? { calls: 0, numbers: new Set<number>() };
      m.calls += e.calls;
      for (const x of e.numbers) m.numbers.add(x);
      merged.set(k, m);
    }
  }
  return [...merged.entries()].sort((x, y) => y[1].calls - x[1].calls || (x[0] < y[0] ? -1 : 1)).slice(0, n);
}

function union(sets: Set<number>[]): number {
  const all = new Set<number>();
  for (const set of sets) for (const x of set) all.add(x);
  return all.size;
}
