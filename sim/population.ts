/**
 * The ordinary population: people with a handset (some dual-SIM), a home and often a work
 * place, a social circle, a personal level of activity, and for some a relative abroad.
 * Calling circles: most calls go to a few stable, reciprocated contacts, mostly nearby
 * (Onnela et al. 2007, "Structure and tie strengths in mobile communication networks",
 * PNAS 104; Lambiotte et al. 2008, "Geographical dispersal of mobile communication networks").
 */
import { DAY_MS } from '../core/time.js';
import { DIASPORA_COUNTRIES, DIASPORA_WEIGHTS, foreignMobile } from './numbering.js';
import type { Rng } from './prng.js';
import type { Subscriber, World } from './world.js';

/** Population shares and per-day activity levels (medians of lognormal spreads). */
export const POPULATION = {
  dualSimShare: 0.12, // dual-SIM handsets are common in Viet Nam; ~1 in 8 people carry two SIMs in one phone
  nightShiftShare: 0.03,
  workerShare: 0.65,
  prepaidShare: 0.9, // Viet Nam is ~90 % prepaid (MIC white book)
  recentActivationShare: 0.01,
  diasporaShare: 0.08,
  driversPer1000: 1,
  voiceMedianPerDay: 3.5,
  smsMedianPerDay: 1.2,
  dataMedianPerDay: 10,
  noDataShare: 0.1, // feature phones
  meanContacts: 9,
  localContactShare: 0.85,
  subscribersPerDealer: 400,
};

export interface Population {
  /** Per person (index into world.persons). */
  voicePerDay: Float32Array;
  smsPerDay: Float32Array;
  dataPerDay: Float32Array;
  nightShift: Uint8Array;
  driver: Uint8Array;
  /** Index into DIASPORA_COUNTRIES or -1, and the relative's number. */
  diasporaCountry: Int8Array;
  diasporaNumber: string[];
  /** Contacts of person p: contacts[contactStart[p] .. contactStart[p+1]), strongest first. */
  contactStart: Int32Array;
  contacts: Int32Array;
  dealerCount: number;
}

export function dealerId(n: number): string {
  return `DL${String(n).padStart(4, '0')}`;
}

export function buildPopulation(world: World, rng: Rng): Population {
  const target = world.opts.subscribers;
  const dealerCount = Math.max(10, Math.round(target / POPULATION.subscribersPerDealer));
  const startMs = world.opts.startMs;
  const dual: boolean[] = [];
  while (world.persons.length < target) {
    const opIndex = world.operatorIndex(rng);
    const home = world.geo.randomPlace(rng);
    const worker = rng.chance(POPULATION.workerShare);
    const work = worker ? (rng.chance(0.8) ? world.geo.nearbyPlace(rng, home) : world.geo.randomPlace(rng)) : home;
    const recent = rng.chance(POPULATION.recentActivationShare);
    const activatedAtMs = startMs - (recent ? rng.uniform(0.1, 14) : rng.uniform(60, 6 * 365)) * DAY_MS;
    const spec = {
      opIndex, activatedAtMs, plan: rng.chance(POPULATION.prepaidShare) ? 'prepaid' as const : 'postpaid' as const,
      customerType: 'individual' as const, dealerId: dealerId(rng.int(dealerCount)), idHash: rng.hex(16),
      role: 'person' as const, mobility: 'person' as const, home, work, worker,
    };
    const first = world.addSubscriber(rng, spec);
    world.persons.push(first);
    const second = world.persons.length < target && world.operators.length > 1 && rng.chance(POPULATION.dualSimShare);
    dual.push(second);
    if (second) {
      let otherOp = world.operatorIndex(rng);
      while (otherOp === opIndex) otherOp = world.operatorIndex(rng);
      const line2 = world.addSubscriber(rng, { ...spec, opIndex: otherOp, imei: first.imei, activatedAtMs: activatedAtMs + rng.uniform(0, 400) * DAY_MS });
      line2.activatedAtMs = Math.min(line2.activatedAtMs, startMs - DAY_MS);
      line2.sector = first.sector;
      world.persons.push(line2);
      dual.push(true);
      for (const s of [first, line2]) world.truth.confounder({ kind: 'dual_sim', msisdn: s.msisdn, imsi: s.imsi, imei: s.imei });
    }
  }
  const n = world.persons.length;
  const pop: Population = {
    voicePerDay: new Float32Array(n), smsPerDay: new Float32Array(n), dataPerDay: new Float32Array(n),
    nightShift: new Uint8Array(n), driver: new Uint8Array(n), diasporaCountry: new Int8Array(n).fill(-1),
    diasporaNumber: new Array<string>(n).fill(''), contactStart: new Int32Array(n + 1), contacts: new Int32Array(0), dealerCount,
  };
  for (let p = 0; p < n; p++) {
    const secondLine = p > 0 && dual[p] === true && world.persons[p - 1]?.imei === world.persons[p]?.imei;
    pop.voicePerDay[p] = rng.lognormal(POPULATION.voiceMedianPerDay, 0.7) * (secondLine ? 0.5 : 1);
    pop.smsPerDay[p] = rng.lognormal(POPULATION.smsMedianPerDay, 1.0);
    pop.dataPerDay[p] = secondLine || rng.chance(POPULATION.noDataShare) ? 0 : rng.lognormal(POPULATION.dataMedianPerDay, 0.6);
    if (rng.chance(POPULATION.diasporaShare)) {
      const c = rng.weighted(DIASPORA_WEIGHTS);
      pop.diasporaCountry[p] = c;
      pop.diasporaNumber[p] = foreignMobile(rng, DIASPORA_COUNTRIES[c] as (typeof DIASPORA_COUNTRIES)[number]);
    }
  }
  markSpecialPeople(world, rng, pop);
  buildContacts(world, rng, pop);
  return pop;
}

