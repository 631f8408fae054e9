/**
 * Blind scenario generator: Contract 1 files (CDR CSV.gz per day, subscribers, cells, test calls)
 * plus truth.json, written without reference to telsentry's own simulator or detectors.
 * Usage: node dist/eval/blind/generate.js --out DIR [--seed N] [--subscribers N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CDR_FIELDS, type CdrRecord } from '../../core/cdr.js';
import { simFarm, type Scenario, type TestCallRow } from './fraud.js';
import { irsf, robocall, siteCut, smsSpam, wangiri } from './fraud-other.js';
import { couriers, iotFleet, outboundTeam, population, sharedHandsets, taxiCompany, travellersAndSocial } from './legit.js';
import { Rng } from './rng.js';
import { Traffic } from './traffic.js';
import { Truth, type TruthFile } from './truth.js';
import { DAY_MS, HOUR_MS, LOCAL_OFFSET_MS, OPERATOR, World, isoLocal } from './world.js';

export const DEFAULT_SEED = 20260303;
/** Tuesday 3 March 2026, local midnight: two ordinary working days. */
export const START_LOCAL_DATE = '2026-03-03';
export const DAYS = 2;
export const DEFAULT_SUBSCRIBERS = 10_000;

export interface BlindOutput {
  cdrFiles: string[];
  subscribersFile: string;
  cellsFile: string;
  testCallsFile: string;
  truthFile: string;
  truth: TruthFile;
}

