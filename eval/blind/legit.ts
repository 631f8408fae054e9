/** Ordinary people and the legitimate look-alikes the detectors must leave alone. */
import type { Scenario } from './fraud.js';
import type { Truth } from './truth.js';
import { HOUR_MS, type Cell, type Subscriber, type World } from './world.js';

/** Everyone else: a circle of contacts, daily rhythm, some data; 3 % have family abroad calling in. */
export function population(world: World, subs: Subscriber[]): Scenario {
  const rng = world.rng.fork('population');
  const contacts = new Map<Subscriber, string[]>();
  const abroad = new Map<Subscriber, string>();
  for (const s of subs) {
    const n = rng.int(5, 25);
    contacts.set(s, Array.from({ length: n }, () => (rng.chance(0.55) ? rng.pick(subs).msisdn : rng.chance(0.9) ? world.otherMobile() : '8424' + rng.digits(8))));
    if (rng.chance(0.03)) abroad.set(s, rng.pick(['1', '61', '82', '81', '49']) + rng.digits(10));
  }
  return {
    name: 'population',
    traffic(traffic, day) {
      for (const s of subs) {
        const circle = contacts.get(s)!;
        for (let c = rng.poisson(3); c > 0; c--) {
          const callee = rng.chance(0.85) ? rng.pick(circle) : world.otherMobile();
          traffic.voiceMo(s, traffic.rhythmTime(day), callee, rng.chance(0.75), rng.logNormal(70, 1), rng.int(3, 25));
        }
        for (let c = rng.poisson(1.2); c > 0; c--) traffic.voiceMt(s, traffic.rhythmTime(day), world.otherMobile(), 'national', rng.chance(0.75), rng.logNormal(70, 1), rng.int(3, 25));
        for (let c = rng.poisson(1.5); c > 0; c--) traffic.smsMo(s, traffic.rhythmTime(day), rng.pick(circle));
        for (let c = rng.poisson(1); c > 0; c--) traffic.smsMt(s, traffic.rhythmTime(day), world.otherMobile(), 'national');
        for (let c = rng.poisson(3); c > 0; c--) traffic.data(s, traffic.rhythmTime(day), rng.logNormal(300, 1), rng.logNormal(3e6, 1.5));
        const relative = abroad.get(s);
        if (relative !== undefined && rng.chance(0.6)) traffic.voiceMt(s, traffic.rhythmTime(day), relative, 'international', true, rng.logNormal(400, 0.7), rng.int(3, 15));
      }
    },
  };
}

export interface OutboundTeamSpec {
  name: string;
  sims: number;
  office: Cell;
  plan: 'prepaid' | 'postpaid';
  customerType: 'individual' | 'enterprise';
  /** One registered owner for all SIMs (company) or one each (staff SIMs in their own names). */
  sharedIdHash: boolean;
  callsPerDay: number;
  answerRate: number;
  talkMedianS: number;
  incomingPerDay: number;
}

/** Telesales / call-centre agents on mobile SIMs: many short calls to distinct numbers, office hours, real phones. */
export function outboundTeam(world: World, truth: Truth, spec: OutboundTeamSpec, targets: Subscriber[]): Scenario {
  const rng = world.rng.fork(spec.name);
  const company = rng.digits(16);
  const subs = Array.from({ length: spec.sims }, () => world.addSubscriber({
    group: spec.name, homeCell: rng.pick(world.cells).cellId, workCell: spec.office.cellId, plan: spec.plan, customerType: spec.customerType,
    ...(spec.sharedIdHash ? { idHash: company } : {}),
  }));
  for (const s of subs) { truth.label(s.msisdn, spec.name); truth.label(s.imsi, spec.name); truth.label(s.imei, spec.name); }
  const officeHours = (traffic: Parameters<Scenario['traffic']>[0], day: number): number =>
    rng.chance(0.5) ? traffic.between(day, 8, 11.75) : traffic.between(day, 13.5, 17.5);
  return {
    name: spec.name,
    traffic(traffic, day) {
      for (const s of subs) {
        for (let c = rng.poisson(spec.callsPerDay); c > 0; c--) {
          const callee = rng.chance(0.45) ? rng.pick(targets).msisdn : rng.chance(0.85) ? world.otherMobile() : '8428' + rng.digits(8);
          traffic.voiceMo(s, officeHours(traffic, day), callee, rng.chance(spec.answerRate), rng.logNormal(spec.talkMedianS, 0.6), rng.int(5, 25));
        }
        for (let c = rng.poisson(spec.incomingPerDay); c > 0; c--) traffic.voiceMt(s, officeHours(traffic, day), world.otherMobile(), 'national', true, rng.logNormal(90, 0.7), rng.int(3, 10));
        for (let c = rng.poisson(3); c > 0; c--) traffic.smsMo(s, traffic.rhythmTime(day), world.otherMobile());
        for (let c = rng.poisson(6); c > 0; c--) traffic.data(s, traffic.rhythmTime(day), rng.logNormal(300, 1), rng.logNormal(5e6, 1.2));
      }
    },
  };
}

