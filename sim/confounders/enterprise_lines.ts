/**
 * Legitimate heavy callers on enterprise lines: call centres (agents ringing customers,
 * customers ringing back and calling the hotline) and a consent-based telemarketer (calls an
 * opted-in list, shorter calls, fewer answers, some call-backs). Both are postpaid enterprise
 * SIMs registered to the company, static, business hours only: the textbook false positives
 * of a naive fan-out rule (GSMA FF.21 warns about call centres; Ofcom's 2023 persistent
 * misuse policy distinguishes consented marketing from nuisance robocalls).
 */
import type { Behaviour, HourContext } from '../behaviour.js';
import { callOutcome, instantIn } from '../calls.js';
import type { Rng } from '../prng.js';
import { BUSINESS_HOURS, BUSINESS_WEEKDAY_FACTOR } from '../rhythm.js';
import type { RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';

export interface EnterpriseProfile {
  kind: 'call_centre' | 'telemarketer';
  lines: [number, number];
  customersPerLine: number;
  outgoingPerLineDay: number;
  answerRate: number;
  talkMedianS: number;
  /** Share of answered outgoing calls the customer returns later. */
  callbackShare: number;
  /** Spontaneous inbound calls per line per day (hotline). */
  inboundPerLineDay: number;
}

export const CALL_CENTRE: EnterpriseProfile = {
  kind: 'call_centre', lines: [4, 8], customersPerLine: 300, outgoingPerLineDay: 100, answerRate: 0.75, talkMedianS: 150, callbackShare: 0.25, inboundPerLineDay: 30,
};
export const TELEMARKETER: EnterpriseProfile = {
  kind: 'telemarketer', lines: [3, 5], customersPerLine: 500, outgoingPerLineDay: 140, answerRate: 0.55, talkMedianS: 70, callbackShare: 0.08, inboundPerLineDay: 8,
};

export class EnterpriseLines implements Behaviour {
  readonly name: string;
  private readonly rng: Rng;
  private readonly profile: EnterpriseProfile;
  private readonly lines: Subscriber[] = [];
  private readonly customers: Subscriber[] = [];

  constructor(world: World, rng: Rng, profile: EnterpriseProfile, id: string) {
    this.rng = rng;
    this.profile = profile;
    this.name = id;
    const opIndex = world.operatorIndex(rng);
    const office = world.quietPlace(rng);
    const companyId = rng.hex(16); // enterprise lines are registered to the company's business licence
    const activatedAtMs = world.opts.startMs - rng.uniform(200, 1500) * 86_400_000;
    const count = rng.intBetween(profile.lines[0], profile.lines[1]);
    for (let k = 0; k < count; k++) {
      const line = world.addSubscriber(rng, {
        opIndex, activatedAtMs: activatedAtMs + k * 60_000, plan: 'postpaid', customerType: 'enterprise', dealerId: `ENT-${id}`, idHash: companyId,
        role: profile.kind, home: office,
      });
      this.lines.push(line);
      world.truth.confounder({ kind: profile.kind, msisdn: line.msisdn, imsi: line.imsi });
    }
    for (let k = 0; k < count * profile.customersPerLine; k++) this.customers.push(rng.pick(world.persons));
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    const { rng, profile } = this;
    const share = (BUSINESS_HOURS[ctx.localHour] as number) * (BUSINESS_WEEKDAY_FACTOR[ctx.weekday] as number);
    if (share === 0) return;
    for (const line of this.lines) {
      let busyUntil = ctx.startMs;
      const outgoing = rng.poisson(profile.outgoingPerLineDay * share);
      const times = Array.from({ length: outgoing }, () => instantIn(rng, ctx.startMs, ctx.endMs)).sort((a, b) => a - b);
      for (const planned of times) {
        const startMs = Math.max(planned, busyUntil);
        const customer = rng.pick(this.customers);
        const outcome = callOutcome(rng, profile.answerRate, profile.talkMedianS, 0.7);
        sink.voice({ startMs, from: line, to: customer, ...outcome }, rng);
        busyUntil = startMs + (outcome.ringS + outcome.durationS + 5) * 1000;
        if (outcome.answered ? rng.chance(profile.callbackShare) : rng.chance(profile.callbackShare / 2)) {
          const backMs = startMs + Math.round(300 + rng.exponential(5400)) * 1000;
          sink.voice({ startMs: backMs, from: customer, to: line, ...callOutcome(rng, 0.9, 120, 0.7) }, rng);
        }
      }
      const inbound = rng.poisson(profile.inboundPerLineDay * share);
      for (let k = 0; k < inbound; k++) {
        sink.voice({ startMs: instantIn(rng, ctx.startMs, ctx.endMs), from: rng.pick(this.customers), to: line, ...callOutcome(rng, 0.9, 150, 0.7) }, rng);
      }
    }
  }
}