export function generateBlind(outDir: string, seed = DEFAULT_SEED, subscriberCount = DEFAULT_SUBSCRIBERS): BlindOutput {
  // Dual-SIM/family handsets, travellers and heavy social users are carved out of the first 1200 people.
  if (!Number.isInteger(subscriberCount) || subscriberCount < 1200) throw new RangeError(`subscriberCount must be an integer >= 1200 (got ${subscriberCount})`);
  const startMs = Date.parse(`${START_LOCAL_DATE}T00:00:00Z`) - LOCAL_OFFSET_MS;
  const world = new World(new Rng(seed), startMs, DAYS);
  const truth = new Truth();
  world.buildCells(12);
  const rng = world.rng.fork('layout');
  const cells = world.cells;
  const cutSite = cells[12 * 3 + 5 * 3]!.siteId; // an HCMC site
  const cutCells = cells.filter((c) => c.siteId === cutSite);
  const ruralSite = cells[cells.length - 3]!;
  const people = Array.from({ length: subscriberCount }, (_, i) => {
    // A dense neighbourhood around the site that will be cut, one near-empty rural site.
    const home = i < 450 ? rng.pick(cutCells) : i < 465 ? ruralSite : rng.pick(cells.slice(0, cells.length - 3));
    return world.addSubscriber({ group: 'population', homeCell: home.cellId, workCell: rng.chance(0.6) ? rng.pick(cells).cellId : home.cellId });
  });
  for (const c of cells.slice(-3)) truth.label(c.cellId, 'rural-quiet-site');
  truth.label(ruralSite.siteId, 'rural-quiet-site');
  sharedHandsets(truth, people.slice(500), 150, 20);
  const travellers = people.slice(1000, 1080);
  const social = people.slice(1100, 1200);

  const testCalls: TestCallRow[] = [];
  const cellAt = (i: number) => cells[i]!;
  const farm = (name: string, over: Partial<Parameters<typeof simFarm>[2]>) => simFarm(world, truth, {
    name, sims: 4, modules: 4, slotHours: 24, cells: [cellAt(3)], plan: 'prepaid', customerType: 'individual',
    callsPerDay: [60, 90], incomingPerDay: 0.1, smsPerDay: 0.05, dataPerDay: 0, spoofImeis: false,
    startMs, activatedDaysAgo: [20, 200], ...over,
  }, people, testCalls);
  const junkIds = Array.from({ length: 5 }, () => rng.digits(16));
  for (const id of junkIds) truth.add({ type: 'junk_sim', kind: 'id_hash', value: id, scenario: 'farm-150' });
  // The dealer that registered all 150 farm SIMs to five identities is part of the fraud too.
  truth.add({ type: 'junk_sim', kind: 'dealer', value: 'D-7734', scenario: 'farm-150' });
  const scenarios: Scenario[] = [
    population(world, people),
    farm('farm-4', { sims: 4, modules: 2, slotHours: 1, cells: [cellAt(40)], callsPerDay: [70, 90] }),
    farm('farm-12-postpaid', { sims: 12, modules: 4, slotHours: 2, cells: [cellAt(80)], plan: 'postpaid', callsPerDay: [60, 80], testCalled: 3 }),
    farm('farm-48-3cells', { sims: 48, modules: 16, slotHours: 4, cells: [cellAt(7), cellAt(22), cellAt(61)], callsPerDay: [50, 70], startMs: startMs + DAY_MS + 8 * HOUR_MS }),
    farm('farm-150', { sims: 150, modules: 32, slotHours: 3, cells: [cellAt(100)], callsPerDay: [40, 60], startMs: startMs + 10 * HOUR_MS, activatedDaysAgo: [1, 3], dealerId: 'D-7734', idHashes: junkIds, testCalled: 10 }),
    farm('stealth-32', { sims: 32, modules: 16, slotHours: 12, cells: [cellAt(115)], callsPerDay: [15, 30], incomingPerDay: 3, smsPerDay: 1, dataPerDay: 1.5, activatedDaysAgo: [200, 900] }),
    // A farm dressed as people: fewer calls, many answered incoming calls, SMS and daily data on every SIM.
    farm('human-like-24', { sims: 24, modules: 12, slotHours: 12, cells: [cellAt(125)], callsPerDay: [12, 20], incomingPerDay: 8, smsPerDay: 4, dataPerDay: 6, spoofImeis: true, activatedDaysAgo: [300, 900] }),
    farm('spoofed-imei-16', { sims: 16, modules: 16, slotHours: 24, cells: [cellAt(130)], callsPerDay: [60, 80], spoofImeis: true }),
    robocall(world, truth, cellAt(50), 2, 480),
    smsSpam(world, truth, cellAt(55), 10, people),
    wangiri(world, truth, people),
    irsf(world, truth, cellAt(70)),
    outboundTeam(world, truth, { name: 'telesales-30', sims: 30, office: cellAt(20), plan: 'prepaid', customerType: 'individual', sharedIdHash: false, callsPerDay: 150, answerRate: 0.35, talkMedianS: 45, incomingPerDay: 4 }, people),
    outboundTeam(world, truth, { name: 'callcentre-20', sims: 20, office: cellAt(25), plan: 'postpaid', customerType: 'enterprise', sharedIdHash: true, callsPerDay: 100, answerRate: 0.5, talkMedianS: 120, incomingPerDay: 10 }, people),
    outboundTeam(world, truth, { name: 'small-business-50', sims: 50, office: cellAt(30), plan: 'prepaid', customerType: 'individual', sharedIdHash: false, callsPerDay: 25, answerRate: 0.7, talkMedianS: 90, incomingPerDay: 25 }, people),
    taxiCompany(world, truth, cellAt(90), people),
    couriers(world, truth, 40, people),
    iotFleet(world, truth, 200, cells.slice(60, 70)),
    travellersAndSocial(world, truth, travellers, social),
  ];
  const traffic = new Traffic(world);
  for (let day = 0; day < DAYS; day++) for (const s of scenarios) s.traffic(traffic, day);
  const cut = siteCut(world, truth, cutSite, startMs + DAY_MS + 15 * HOUR_MS + 20 * 60_000);
  const records = cut(world.records).sort((a, b) => (a.start_time as number) - (b.start_time as number));

  mkdirSync(outDir, { recursive: true });
  const cdrFiles: string[] = [];
  for (let day = 0; day < DAYS; day++) {
    const dayRecords = records.filter((r) => Math.floor(((r.start_time as number) - startMs) / DAY_MS) === day);
    const file = join(outDir, `cdr-day${day + 1}.csv.gz`);
    writeFileSync(file, gzipSync(toCsv(dayRecords)));
    cdrFiles.push(file);
  }
  const subscribersFile = join(outDir, 'subscribers.csv');
  writeFileSync(subscribersFile, ['msisdn,imsi,operator,activated_at,plan,customer_type,dealer_id,id_hash',
    ...world.subscribers.map((s) => [s.msisdn, s.imsi, OPERATOR, isoLocal(s.activatedAtMs), s.plan, s.customerType, s.dealerId, s.idHash].join(','))].join('\n') + '\n');
  const cellsFile = join(outDir, 'cells.csv');
  writeFileSync(cellsFile, ['cell_id,site_id,lat,lon,province,district',
    ...cells.map((c) => [c.cellId, c.siteId, c.lat.toFixed(5), c.lon.toFixed(5), c.province, c.district].join(','))].join('\n') + '\n');
  const testCallsFile = join(outDir, 'test_calls.csv');
  writeFileSync(testCallsFile, ['test_id,called_at,b_number,original_cli,observed_cli,route',
    ...testCalls.map((t) => [t.test_id, isoLocal(t.called_at), t.b_number, t.original_cli, t.observed_cli, t.route].join(','))].join('\n') + '\n');

  const truthFile = join(outDir, 'truth.json');
  const file: TruthFile = {
    seed, startLocalDate: START_LOCAL_DATE, days: DAYS, subscribers: world.subscribers.length, records: records.length,
    subjects: finalSubjects(truth, records, world), labels: Object.fromEntries(truth.labels),
  };
  writeFileSync(truthFile, JSON.stringify(file, null, 1));
  return { cdrFiles, subscribersFile, cellsFile, testCallsFile, truthFile, truth: file };
}