/** Taxi dispatch: hundreds of customer calls in, many calls out to a fixed set of drivers, round the clock. */
export function taxiCompany(world: World, truth: Truth, office: Cell, population: Subscriber[]): Scenario {
  const rng = world.rng.fork('taxi');
  const idHash = rng.digits(16);
  const dispatch = Array.from({ length: 4 }, () => world.addSubscriber({ group: 'taxi-dispatch', homeCell: office.cellId, plan: 'postpaid', customerType: 'enterprise', idHash }));
  const drivers = Array.from({ length: 60 }, () => world.addSubscriber({ group: 'taxi-driver', homeCell: rng.pick(world.cells).cellId, plan: 'postpaid', customerType: 'enterprise', idHash }));
  for (const s of [...dispatch, ...drivers]) { truth.label(s.msisdn, s.group); truth.label(s.imsi, s.group); }
  return {
    name: 'taxi',
    traffic(traffic, day) {
      for (const d of drivers) traffic.cellOverride.set(d, () => rng.pick(world.cells).cellId);
      for (const s of dispatch) {
        for (let c = rng.poisson(170); c > 0; c--) traffic.voiceMt(s, traffic.rhythmTime(day), rng.chance(0.5) ? rng.pick(population).msisdn : world.otherMobile(), 'national', rng.chance(0.93), rng.logNormal(35, 0.5), rng.int(2, 10));
        for (let c = rng.poisson(140); c > 0; c--) traffic.voiceMo(s, traffic.rhythmTime(day), rng.pick(drivers).msisdn, rng.chance(0.9), rng.logNormal(25, 0.5), rng.int(2, 8));
        for (let c = rng.poisson(40); c > 0; c--) traffic.smsMo(s, traffic.rhythmTime(day), rng.pick(drivers).msisdn);
      }
    },
  };
}

/** Couriers: calls to distinct customers, moving through many cells of their city all day. */
export function couriers(world: World, truth: Truth, count: number, population: Subscriber[]): Scenario {
  const rng = world.rng.fork('couriers');
  const city = world.cells.filter((c) => c.province === 'Ho Chi Minh');
  const subs = Array.from({ length: count }, () => world.addSubscriber({ group: 'courier', homeCell: rng.pick(city).cellId }));
  for (const s of subs) { truth.label(s.msisdn, 'courier'); truth.label(s.imsi, 'courier'); }
  return {
    name: 'couriers',
    traffic(traffic, day) {
      for (const s of subs) {
        traffic.cellOverride.set(s, () => rng.pick(city).cellId);
        for (let c = rng.poisson(45); c > 0; c--) traffic.voiceMo(s, traffic.between(day, 8, 20), rng.chance(0.5) ? rng.pick(population).msisdn : world.otherMobile(), rng.chance(0.7), rng.logNormal(25, 0.5), rng.int(4, 20));
        for (let c = rng.poisson(15); c > 0; c--) traffic.voiceMt(s, traffic.between(day, 8, 20), world.otherMobile(), 'national', true, rng.logNormal(30, 0.5), rng.int(3, 10));
        for (let c = rng.poisson(8); c > 0; c--) traffic.data(s, traffic.between(day, 7, 22), rng.logNormal(200, 1), rng.logNormal(2e6, 1));
      }
    },
  };
}

