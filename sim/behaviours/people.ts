/**
 * Everyday traffic of the population: calls and SMS mostly to their own contacts (who call
 * back), some one-off calls, data sessions, international calls with relatives abroad that
 * follow the relative's clock, and delivery drivers' work calls to customers who call back.
 */
import type { Behaviour, HourContext } from '../behaviour.js';
import { callOutcome, instantIn, PERSON_ANSWER_RATE } from '../calls.js';
import { DIASPORA_COUNTRIES } from '../numbering.js';
import type { Population } from '../population.js';
import type { Rng } from '../prng.js';
import { DELIVERY_HOURS, HUMAN_DATA, HUMAN_VOICE, NIGHT_SHIFT_VOICE, WEEKDAY_FACTOR } from '../rhythm.js';
import type { Party, RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';
import { LocalClock } from '../../core/time.js';

/** Where a person's call goes (shares of calls). */
const TARGETS = { contact: 0.82, otherPerson: 0.08, externalMobile: 0.05, landline: 0.03 };
const INTERNATIONAL = { outgoingPerDay: 0.15, incomingPerDay: 0.25 };
const DRIVER = { customerCallsPerDay: 45, answerRate: 0.85, medianTalkS: 25, callbackShare: 0.3 };
/** Talk time of personal calls: median ~70 s (lognormal); international calls run longer. */
const PERSONAL_TALK = { medianS: 70, sigma: 1.0 };
const INTERNATIONAL_TALK = { medianS: 420, sigma: 0.8 };

export class PeopleTraffic implements Behaviour {
  readonly name = 'people';
  private readonly world: World;
  private readonly pop: Population;
  private readonly rng: Rng;
  private readonly abroadClocks: LocalClock[];

  constructor(world: World, pop: Population, rng: Rng) {
    this.world = world;
    this.pop = pop;
    this.rng = rng;
    this.abroadClocks = DIASPORA_COUNTRIES.map((c) => new LocalClock(c.timeZone));
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    const { rng, pop, world } = this;
    const persons = world.persons;
    const dayFactor = WEEKDAY_FACTOR[ctx.weekday] as number;
    const voiceDay = (HUMAN_VOICE[ctx.localHour] as number) * dayFactor;
    const voiceNight = (NIGHT_SHIFT_VOICE[ctx.localHour] as number) * dayFactor;
    const dataShare = HUMAN_DATA[ctx.localHour] as number;
    const driverShare = (DELIVERY_HOURS[ctx.localHour] as number) * dayFactor;
    const abroadShare = this.abroadClocks.map((c) => HUMAN_VOICE[c.localHour(ctx.startMs)] as number);
    for (let p = 0; p < persons.length; p++) {
      const me = persons[p] as Subscriber;
      const share = pop.nightShift[p] === 1 ? voiceNight : voiceDay;
      const calls = rng.poisson((pop.voicePerDay[p] as number) * share);
      for (let k = 0; k < calls; k++) {
        const outcome = callOutcome(rng, PERSON_ANSWER_RATE, PERSONAL_TALK.medianS, PERSONAL_TALK.sigma);
        sink.voice({ startMs: instantIn(rng, ctx.startMs, ctx.endMs), from: me, to: this.target(p), ...outcome }, rng);
      }
      const messages = rng.poisson((pop.smsPerDay[p] as number) * share);
      for (let k = 0; k < messages; k++) sink.sms({ startMs: instantIn(rng, ctx.startMs, ctx.endMs), from: me, to: this.target(p) }, rng);
      const sessions = rng.poisson((pop.dataPerDay[p] as number) * dataShare);
      for (let k = 0; k < sessions; k++) {
        sink.data(me, instantIn(rng, ctx.startMs, ctx.endMs), rng.lognormal(240, 1.0), rng.lognormal(1_500_000, 1.5), rng);
      }
      const country = pop.diasporaCountry[p] as number;
      if (country >= 0) this.international(ctx, sink, p, me, abroadShare[country] as number, share);
      if (pop.driver[p] === 1) this.deliveries(ctx, sink, me, driverShare);
    }
  }

  /** Calls with a relative abroad: incoming ones arrive on the international trunk with a foreign CLI. */
  private international(ctx: HourContext, sink: RecordSink, p: number, me: Subscriber, abroadShare: number, localShare: number): void {
    const { rng } = this;
    const relative = this.pop.diasporaNumber[p] as string;
    // Both ends must be awake: weight by the product of the two clocks' activity.
    const overlap = Math.sqrt(abroadShare * localShare) * 24;
    const incoming = rng.poisson((INTERNATIONAL.incomingPerDay / 24) * overlap);
    for (let k = 0; k < incoming; k++) {
      const outcome = callOutcome(rng, 0.85, INTERNATIONAL_TALK.medianS, INTERNATIONAL_TALK.sigma);
      sink.voice({ startMs: instantIn(rng, ctx.startMs, ctx.endMs), from: relative, to: me, ...outcome }, rng);
    }
    const outgoing = rng.poisson((INTERNATIONAL.outgoingPerDay / 24) * overlap);
    for (let k = 0; k < outgoing; k++) {
      const outcome = callOutcome(rng, 0.75, INTERNATIONAL_TALK.medianS, INTERNATIONAL_TALK.sigma);
      sink.voice({ startMs: instantIn(rng, ctx.startMs, ctx.endMs), from: me, to: relative, ...outcome }, rng);
    }
  }

  /** Delivery drivers ring the customers of the day; many of them ring back. */
  private deliveries(ctx: HourContext, sink: RecordSink, me: Subscriber, share: number): void {
    const { rng, world } = this;
    const calls = rng.poisson(DRIVER.customerCallsPerDay * share);
    for (let k = 0; k < calls; k++) {
      const customer = rng.pick(world.persons);
      if (customer === me) continue;
      const startMs = instantIn(rng, ctx.startMs, ctx.endMs);
      const outcome = callOutcome(rng, DRIVER.answerRate, DRIVER.medianTalkS, 0.5);
      sink.voice({ startMs, from: me, to: customer, ...outcome }, rng);
      if (rng.chance(DRIVER.callbackShare)) {
        const back = callOutcome(rng, 0.8, 40, 0.6);
        sink.voice({ startMs: startMs + Math.round(rng.exponential(900)) * 1000 + 60_000, from: customer, to: me, ...back }, rng);
      }
    }
  }

  private target(p: number): Party {
    const { rng, pop, world } = this;
    const u = rng.next();
    const from = pop.contactStart[p] as number;
    const count = (pop.contactStart[p + 1] as number) - from;
    if (u < TARGETS.contact && count > 0) {
      // Strongest ties first: squaring the uniform skews calls toward the top contacts.
      const r = rng.next();
      return world.persons[pop.contacts[from + Math.floor(r * r * count)] as number] as Subscriber;
    }
    if (u < TARGETS.contact + TARGETS.otherPerson || count === 0) return rng.pick(world.persons);
    if (u < TARGETS.contact + TARGETS.otherPerson + TARGETS.externalMobile) return this.externalMobile();
    if (u < TARGETS.contact + TARGETS.otherPerson + TARGETS.externalMobile + TARGETS.landline) return world.numbers.landline(rng);
    return rng.pick(world.persons);
  }

  /** A mobile number of someone outside the simulated sample (only the `mo` side is recorded). */
  private externalMobile(): string {
    const { rng, world } = this;
    for (;;) {
      const op = world.operators[world.operatorIndex(rng)] as (typeof world.operators)[number];
      const msisdn = world.opts.homeCountryCode + rng.pick(op.prefixes) + rng.digits(7);
      if (!world.byMsisdn.has(msisdn)) return msisdn;
    }
  }
}
