/**
 * SIM-box (interconnect bypass) farms. International calls bought cheaply on a grey wholesale
 * route reach the farm over the internet and are re-originated as local `mo` calls from banks
 * of local prepaid SIMs in VoIP–GSM gateways, so the operator bills a local call and the
 * callee sees a local CLI. What the network sees (Murynets et al. 2014, "Analysis and
 * Detection of SIMbox Fraud in Mobility Networks", IEEE INFOCOM; GSMA FF.21 Fraud Manual,
 * bypass section): new bulk-activated prepaid SIMs, each calling many distinct subscribers
 * who rarely call back, static (one cell), almost no SMS/data/incoming, calls following the
 * origin country's clock; a SIM bank rotating SIMs through a few gateway ports, so one IMEI
 * carries many IMSIs. Advanced farms mimic humans (FF.21): caps per SIM, daily SIM
 * replacement, SMS/data noise, calls between their own SIMs, gateways moved around.
 */
import type { Behaviour, HourContext } from '../behaviour.js';
import { callOutcome, CAUSE, instantIn } from '../calls.js';
import { DIASPORA_COUNTRIES, DIASPORA_WEIGHTS } from '../numbering.js';
import type { Rng } from '../prng.js';
import { HUMAN_DATA, HUMAN_VOICE } from '../rhythm.js';
import type { RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';
import { DAY_MS, HOUR_MS, LocalClock } from '../../core/time.js';
import { registerSimBatch } from './sim_batch.js';

export interface FarmSpec {
  sims: number;
  /** Offered bypass calls per SIM per day. */
  callsPerSimDay: number;
  /** Replace the whole SIM bank with freshly activated SIMs every day. */
  rotateDaily?: boolean;
  /** Per-SIM daily caps, local human hours, SMS/data noise. */
  stealth?: boolean;
  /** Farm SIMs call and text each other to fake incoming traffic. */
  fakeIncoming?: boolean;
  /** The gateway is moved between sites during the day (in a car). */
  mobile?: boolean;
  /** SMS and data noise without the rest of stealth. */
  noise?: boolean;
}

export const FARM = {
  simsPerPort: 2, // SIM bank: each gateway port serves two SIMs in turn
  stealthSimsPerPort: 3,
  portsPerGateway: 32, // GoIP-32 class gateways; smaller farms use part of one
  rotationMs: 45 * 60_000, // SIM-bank servers swap SIMs on a timer to spread usage
  answerRate: 0.7,
  talkMedianS: 150, // international family calls run long (minutes)
  talkSigma: 0.8,
  portGapS: [3, 20] as const,
  callbackIfMissed: 0.05, // victims rarely call an unknown local number back
  callbackIfAnswered: 0.01,
  stealthCapPerDay: [20, 40] as const,
  fakeIncomingShare: 0.3, // intra-farm calls per bypass call
  noiseSmsPerDay: 2,
  noiseDataPerDay: 3,
};

export interface Interception {
  sim: Subscriber;
  imei: string;
  cell: string;
}

export class SimboxFarm implements Behaviour {
  readonly name: string;
  readonly route: string;
  private readonly world: World;
  private readonly rng: Rng;
  private readonly spec: FarmSpec;
  private readonly opIndex: number;
  private readonly sector: number;
  private readonly batches: Subscriber[][] = [];
  private readonly portImeis: string[] = [];
  private readonly busyUntil: number[];
  private readonly places: number[];
  private readonly origins: { clock: LocalClock; share: number }[] = [];
  private readonly capBySim = new Map<Subscriber, number>();
  private readonly callsToday = new Map<Subscriber, number>();
  private callsDay = -1;
  readonly fraudStartMs: number;

  constructor(world: World, rng: Rng, id: string, spec: FarmSpec) {
    this.world = world;
    this.rng = rng;
    this.spec = spec;
    this.name = id;
    this.route = `grey-${id}`;
    this.opIndex = world.operatorIndex(rng);
    this.sector = rng.int(3);
    const ports = Math.max(1, Math.ceil(spec.sims / (spec.stealth ? FARM.stealthSimsPerPort : FARM.simsPerPort)));
    for (let p = 0; p < ports; p++) this.portImeis.push(world.numbers.imei(rng, 'gateway'));
    this.busyUntil = new Array<number>(ports).fill(0);
    const home = world.quietPlace(rng);
    this.places = [home];
    if (spec.mobile) for (let k = 0; k < 4; k++) this.places.push(world.geo.nearbyPlace(rng, home));
    this.fraudStartMs = world.opts.startMs + Math.round(rng.uniform(0.5, 14) * HOUR_MS / 1000) * 1000;
    const batchCount = spec.rotateDaily ? world.opts.days : 1;
    for (let b = 0; b < batchCount; b++) {
      // First bank bought days ahead; replacements activated the evening before their day.
      const activatedMs = b === 0 ? world.opts.startMs - rng.uniform(1, 5) * DAY_MS : world.localTime(b - 1, rng.uniform(17, 22));
      const sims = registerSimBatch(world, rng, {
        count: spec.sims, opIndex: this.opIndex, activatedMs, role: 'simbox', home, simsPerIdentity: 3, farm: id,
      });
      sims.forEach((sim, k) => {
        sim.imei = this.portImeis[k % ports] as string;
        world.truth.register(keyOf(sim), { type: 'simbox', farm: id, subject: { kind: 'msisdn', value: sim.msisdn }, imsi: sim.imsi, imei: sim.imei, operator: sim.operator });
        if (spec.stealth) this.capBySim.set(sim, rng.intBetween(FARM.stealthCapPerDay[0], FARM.stealthCapPerDay[1]));
      });
      this.batches.push(sims);
    }
    const originCount = rng.intBetween(1, 3);
    for (let k = 0; k < originCount; k++) {
      const country = DIASPORA_COUNTRIES[rng.weighted(DIASPORA_WEIGHTS)] as (typeof DIASPORA_COUNTRIES)[number];
      this.origins.push({ clock: new LocalClock(country.timeZone), share: 1 / originCount });
    }
  }

  get ports(): number {
    return this.portImeis.length;
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    if (ctx.endMs <= this.fraudStartMs) return;
    if (ctx.day !== this.callsDay) {
      this.callsDay = ctx.day;
      this.callsToday.clear();
    }
    const { rng, spec } = this;
    const bank = this.bankAt(ctx.startMs);
    const share = spec.stealth ? (HUMAN_VOICE[ctx.localHour] as number) : this.originShare(ctx.startMs);
    const perPort = (bank.length * spec.callsPerSimDay * share) / this.ports;
    const fromMs = Math.max(ctx.startMs, this.fraudStartMs);
    for (let port = 0; port < this.ports; port++) {
      const times = Array.from({ length: rng.poisson(perPort) }, () => instantIn(rng, fromMs, ctx.endMs)).sort((a, b) => a - b);
      for (const planned of times) this.bypassCall(sink, port, Math.max(planned, this.busyUntil[port] as number));
    }
    if (spec.fakeIncoming) this.fakeIncoming(ctx, sink, bank.length * spec.callsPerSimDay * share * FARM.fakeIncomingShare, fromMs);
    if (spec.stealth || spec.noise) this.noise(ctx, sink, bank, fromMs);
  }

  /** A test call routed over this farm's grey route at `ms`, or null before the farm is running. */
  intercept(ms: number, rng: Rng): Interception | null {
    if (ms < this.fraudStartMs) return null;
    const port = rng.int(this.ports);
    const sim = this.simOnPort(port, ms);
    return { sim, imei: this.portImeis[port] as string, cell: this.cellAt(ms) };
  }

  private bypassCall(sink: RecordSink, port: number, startMs: number): void {
    const { rng, world } = this;
    const sim = this.simOnPort(port, startMs);
    const done = this.callsToday.get(sim) ?? 0;
    const cap = this.capBySim.get(sim);
    if (cap !== undefined && done >= cap) return; // stealth: this SIM has had its share today
    const victim = rng.pick(world.persons);
    const outcome = callOutcome(rng, FARM.answerRate, FARM.talkMedianS, FARM.talkSigma);
    const imei = this.portImeis[port] as string;
    const cell = this.cellAt(startMs);
    if (!sink.voice({ startMs, from: sim, to: victim, ...outcome, fromImei: imei, fromCell: cell }, rng)) return;
    sim.imei = imei;
    this.callsToday.set(sim, done + 1);
    world.truth.observe(keyOf(sim), startMs);
    this.busyUntil[port] = startMs + (outcome.ringS + outcome.durationS + rng.uniform(FARM.portGapS[0], FARM.portGapS[1])) * 1000;
    if (rng.chance(outcome.answered ? FARM.callbackIfAnswered : FARM.callbackIfMissed)) {
      const backMs = startMs + Math.round(60 + rng.exponential(1800)) * 1000;
      const backPort = this.portOf(sim, backMs);
      // Gateways reject incoming calls; a SIM resting in the bank is simply unreachable.
      sink.voice({
        startMs: backMs, from: victim, to: sim, answered: false, durationS: 0, ringS: rng.uniform(0, 3), cause: CAUSE.rejected,
        toImei: backPort < 0 ? imei : this.portImeis[backPort] as string, toCell: backPort < 0 ? null : this.cellAt(backMs),
      }, rng);
    }
  }

  /** Farm SIMs calling and texting each other so each SIM shows some incoming traffic. */
  private fakeIncoming(ctx: HourContext, sink: RecordSink, expected: number, fromMs: number): void {
    const { rng } = this;
    if (this.ports < 2) return;
    const calls = rng.poisson(expected);
    for (let k = 0; k < calls; k++) {
      const startMs = instantIn(rng, fromMs, ctx.endMs);
      const p = rng.int(this.ports);
      const q = (p + 1 + rng.int(this.ports - 1)) % this.ports;
      const a = this.simOnPort(p, startMs);
      const b = this.simOnPort(q, startMs);
      const cell = this.cellAt(startMs);
      const ends = { from: a, to: b, fromImei: this.portImeis[p] as string, toImei: this.portImeis[q] as string, fromCell: cell, toCell: cell };
      if (rng.chance(0.7)) sink.voice({ startMs, ...ends, ...callOutcome(rng, 0.9, 60, 0.7) }, rng);
      else sink.sms({ startMs, ...ends }, rng);
    }
  }

  /** A little SMS and data per SIM so the SIMs do not look voice-only. */
  private noise(ctx: HourContext, sink: RecordSink, bank: Subscriber[], fromMs: number): void {
    const { rng, world } = this;
    const cell = this.cellAt(fromMs);
    for (const sim of bank) {
      const texts = rng.poisson(FARM.noiseSmsPerDay * (HUMAN_VOICE[ctx.localHour] as number));
      for (let k = 0; k < texts; k++) sink.sms({ startMs: instantIn(rng, fromMs, ctx.endMs), from: sim, to: rng.pick(world.persons), fromCell: cell }, rng);
      const sessions = rng.poisson(FARM.noiseDataPerDay * (HUMAN_DATA[ctx.localHour] as number));
      for (let k = 0; k < sessions; k++) sink.data(sim, instantIn(rng, fromMs, ctx.endMs), rng.lognormal(60, 0.8), rng.lognormal(200_000, 1.0), rng, cell);
    }
  }

  private bankAt(ms: number): Subscriber[] {
    const day = Math.floor((ms - this.world.opts.startMs) / DAY_MS);
    return this.batches[Math.min(Math.max(day, 0), this.batches.length - 1)] as Subscriber[];
  }

  private slotAt(ms: number): number {
    return Math.max(0, Math.floor((ms - this.fraudStartMs) / FARM.rotationMs));
  }

  /**
   * The SIM-bank schedule: in slot s, port p holds SIM (p + s·(ports+1)) mod bank size. The +1
   * shift walks every SIM across the ports over the day, so each IMEI carries many IMSIs and
   * each IMSI shows up on several IMEIs, as SIM banks do.
   */
  private simOnPort(port: number, ms: number): Subscriber {
    const bank = this.bankAt(ms);
    return bank[(port + this.slotAt(ms) * (this.ports + 1)) % bank.length] as Subscriber;
  }

  /** Port holding `sim` at `ms`, or -1 when it rests in the bank. */
  private portOf(sim: Subscriber, ms: number): number {
    const bank = this.bankAt(ms);
    const position = bank.indexOf(sim);
    if (position < 0) return -1;
    const port = (((position - this.slotAt(ms) * (this.ports + 1)) % bank.length) + bank.length) % bank.length;
    return port < this.ports ? port : -1;
  }

  /** Mobile farms drive around in the daytime (a new site every 1–2 hours) and park at night. */
  private cellAt(ms: number): string {
    let place = this.places[0] as number;
    if (this.spec.mobile) {
      const hour = this.world.clock.localHour(ms);
      if (hour >= 7 && hour < 20) place = this.places[Math.floor((ms - this.world.opts.startMs) / (90 * 60_000)) % this.places.length] as number;
    }
    return this.world.geo.cellId(this.opIndex, place, this.sector);
  }

  private originShare(ms: number): number {
    let share = 0;
    for (const origin of this.origins) share += origin.share * (HUMAN_VOICE[origin.clock.localHour(ms)] as number);
    return share;
  }
}

export function keyOf(sim: Subscriber): string {
  return `simbox:${sim.msisdn}`;
}