/** M2M/IoT SIMs of one enterprise: periodic small data sessions, a daily SMS report, static modules, no voice. */
export function iotFleet(world: World, truth: Truth, count: number, cells: Cell[]): Scenario {
  const rng = world.rng.fork('iot');
  const idHash = rng.digits(16);
  const subs = Array.from({ length: count }, () => world.addSubscriber({ group: 'iot-fleet', homeCell: rng.pick(cells).cellId, imei: world.imei('35925406'), plan: 'postpaid', customerType: 'enterprise', idHash, dealerId: 'D-ENT1' }));
  for (const s of subs) { truth.label(s.msisdn, 'iot-fleet'); truth.label(s.imsi, 'iot-fleet'); truth.label(s.imei, 'iot-fleet'); }
  truth.label(idHash, 'iot-fleet');
  const collector = world.ownMsisdn();
  return {
    name: 'iot',
    traffic(traffic, day) {
      for (const s of subs) {
        const phase = rng.next() * 30;
        for (let m = phase; m < 24 * 60; m += 30) traffic.data(s, traffic.at(day, m / 60), rng.int(5, 30), rng.int(400, 4000));
        traffic.smsMo(s, traffic.at(day, 2 + rng.next()), collector);
      }
    },
  };
}

/** Dual-SIM phones (two IMSIs, one IMEI) and handsets shared by a family (three SIMs swapped in one phone). */
export function sharedHandsets(truth: Truth, subs: Subscriber[], dualPairs: number, families: number): void {
  let i = 0;
  for (let p = 0; p < dualPairs; p++, i += 2) {
    const a = subs[i]!, b = subs[i + 1]!;
    b.imei = a.imei; a.group = b.group = 'dual-sim';
    truth.label(a.msisdn, 'dual-sim'); truth.label(b.msisdn, 'dual-sim'); truth.label(a.imei, 'dual-sim');
  }
  for (let f = 0; f < families; f++, i += 3) {
    const [a, b, c] = [subs[i]!, subs[i + 1]!, subs[i + 2]!];
    b.imei = c.imei = a.imei; a.group = b.group = c.group = 'family-handset';
    b.homeCell = c.homeCell = a.homeCell;
    for (const s of [a, b, c]) truth.label(s.msisdn, 'family-handset');
    truth.label(a.imei, 'family-handset');
  }
}

/** Travellers: on day 2 they cross provinces, a new cell every hour. Heavy social users: many calls/SMS to friends. */
export function travellersAndSocial(world: World, truth: Truth, travellers: Subscriber[], social: Subscriber[]): Scenario {
  const rng = world.rng.fork('travel-social');
  for (const s of travellers) { s.group = 'traveller'; truth.label(s.msisdn, 'traveller'); }
  for (const s of social) { s.group = 'heavy-social'; truth.label(s.msisdn, 'heavy-social'); }
  const friends = new Map(social.map((s) => [s, Array.from({ length: 12 }, () => rng.pick(social).msisdn)]));
  return {
    name: 'travel-social',
    traffic(traffic, day) {
      for (const s of travellers) {
        if (day === 0) traffic.cellOverride.set(s, (t) => t < world.startMs + 24 * HOUR_MS ? traffic.cellOf({ ...s, group: 'home' }, t) : world.cells[(Math.floor((t - world.startMs) / HOUR_MS) * 7 + s.msisdn.charCodeAt(10)) % world.cells.length]!.cellId);
        for (let c = rng.poisson(6); c > 0; c--) traffic.voiceMo(s, traffic.rhythmTime(day), world.otherMobile(), true, rng.logNormal(90, 0.8), rng.int(3, 15));
      }
      for (const s of social) {
        const circle = friends.get(s)!;
        for (let c = rng.poisson(25); c > 0; c--) traffic.voiceMo(s, traffic.rhythmTime(day), rng.pick(circle), rng.chance(0.8), rng.logNormal(120, 1), rng.int(3, 15));
        for (let c = rng.poisson(45); c > 0; c--) traffic.smsMo(s, traffic.rhythmTime(day), rng.pick(circle));
        for (let c = rng.poisson(10); c > 0; c--) traffic.data(s, traffic.rhythmTime(day), rng.logNormal(600, 1), rng.logNormal(2e7, 1));
      }
    },
  };
}

