/**
 * The simulated world: operators, places and cells, every registered SIM, where each SIM is
 * at a given moment, and the sites that are down. Behaviours register their SIMs here and
 * ask it for cells; the record sink asks it who a number belongs to.
 */
import { LocalClock, DAY_MS, HOUR_MS } from '../core/time.js';
import { Geography } from './geography.js';
import { NumberPlan, operatorInfos, type DeviceKind, type OperatorInfo } from './numbering.js';
import type { ResolvedOptions } from './options.js';
import { Rng } from './prng.js';
import { TruthCollector } from './truth.js';

export type Role =
  | 'person' | 'test_sim' | 'call_centre' | 'telemarketer' | 'm2m' | 'bank_otp'
  | 'simbox' | 'robocall' | 'sms_spam' | 'irsf' | 'junk_sim';

/** person: home/work/errands; static: always at `home`; roaming: anywhere in its province. */
export type Mobility = 'person' | 'static' | 'roaming';

export interface Subscriber {
  index: number;
  msisdn: string;
  imsi: string;
  imei: string;
  operator: string;
  opIndex: number;
  activatedAtMs: number;
  plan: 'prepaid' | 'postpaid';
  customerType: 'individual' | 'enterprise';
  dealerId: string;
  idHash: string;
  role: Role;
  mobility: Mobility;
  home: number;
  work: number;
  worker: boolean;
  sector: number;
}

export interface NewSubscriber {
  opIndex: number;
  activatedAtMs: number;
  plan: Subscriber['plan'];
  customerType: Subscriber['customerType'];
  dealerId: string;
  idHash: string;
  role: Role;
  mobility?: Mobility;
  home: number;
  work?: number;
  worker?: boolean;
  /** Share the handset of a subscriber (dual-SIM phone), or name the kind of device to give. */
  imei?: string;
  device?: DeviceKind;
}

interface Outage {
  opIndex: number;
  place: number;
  fromMs: number;
  toMs: number;
}

/** Share of phones under a dead site that camp on a neighbouring site instead of losing service. */
const NEIGHBOUR_COVERAGE_SHARE = 0.3;

export class World {
  readonly opts: ResolvedOptions;
  readonly rng: Rng;
  readonly clock: LocalClock;
  readonly operators: OperatorInfo[];
  readonly geo: Geography;
  readonly numbers: NumberPlan;
  readonly truth = new TruthCollector();
  readonly subscribers: Subscriber[] = [];
  readonly byMsisdn = new Map<string, Subscriber>();
  /** Ordinary people (no confounders, no fraud): the victims, customers and test-call targets. */
  readonly persons: Subscriber[] = [];
  private readonly outages: Outage[] = [];
  private readonly outagePlaces = new Set<number>();

  constructor(opts: ResolvedOptions) {
    this.opts = opts;
    this.rng = new Rng(opts.seed, 'world');
    this.clock = new LocalClock(opts.timeZone);
    this.operators = operatorInfos(opts.operators);
    this.geo = new Geography(this.rng.fork('geography'), this.operators, opts.subscribers);
    this.numbers = new NumberPlan(opts.homeCountryCode);
  }

  operatorIndex(rng: Rng): number {
    return rng.weighted(this.operators.map((o) => o.share));
  }

  addSubscriber(rng: Rng, spec: NewSubscriber): Subscriber {
    const op = this.operators[spec.opIndex] as OperatorInfo;
    const sub: Subscriber = {
      index: this.subscribers.length,
      msisdn: this.numbers.msisdn(rng, op),
      imsi: this.numbers.imsi(rng, op),
      imei: spec.imei ?? this.numbers.imei(rng, spec.device ?? 'handset'),
      operator: op.code,
      opIndex: spec.opIndex,
      activatedAtMs: Math.floor(spec.activatedAtMs / 1000) * 1000,
      plan: spec.plan,
      customerType: spec.customerType,
      dealerId: spec.dealerId,
      idHash: spec.idHash,
      role: spec.role,
      mobility: spec.mobility ?? 'static',
      home: spec.home,
      work: spec.work ?? spec.home,
      worker: spec.worker ?? false,
      sector: rng.int(3),
    };
    this.subscribers.push(sub);
    this.byMsisdn.set(sub.msisdn, sub);
    return sub;
  }

  /** Epoch ms of local midnight starting simulation day `day` (0-based), plus `hours`. */
  localTime(day: number, hours: number): number {
    const first = this.opts.startMs;
    const midnight = this.clock.localDay(first) * DAY_MS - this.clock.offsetMs(first);
    return midnight + day * DAY_MS + hours * HOUR_MS;
  }

  /** Takes a site off the air (cut cable, maintenance) for [fromMs, toMs). */
  addOutage(opIndex: number, place: number, fromMs: number, toMs: number): void {
    this.outages.push({ opIndex, place, fromMs, toMs });
    this.outagePlaces.add(place);
  }

  /** A place with no outage, for fixed installations (farms, offices). */
  quietPlace(rng: Rng): number {
    for (;;) {
      const place = this.geo.randomPlace(rng);
      if (!this.outagePlaces.has(place)) return place;
    }
  }

  /** Place where a mobile subscriber is at `ms`, by local hour and weekday. */
  placeAt(sub: Subscriber, ms: number, rng: Rng): number {
    if (sub.mobility === 'static') return sub.home;
    if (sub.mobility === 'roaming') return this.geo.nearbyPlace(rng, sub.home);
    const hour = this.clock.localHour(ms);
    if (hour >= 22 || hour < 6) return sub.home;
    const weekday = this.clock.localWeekday(ms);
    if (sub.worker && weekday >= 1 && weekday <= 5 && hour >= 8 && hour < 17) {
      return rng.chance(0.9) ? sub.work : this.geo.nearbyPlace(rng, sub.work);
    }
    return rng.chance(0.7) ? sub.home : this.geo.nearbyPlace(rng, sub.home);
  }

  /** The cell serving `sub` at `ms`, or null when it has no coverage (its site is down). */
  cellAt(sub: Subscriber, ms: number, rng: Rng, place = this.placeAt(sub, ms, rng)): string | null {
    for (const outage of this.outages) {
      if (outage.place === place && outage.opIndex === sub.opIndex && ms >= outage.fromMs && ms < outage.toMs) {
        if (!rng.chance(NEIGHBOUR_COVERAGE_SHARE)) return null;
        return this.geo.cellId(sub.opIndex, this.geo.neighbourPlace(place), sub.sector);
      }
    }
    return this.geo.cellId(sub.opIndex, place, sub.sector);
  }

  inWindow(ms: number): boolean {
    return ms >= this.opts.startMs && ms < this.opts.endMs;
  }
}
