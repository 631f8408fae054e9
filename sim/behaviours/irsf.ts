/**
 * International Revenue Share Fraud: a hijacked or fraudulently obtained SIM calls numbers in
 * premium / high-cost international ranges that pay the fraudster a share of the termination
 * fee; calls are long or of randomised length, back to back, at night when nobody watches
 * (CFCA Global Fraud Loss Survey; GSMA IRSF prevention guide; the GSMA/ITU hot lists of
 * "international premium rate numbers" and satellite ranges).
 */
import type { Behaviour, HourContext } from '../behaviour.js';
import type { Rng } from '../prng.js';
import type { RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';
import { DAY_MS } from '../../core/time.js';
import { registerSimBatch } from './sim_batch.js';

/** A hot list of premium / high-cost ranges (country code + leading digits). */
export const IRSF_PREMIUM_RANGES = [
  { prefix: '8816', name: 'Iridium satellite' },
  { prefix: '88213', name: 'Thuraya satellite' },
  { prefix: '53', name: 'Cuba' },
  { prefix: '252', name: 'Somalia' },
  { prefix: '3719', name: 'Latvia premium' },
  { prefix: '6787', name: 'Vanuatu' },
  { prefix: '2392', name: 'São Tomé' },
] as const;

export const IRSF = {
  nightLocalHours: [0, 5] as const,
  durationS: [600, 3600] as const, // randomised long calls maximise the revenue share
  gapS: [5, 60] as const,
  numbersPerSim: [2, 4] as const,
};

interface Attacker {
  sim: Subscriber;
  numbers: string[];
  cursorMs: number;
}

export class Irsf implements Behaviour {
  readonly name = 'irsf';
  private readonly world: World;
  private readonly rng: Rng;
  private readonly attackers: Attacker[] = [];

  constructor(world: World, rng: Rng) {
    this.world = world;
    this.rng = rng;
    // One SIM of an ordinary customer taken over (SIM swap / stolen phone), one bought for the purpose.
    const victims = world.persons.filter((p) => p.mobility === 'person' && !world.truth.isConfounder(p.msisdn));
    const hijacked = rng.pick(victims);
    const [bought] = registerSimBatch(world, rng, {
      count: 1, opIndex: world.operatorIndex(rng), activatedMs: world.opts.startMs - rng.uniform(1, 5) * DAY_MS, role: 'irsf', home: world.quietPlace(rng), simsPerIdentity: 1,
    }) as [Subscriber];
    for (const [k, sim] of [hijacked, bought].entries()) {
      const range = rng.pick(IRSF_PREMIUM_RANGES);
      const numbers = Array.from({ length: rng.intBetween(IRSF.numbersPerSim[0], IRSF.numbersPerSim[1]) }, () => range.prefix + rng.digits(11 - range.prefix.length));
      // The hijacked SIM is abused from the second night on, so it has a normal history first.
      const night = Math.min(k === 0 ? 1 : 0, world.opts.days - 1);
      this.attackers.push({ sim, numbers, cursorMs: world.localTime(night, rng.uniform(0.2, 1.5)) });
      world.truth.register(`irsf:${sim.msisdn}`, {
        type: 'irsf', subject: { kind: 'msisdn', value: sim.msisdn }, imsi: sim.imsi, imei: sim.imei, operator: sim.operator, destination: range.name,
      });
    }
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    const { rng, world } = this;
    if (ctx.localHour < IRSF.nightLocalHours[0] || ctx.localHour >= IRSF.nightLocalHours[1]) return;
    for (const a of this.attackers) {
      let t = Math.max(a.cursorMs, ctx.startMs);
      while (t < ctx.endMs) {
        const startMs = Math.floor(t / 1000) * 1000;
        const durationS = rng.uniform(IRSF.durationS[0], IRSF.durationS[1]);
        const call = { startMs, from: a.sim, to: rng.pick(a.numbers), answered: true, durationS, ringS: rng.uniform(1, 4), cause: '16' };
        if (sink.voice(call, rng)) world.truth.observe(`irsf:${a.sim.msisdn}`, startMs);
        t = startMs + (durationS + rng.uniform(IRSF.gapS[0], IRSF.gapS[1])) * 1000;
      }
      a.cursorMs = t;
    }
  }
}
