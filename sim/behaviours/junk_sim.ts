/**
 * Junk SIMs ("SIM rác"): dozens of prepaid SIMs activated within an hour by one dealer on a
 * single forged identity document, then put straight to heavy outgoing use (scam calls and
 * texts to people they never had contact with). The subjects are the identity (`id_hash`)
 * and the dealer; Viet Nam's 2023–24 subscriber-data clean-up targeted exactly these.
 */
import type { Behaviour, HourContext } from '../behaviour.js';
import { callOutcome, instantIn } from '../calls.js';
import type { Rng } from '../prng.js';
import { HUMAN_VOICE } from '../rhythm.js';
import type { RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';
import { registerSimBatch } from './sim_batch.js';

export const JUNK = {
  sims: [40, 60] as const,
  activationLocalHour: [9, 11] as const,
  firstUseDelayS: [600, 3600] as const,
  callsPerSimDay: [15, 30] as const,
  smsPerSimDay: [30, 60] as const,
};

interface JunkSim {
  sim: Subscriber;
  fromMs: number;
  callsPerDay: number;
  smsPerDay: number;
}

export class JunkSims implements Behaviour {
  readonly name = 'junk_sim';
  private readonly world: World;
  private readonly rng: Rng;
  private readonly sims: JunkSim[] = [];

  constructor(world: World, rng: Rng) {
    this.world = world;
    this.rng = rng;
    const count = rng.intBetween(JUNK.sims[0], JUNK.sims[1]);
    const activatedMs = Math.max(world.opts.startMs, world.localTime(0, rng.uniform(JUNK.activationLocalHour[0], JUNK.activationLocalHour[1])));
    const sims = registerSimBatch(world, rng, {
      count, opIndex: world.operatorIndex(rng), activatedMs, role: 'junk_sim', home: world.quietPlace(rng), simsPerIdentity: count,
    });
    for (const sim of sims) {
      sim.mobility = 'roaming'; // handed out to different people across town
      this.sims.push({
        sim, fromMs: sim.activatedAtMs + rng.uniform(JUNK.firstUseDelayS[0], JUNK.firstUseDelayS[1]) * 1000,
        callsPerDay: rng.uniform(JUNK.callsPerSimDay[0], JUNK.callsPerSimDay[1]), smsPerDay: rng.uniform(JUNK.smsPerSimDay[0], JUNK.smsPerSimDay[1]),
      });
    }
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    const { rng, world } = this;
    const share = HUMAN_VOICE[ctx.localHour] as number;
    for (const j of this.sims) {
      if (j.fromMs >= ctx.endMs) continue;
      const fromMs = Math.max(j.fromMs, ctx.startMs);
      const part = (ctx.endMs - fromMs) / 3_600_000;
      const calls = rng.poisson(j.callsPerDay * share * part);
      for (let k = 0; k < calls; k++) {
        sink.voice({ startMs: instantIn(rng, fromMs, ctx.endMs), from: j.sim, to: rng.pick(world.persons), ...callOutcome(rng, 0.45, 60, 0.8) }, rng);
      }
      const texts = rng.poisson(j.smsPerDay * share * part);
      for (let k = 0; k < texts; k++) sink.sms({ startMs: instantIn(rng, fromMs, ctx.endMs), from: j.sim, to: rng.pick(world.persons) }, rng);
    }
  }
}
