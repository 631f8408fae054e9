import { describe, expect, it } from 'vitest';
import type { CdrRecord } from '../../../core/cdr.js';
import { resolveOptions, Simulation, type ScenarioName, type TruthFile } from '../../../sim/index.js';

interface FarmView {
  truth: TruthFile;
  farms: Map<string, Set<string>>;
  records: CdrRecord[];
}

/** Runs a scenario in memory and keeps only the records that touch SIM-box SIMs. */
function runScenario(scenario: ScenarioName, days = 1): FarmView {
  const sim = new Simulation(resolveOptions({ outDir: '.', seed: 9, subscribers: 1000, days, scenario }));
  const all: CdrRecord[] = [];
  for (const batch of sim.batches()) for (const p of batch) all.push(p.record);
  const truth = sim.truth();
  const farms = new Map<string, Set<string>>();
  for (const f of truth.fraud) {
    if (f.type !== 'simbox') continue;
    const set = farms.get(f.farm as string) ?? new Set<string>();
    farms.set(f.farm as string, set.add(f.subject.value));
  }
  const farmNumbers = new Set([...farms.values()].flatMap((s) => [...s]));
  const records = all.filter((r) => farmNumbers.has((r.direction === 'mo' ? r.caller : r.callee) as string));
  return { truth, farms, records };
}

const served = (r: CdrRecord): string => (r.direction === 'mo' ? r.caller : r.callee) as string;
const localDay = (r: CdrRecord): string => String(r.start_time).slice(0, 10);

describe('scenario knobs', () => {
  it('small-farms and large-farms change farm sizes', { timeout: 120_000 }, () => {
    const small = runScenario('small-farms');
    const large = runScenario('large-farms');
    expect(Math.max(...[...small.farms.values()].map((s) => s.size))).toBeLessThanOrEqual(12);
    expect(Math.min(...[...small.farms.values()].map((s) => s.size))).toBeGreaterThanOrEqual(4);
    expect(Math.max(...[...large.farms.values()].map((s) => s.size))).toBeGreaterThanOrEqual(200);
  });

  it('farm SIMs rotate through gateway ports: one IMEI carries many IMSIs', { timeout: 60_000 }, () => {
    const { records } = runScenario('default');
    const imsisPerImei = new Map<string, Set<string>>();
    for (const r of records) if (r.direction === 'mo') imsisPerImei.set(r.imei as string, (imsisPerImei.get(r.imei as string) ?? new Set()).add(r.imsi));
    expect(Math.max(...[...imsisPerImei.values()].map((s) => s.size))).toBeGreaterThanOrEqual(8);
    const mo = records.filter((r) => r.direction === 'mo' && r.event === 'voice');
    expect(records.filter((r) => r.event !== 'voice').length / mo.length).toBeLessThan(0.01); // near-zero SMS/data
    const calleesPerSim = new Map<string, Set<string>>();
    const callsPerSim = new Map<string, number>();
    for (const r of mo) {
      calleesPerSim.set(served(r), (calleesPerSim.get(served(r)) ?? new Set()).add(r.callee as string));
      callsPerSim.set(served(r), (callsPerSim.get(served(r)) ?? 0) + 1);
    }
    const ratios = [...callsPerSim].map(([m, n]) => (calleesPerSim.get(m) as Set<string>).size / n);
    expect(ratios.reduce((a, b) => a + b, 0) / ratios.length).toBeGreaterThan(0.8); // each SIM calls many distinct people
  });

  it('rotating replaces the SIMs: day-2 SIMs are new and day-1 SIMs fall silent', { timeout: 120_000 }, () => {
    const { truth, records } = runScenario('rotating', 2);
    const dayTwoMs = Date.parse(truth.start) + 86_400_000;
    const starters = new Set<string>();
    const newcomers = new Set<string>();
    for (const f of truth.fraud) if (f.type === 'simbox') (Date.parse(f.first_fraud_at) < dayTwoMs ? starters : newcomers).add(f.subject.value);
    expect(starters.size).toBeGreaterThan(0);
    expect(newcomers.size).toBe(starters.size);
    const late = records.filter((r) => r.direction === 'mo' && r.event === 'voice' && localDay(r) === '2026-11-03');
    expect(late.length).toBeGreaterThan(100);
    // Day-one SIMs may finish a call begun before local midnight, nothing more.
    expect(late.filter((r) => starters.has(served(r))).length).toBeLessThan(late.length * 0.02);
  });

  it('stealth caps calls per SIM per day and adds SMS and data noise', { timeout: 60_000 }, () => {
    const { records, farms } = runScenario('stealth');
    const perSimDay = new Map<string, number>();
    for (const r of records) {
      if (r.event === 'voice' && r.direction === 'mo') perSimDay.set(`${served(r)}|${localDay(r)}`, (perSimDay.get(`${served(r)}|${localDay(r)}`) ?? 0) + 1);
    }
    // The cap counts bypass calls (≤ 40) plus the odd test call routed through the SIM.
    expect(Math.max(...perSimDay.values())).toBeLessThanOrEqual(42);
    expect(records.some((r) => r.event === 'sms')).toBe(true);
    expect(records.some((r) => r.event === 'data')).toBe(true);
    const night = records.filter((r) => r.event === 'voice' && r.direction === 'mo' && Number(String(r.start_time).slice(11, 13)) < 6);
    expect(night.length / records.length).toBeLessThan(0.03);
    expect(farms.size).toBe(2);
  });

  it('fake-incoming makes farm SIMs call each other', { timeout: 60_000 }, () => {
    const { records, farms } = runScenario('fake-incoming');
    const members = new Set([...farms.values()].flatMap((s) => [...s]));
    const internal = records.filter((r) => r.event === 'voice' && r.direction === 'mt' && members.has(r.caller as string));
    expect(internal.length).toBeGreaterThan(50);
    const plain = runScenario('default');
    const plainMembers = new Set([...plain.farms.values()].flatMap((s) => [...s]));
    expect(plain.records.filter((r) => r.direction === 'mt' && plainMembers.has(r.caller as string)).length).toBe(0);
  });

  it('mobile-farms move their gateway between sites during the day', { timeout: 60_000 }, () => {
    const { records } = runScenario('mobile-farms');
    const cellsPerSim = new Map<string, Set<string>>();
    for (const r of records) if (r.direction === 'mo') cellsPerSim.set(served(r), (cellsPerSim.get(served(r)) ?? new Set()).add(r.cell_id as string));
    expect(Math.max(...[...cellsPerSim.values()].map((s) => s.size))).toBeGreaterThanOrEqual(3);
    const fixed = runScenario('small-farms');
    const fixedCells = new Set(fixed.records.filter((r) => r.direction === 'mo').map((r) => `${served(r)}|${r.cell_id}`));
    const fixedSims = new Set(fixed.records.filter((r) => r.direction === 'mo').map(served));
    expect(fixedCells.size).toBe(fixedSims.size);
  });

  it('scenarios leave the population traffic untouched (own random streams)', { timeout: 60_000 }, () => {
    const pick = (scenario: ScenarioName): string[] => {
      const sim = new Simulation(resolveOptions({ outDir: '.', seed: 4, subscribers: 600, days: 1, scenario }));
      const persons = new Set(sim.world.persons.slice(0, 50).map((p) => p.msisdn));
      const out: string[] = [];
      for (const batch of sim.batches()) for (const { record } of batch) if (record.event === 'data' && persons.has(record.caller as string)) out.push(`${record.caller}|${record.start_time}|${record.bytes}`);
      return out.sort();
    };
    expect(pick('small-farms')).toEqual(pick('large-farms'));
  });
});
