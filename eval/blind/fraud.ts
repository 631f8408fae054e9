/**
 * Fraud variants, from how they work in the field: SIM-box farms (GSM gateways relaying
 * international VoIP to local numbers), robocalls, SMS spam farms, Wangiri, IRSF, a cable cut.
 */
import type { Rng } from './rng.js';
import type { Traffic } from './traffic.js';
import type { Truth } from './truth.js';
import { DAY_MS, HOUR_MS, PHONE_TACS, type Cell, type Subscriber, type World } from './world.js';

export interface Scenario {
  name: string;
  traffic(traffic: Traffic, day: number): void;
}

/** GSM-gateway module TAC (illustrative): farms buy the same gateway model in bulk. */
const GATEWAY_TAC = '86722103';

export interface FarmSpec {
  name: string;
  sims: number;
  /** GSM modules (one IMEI each); SIMs beyond `modules` take turns in a module (SIM bank rotation). */
  modules: number;
  /** Hours a SIM stays in its module before the bank swaps it for the next one. */
  slotHours: number;
  cells: Cell[];
  plan: 'prepaid' | 'postpaid';
  customerType: 'individual' | 'enterprise';
  callsPerDay: [number, number];
  /** Answered incoming calls per SIM-day (callbacks); stealthy farms fake a human profile. */
  incomingPerDay: number;
  smsPerDay: number;
  dataPerDay: number;
  /** Spoofed IMEIs: a random smartphone IMEI per SIM instead of gateway modules. */
  spoofImeis: boolean;
  startMs: number;
  activatedDaysAgo: [number, number];
  dealerId?: string;
  idHashes?: string[];
  /** SIM indices whose calls an international test-call campaign observes. */
  testCalled?: number;
}

export interface TestCallRow { test_id: string; called_at: number; b_number: string; original_cli: string; observed_cli: string; route: string }

/** A SIM-box farm: bypassed international calls leave as local mobile calls to many distinct numbers. */
export function simFarm(world: World, truth: Truth, spec: FarmSpec, population: Subscriber[], testCalls: TestCallRow[]): Scenario {
  const rng: Rng = world.rng.fork(spec.name);
  const moduleImeis = Array.from({ length: spec.modules }, () => world.imei(GATEWAY_TAC));
  const sims: { sub: Subscriber; module: number; turn: number; turns: number }[] = [];
  const simsPerModule = Math.ceil(spec.sims / spec.modules);
  for (let i = 0; i < spec.sims; i++) {
    const module = i % spec.modules;
    const cell = spec.cells[module % spec.cells.length]!;
    const sub = world.addSubscriber({
      group: spec.name, homeCell: cell.cellId, plan: spec.plan, customerType: spec.customerType,
      imei: spec.spoofImeis ? world.imei(rng.pick(PHONE_TACS)) : moduleImeis[module]!,
      activatedAtMs: spec.startMs - rng.int(spec.activatedDaysAgo[0], spec.activatedDaysAgo[1]) * DAY_MS - rng.int(0, 20) * HOUR_MS,
      ...(spec.dealerId !== undefined ? { dealerId: spec.dealerId } : {}),
      ...(spec.idHashes !== undefined ? { idHash: spec.idHashes[i % spec.idHashes.length]! } : {}),
    });
    sims.push({ sub, module, turn: Math.floor(i / spec.modules), turns: Math.min(simsPerModule, Math.ceil((spec.sims - module) / spec.modules)) });
    truth.add({ type: 'simbox', kind: 'msisdn', value: sub.msisdn, scenario: spec.name });
    truth.label(sub.imsi, spec.name);
    truth.label(sub.imei, spec.name);
  }
  const probes = Array.from({ length: 4 }, () => world.otherMobile());
  let testSeq = 0;
  return {
    name: spec.name,
    traffic(traffic, day) {
      const dayStart = traffic.at(day, 0);
      for (const sim of sims) {
        // The SIM is in its module only during its bank slots; it calls only then.
        const slots: number[] = [];
        for (let s = 0; s * spec.slotHours < 24; s++) {
          if (s % sim.turns === sim.turn) slots.push(dayStart + s * spec.slotHours * HOUR_MS);
        }
        const open = slots.filter((start) => start + spec.slotHours * HOUR_MS > spec.startMs);
        if (open.length === 0) continue;
        const active = (): number => {
          let t = 0;
          for (let attempt = 0; attempt < 50; attempt++) {
            t = Math.max(spec.startMs, rng.pick(open) + rng.next() * spec.slotHours * HOUR_MS);
            const hour = (t - dayStart) / HOUR_MS;
            // Diaspora traffic: little between 01:00 and 06:00 local.
            if (hour >= 6 || hour < 1 || rng.chance(0.15)) return t;
          }
          return t;
        };
        const calls = rng.int(spec.callsPerDay[0], spec.callsPerDay[1]);
        for (let c = 0; c < calls; c++) {
          const t = active();
          const callee = rng.chance(0.45) ? rng.pick(population).msisdn : rng.chance(0.9) ? world.otherMobile() : '8428' + rng.digits(8);
          const answered = rng.chance(0.58);
          traffic.voiceMo(sim.sub, t, callee, answered, rng.logNormal(140, 0.8), rng.int(4, 22));
        }
        for (let c = rng.poisson(spec.incomingPerDay); c > 0; c--) {
          traffic.voiceMt(sim.sub, active(), rng.chance(0.5) ? rng.pick(population).msisdn : world.otherMobile(), 'national', true, rng.logNormal(40, 0.6), rng.int(3, 12));
        }
        for (let c = rng.poisson(spec.smsPerDay); c > 0; c--) traffic.smsMo(sim.sub, active(), world.otherMobile());
        for (let c = rng.poisson(spec.dataPerDay); c > 0; c--) traffic.data(sim.sub, active(), rng.int(20, 300), rng.int(2_000, 200_000));
        if (spec.testCalled !== undefined && sims.indexOf(sim) < spec.testCalled) {
          const t = active();
          const probe = rng.pick(probes);
          traffic.voiceMo(sim.sub, t, probe, true, rng.int(20, 40), rng.int(3, 6));
          testCalls.push({ test_id: `${spec.name}-tc${++testSeq}`, called_at: t, b_number: probe, original_cli: '1415555' + rng.digits(4), observed_cli: sim.sub.msisdn, route: `carrier-${rng.int(1, 3)}` });
          truth.add({ type: 'tcg_bypass', kind: 'msisdn', value: sim.sub.msisdn, scenario: spec.name });
        }
      }
    },
  };
}
