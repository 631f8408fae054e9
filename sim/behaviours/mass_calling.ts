/**
 * Robocall / mass-calling SIMs: an autodialler behind a SIM calls through a number range in
 * sequence, a call every few seconds in an automated day shift; most calls go unanswered and
 * the answered ones are hung up within seconds (ITU-T Q.Suppl.-series on robocalls; Ofcom
 * "persistent misuse" statistics: short, unanswered, sequential, no call-backs).
 */
import type { Behaviour, HourContext } from '../behaviour.js';
import { CAUSE, callOutcome } from '../calls.js';
import type { Rng } from '../prng.js';
import { CAMPAIGN_HOURS } from '../rhythm.js';
import type { RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';
import { registerSimBatch } from './sim_batch.js';

export const ROBOCALL = {
  simsPer10k: 1,
  gapS: [4, 15] as const,
  answerRate: 0.18,
  talkMedianS: 10,
  unallocatedShare: 0.12, // a range holds unassigned numbers: cause 1
  startLocalHour: [8, 11] as const,
};

interface Dialler {
  sim: Subscriber;
  prefix: string;
  next: number;
  cursorMs: number;
}

export class MassCalling implements Behaviour {
  readonly name = 'mass_calling';
  private readonly world: World;
  private readonly rng: Rng;
  private readonly diallers: Dialler[] = [];

  constructor(world: World, rng: Rng) {
    this.world = world;
    this.rng = rng;
    const count = Math.max(1, Math.round((world.opts.subscribers * ROBOCALL.simsPer10k) / 10_000));
    for (let k = 0; k < count; k++) {
      const opIndex = world.operatorIndex(rng);
      const [sim] = registerSimBatch(world, rng, {
        count: 1, opIndex, activatedMs: world.opts.startMs - rng.uniform(2, 20) * 86_400_000, role: 'robocall', home: world.quietPlace(rng), simsPerIdentity: 1, device: 'gateway',
      }) as [Subscriber];
      const target = world.operators[world.operatorIndex(rng)] as (typeof world.operators)[number];
      this.diallers.push({
        sim, prefix: world.opts.homeCountryCode + rng.pick(target.prefixes), next: rng.int(9_000_000),
        cursorMs: world.localTime(0, rng.uniform(ROBOCALL.startLocalHour[0], ROBOCALL.startLocalHour[1])),
      });
      world.truth.register(`mass:${sim.msisdn}`, { type: 'mass_calling', subject: { kind: 'msisdn', value: sim.msisdn }, imsi: sim.imsi, imei: sim.imei, operator: sim.operator });
    }
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    if ((CAMPAIGN_HOURS[ctx.localHour] as number) < 0.02) return;
    const { rng, world } = this;
    for (const d of this.diallers) {
      let t = Math.max(d.cursorMs, ctx.startMs);
      while (t < ctx.endMs) {
        const callee = d.prefix + String(d.next).padStart(7, '0');
        d.next = (d.next + 1 + (rng.chance(0.1) ? rng.int(3) : 0)) % 10_000_000;
        const to = world.byMsisdn.get(callee) ?? callee;
        const outcome = rng.chance(ROBOCALL.unallocatedShare) && typeof to === 'string'
          ? { answered: false, durationS: 0, ringS: 0, cause: CAUSE.unallocated }
          : callOutcome(rng, ROBOCALL.answerRate, ROBOCALL.talkMedianS, 0.6);
        const startMs = Math.floor(t / 1000) * 1000;
        if (sink.voice({ startMs, from: d.sim, to, ...outcome }, rng)) world.truth.observe(`mass:${d.sim.msisdn}`, startMs);
        t = startMs + (outcome.ringS + outcome.durationS + rng.uniform(ROBOCALL.gapS[0], ROBOCALL.gapS[1])) * 1000;
      }
      d.cursorMs = t;
    }
  }
}