/** Night-shift workers and delivery drivers: legitimate people whose traffic looks unusual. */
function markSpecialPeople(world: World, rng: Rng, pop: Population): void {
  const n = world.persons.length;
  for (let p = 0; p < n; p++) {
    if (!rng.chance(POPULATION.nightShiftShare)) continue;
    pop.nightShift[p] = 1;
    const s = world.persons[p] as Subscriber;
    world.truth.confounder({ kind: 'night_shift', msisdn: s.msisdn, imsi: s.imsi });
  }
  const drivers = Math.max(5, Math.round((n * POPULATION.driversPer1000) / 1000));
  for (let k = 0; k < drivers; k++) {
    const p = rng.int(n);
    if (pop.driver[p] === 1 || pop.nightShift[p] === 1) continue;
    pop.driver[p] = 1;
    const s = world.persons[p] as Subscriber;
    s.mobility = 'roaming';
    pop.dataPerDay[p] = rng.uniform(40, 80); // navigation and the delivery app all day
    pop.smsPerDay[p] += rng.uniform(8, 15);
    world.truth.confounder({ kind: 'delivery_driver', msisdn: s.msisdn, imsi: s.imsi });
  }
}

/** Symmetric contact graph in CSR form; each tie is listed by both ends, so calls are reciprocated. */
function buildContacts(world: World, rng: Rng, pop: Population): void {
  const n = world.persons.length;
  const byProvince = new Map<string, number[]>();
  world.persons.forEach((s, p) => {
    const province = (world.geo.places[s.home] as { province: string }).province;
    const list = byProvince.get(province);
    if (list) list.push(p);
    else byProvince.set(province, [p]);
  });
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let p = 0; p < n; p++) {
    const s = world.persons[p] as Subscriber;
    const province = (world.geo.places[s.home] as { province: string }).province;
    const local = byProvince.get(province) as number[];
    const ties = Math.max(1, Math.round(rng.poisson(POPULATION.meanContacts / 2)));
    for (let k = 0; k < ties; k++) {
      const q = rng.chance(POPULATION.localContactShare) ? rng.pick(local) : rng.int(n);
      if (q === p || world.persons[q]?.imei === s.imei) continue;
      (lists[p] as number[]).push(q);
      (lists[q] as number[]).push(p);
    }
  }
  let total = 0;
  for (let p = 0; p < n; p++) total += (lists[p] as number[]).length;
  pop.contacts = new Int32Array(total);
  let at = 0;
  for (let p = 0; p < n; p++) {
    pop.contactStart[p] = at;
    for (const q of lists[p] as number[]) pop.contacts[at++] = q;
  }
  pop.contactStart[n] = at;
}