/** One entry per (type, value), with the first fraudulent record's time. */
function finalSubjects(truth: Truth, records: CdrRecord[], world: World): TruthFile['subjects'] {
  const first = new Map<string, number>();
  const note = (key: string | undefined, t: number): void => { if (key !== undefined && !first.has(key)) first.set(key, t); };
  const idHashOf = new Map(world.subscribers.map((s) => [s.msisdn, s.idHash]));
  const dealerOf = new Map(world.subscribers.map((s) => [s.msisdn, s.dealerId]));
  for (const r of records) {
    const t = r.start_time as number;
    const served = r.direction === 'mo' ? r.caller : r.callee;
    note(served, t);
    if (r.direction === 'mt') note(r.caller, t);
    if (served !== undefined) { note(idHashOf.get(served), t); note(dealerOf.get(served), t); }
  }
  const seen = new Set<string>();
  const out: TruthFile['subjects'] = [];
  for (const s of truth.subjects) {
    const key = `${s.type}|${s.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = s.firstEventMs ?? first.get(s.value);
    out.push({ type: s.type, kind: s.kind, value: s.value, scenario: s.scenario, first_event_at: t === undefined ? '' : isoLocal(t) });
  }
  return out;
}

function toCsv(records: CdrRecord[]): string {
  const lines = [CDR_FIELDS.join(',')];
  for (const r of records) {
    const row = r as unknown as Record<string, unknown>;
    lines.push(CDR_FIELDS.map((f) => {
      const v = f === 'start_time' ? isoLocal(r.start_time as number) : row[f];
      return v === undefined ? '' : String(v);
    }).join(','));
  }
  return lines.join('\n') + '\n';
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/.*\/dist\//, '/dist/'))) {
  const out = flag('--out') ?? 'data/blind';
  const result = generateBlind(out, Number(flag('--seed') ?? DEFAULT_SEED), Number(flag('--subscribers') ?? DEFAULT_SUBSCRIBERS));
  process.stdout.write(`blind: ${result.truth.records} records, ${result.truth.subscribers} subscribers, ${result.truth.subjects.length} truth subjects → ${out}\n`);
}
