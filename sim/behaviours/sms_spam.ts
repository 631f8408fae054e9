/**
 * SMS spam: (a) a SIM farm — many SIMs in one cell, each sending under per-SIM limits to its
 * own disjoint block of a number range at a machine-regular pace; (b) a single sender blasting
 * a range. GSMA FF.21 / GSMA SMS spam reporting (7726) describe both; regular inter-message
 * timing and sequential recipients are the classic tells.
 */
import type { Behaviour, HourContext } from '../behaviour.js';
import type { Rng } from '../prng.js';
import { CAMPAIGN_HOURS } from '../rhythm.js';
import type { RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';
import { registerSimBatch } from './sim_batch.js';

export const SMS_SPAM = {
  farmSims: [12, 24] as const,
  farmIntervalS: 60, // one per minute per SIM keeps each SIM under typical per-SIM daily limits
  singleIntervalS: 8,
  jitterS: 1.5,
  blockSize: 20_000,
  startLocalHour: [8, 10] as const,
};

interface Sender {
  sim: Subscriber;
  prefix: string;
  next: number;
  intervalMs: number;
  cursorMs: number;
  farm?: string;
}

export class SmsSpam implements Behaviour {
  readonly name = 'sms_spam';
  private readonly world: World;
  private readonly rng: Rng;
  private readonly senders: Sender[] = [];

  constructor(world: World, rng: Rng) {
    this.world = world;
    this.rng = rng;
    const place = world.quietPlace(rng);
    const opIndex = world.operatorIndex(rng);
    const farmSims = registerSimBatch(world, rng, {
      count: rng.intBetween(SMS_SPAM.farmSims[0], SMS_SPAM.farmSims[1]), opIndex, activatedMs: world.opts.startMs - rng.uniform(1, 4) * 86_400_000,
      role: 'sms_spam', home: place, simsPerIdentity: 3, farm: 'smsfarm-1',
    });
    const target = world.operators[world.operatorIndex(rng)] as (typeof world.operators)[number];
    const prefix = world.opts.homeCountryCode + rng.pick(target.prefixes);
    const base = rng.int(100) * 50_000;
    const farmStart = world.localTime(0, rng.uniform(SMS_SPAM.startLocalHour[0], SMS_SPAM.startLocalHour[1]));
    farmSims.forEach((sim, k) => this.add({
      sim, prefix, next: base + k * SMS_SPAM.blockSize, intervalMs: SMS_SPAM.farmIntervalS * 1000, cursorMs: farmStart + rng.int(60) * 1000, farm: 'smsfarm-1',
    }));
    const [single] = registerSimBatch(world, rng, {
      count: 1, opIndex: world.operatorIndex(rng), activatedMs: world.opts.startMs - rng.uniform(1, 10) * 86_400_000, role: 'sms_spam', home: world.quietPlace(rng), simsPerIdentity: 1,
    }) as [Subscriber];
    this.add({
      sim: single, prefix: world.opts.homeCountryCode + rng.pick(target.prefixes), next: rng.int(9_000_000), intervalMs: SMS_SPAM.singleIntervalS * 1000,
      cursorMs: world.localTime(0, rng.uniform(9, 12)),
    });
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    if ((CAMPAIGN_HOURS[ctx.localHour] as number) < 0.02) return;
    const { rng, world } = this;
    for (const s of this.senders) {
      let t = Math.max(s.cursorMs, ctx.startMs);
      while (t < ctx.endMs) {
        const callee = s.prefix + String(s.next % 10_000_000).padStart(7, '0');
        s.next++;
        const startMs = Math.floor(t / 1000) * 1000;
        if (sink.sms({ startMs, from: s.sim, to: world.byMsisdn.get(callee) ?? callee }, rng)) world.truth.observe(`spam:${s.sim.msisdn}`, startMs);
        t += s.intervalMs + rng.uniform(-SMS_SPAM.jitterS, SMS_SPAM.jitterS) * 1000;
      }
      s.cursorMs = t;
    }
  }

  private add(sender: Sender): void {
    this.senders.push(sender);
    const { sim } = sender;
    this.world.truth.register(`spam:${sim.msisdn}`, {
      type: 'sms_spam', ...(sender.farm === undefined ? {} : { farm: sender.farm }), subject: { kind: 'msisdn', value: sim.msisdn }, imsi: sim.imsi, imei: sim.imei, operator: sim.operator,
    });
  }
}
