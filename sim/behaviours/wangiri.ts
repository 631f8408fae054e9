/**
 * Wangiri ("one ring and cut"): numbers from a foreign range — typically a high-cost or
 * premium range in a small-traffic country — ring many local subscribers for 1–3 s and hang
 * up; a share of victims call back and pay international premium rates (CFCA Global Fraud
 * Loss Survey; GSMA FF.21; Europol/ENISA wangiri advisories). Incoming legs arrive on the
 * international trunk with the foreign CLI.
 */
import type { Behaviour, HourContext } from '../behaviour.js';
import { instantIn } from '../calls.js';
import type { Rng } from '../prng.js';
import type { RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';

/** Ranges often abused for wangiri (country code + leading national digits). */
export const WANGIRI_SOURCES = ['22507', '21690', '22236', '26932', '22462', '23177', '67455', '37181'] as const;

export const WANGIRI = {
  campaignsPerDay: 1,
  numbersPerRange: [4, 8] as const,
  callsPerNumber: [150, 300] as const,
  campaignHours: [2, 4] as const,
  startLocalHour: [10, 19] as const,
  ringS: [1, 3] as const,
  callbackShare: 0.06,
  callbackTalkMedianS: 90,
};

interface Campaign {
  prefix: string;
  numbers: string[];
  fromMs: number;
  toMs: number;
  callsPerHour: number;
}

export class Wangiri implements Behaviour {
  readonly name = 'wangiri';
  private readonly world: World;
  private readonly rng: Rng;
  private readonly campaigns: Campaign[] = [];

  constructor(world: World, rng: Rng) {
    this.world = world;
    this.rng = rng;
    for (let day = 0; day < world.opts.days; day++) {
      for (let c = 0; c < WANGIRI.campaignsPerDay; c++) {
        const prefix = rng.pick(WANGIRI_SOURCES) + rng.digits(3);
        const count = rng.intBetween(WANGIRI.numbersPerRange[0], WANGIRI.numbersPerRange[1]);
        const suffixes = rng.shuffle(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))).slice(0, count);
        const numbers = suffixes.map((s) => prefix + s);
        const fromMs = world.localTime(day, rng.uniform(WANGIRI.startLocalHour[0], WANGIRI.startLocalHour[1]));
        const hours = rng.uniform(WANGIRI.campaignHours[0], WANGIRI.campaignHours[1]);
        const calls = rng.intBetween(WANGIRI.callsPerNumber[0], WANGIRI.callsPerNumber[1]);
        this.campaigns.push({ prefix, numbers, fromMs, toMs: fromMs + hours * 3_600_000, callsPerHour: calls / hours });
        world.truth.register(`wangiri:range:${prefix}`, { type: 'wangiri', subject: { kind: 'number_range', value: prefix }, members: numbers });
        for (const n of numbers) world.truth.register(`wangiri:${n}`, { type: 'wangiri', subject: { kind: 'msisdn', value: n }, range: prefix });
      }
    }
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    const { rng, world } = this;
    for (const c of this.campaigns) {
      const fromMs = Math.max(c.fromMs, ctx.startMs);
      const toMs = Math.min(c.toMs, ctx.endMs);
      if (fromMs >= toMs) continue;
      for (const aNumber of c.numbers) {
        const calls = rng.poisson((c.callsPerHour * (toMs - fromMs)) / 3_600_000);
        for (let k = 0; k < calls; k++) {
          const startMs = instantIn(rng, fromMs, toMs);
          const victim = rng.pick(world.persons);
          const ring = { answered: false, durationS: 0, ringS: rng.uniform(WANGIRI.ringS[0], WANGIRI.ringS[1]), cause: '16' };
          if (!sink.voice({ startMs, from: aNumber, to: victim, ...ring }, rng)) continue;
          world.truth.observe(`wangiri:${aNumber}`, startMs);
          world.truth.observe(`wangiri:range:${c.prefix}`, startMs);
          if (rng.chance(WANGIRI.callbackShare)) this.callBack(sink, victim, aNumber, startMs);
        }
      }
    }
  }

  /** The curious victim calls back and is held on a premium line. */
  private callBack(sink: RecordSink, victim: Subscriber, aNumber: string, ringMs: number): void {
    const { rng } = this;
    const startMs = ringMs + Math.round(30 + rng.exponential(1200)) * 1000;
    sink.voice({ startMs, from: victim, to: aNumber, answered: true, durationS: rng.lognormal(WANGIRI.callbackTalkMedianS, 0.8), ringS: rng.uniform(2, 6), cause: '16' }, rng);
  }
}
