import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCdrs, simulate, type TruthFile } from '../../../sim/index.js';
import { cdrProblems, parseCsv, type Row } from './cdr_validator.js';

const SMALL = { subscribers: 1500, days: 2, scenario: 'default' as const, format: 'csv' as const, gzip: true };

function hashDir(files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(readFileSync(f));
  return h.digest('hex');
}

function allFiles(r: Awaited<ReturnType<typeof simulate>>): string[] {
  return [...r.files.cdr, r.files.subscribers, r.files.cells, r.files.testCalls, r.files.truth];
}

describe('simulate (default scenario, small population)', () => {
  const dirs: string[] = [];
  let run: Awaited<ReturnType<typeof simulate>>;
  let rows: Row[];
  let rowsByFile: Row[][];
  let truth: TruthFile;
  let subscribers: Row[];
  let testCalls: Row[];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-a-'));
    dirs.push(dir);
    run = await simulate({ ...SMALL, seed: 5, outDir: dir });
    rowsByFile = run.files.cdr.map((f) => parseCsv(gunzipSync(readFileSync(f)).toString('utf8')));
    rows = rowsByFile.flat();
    truth = JSON.parse(readFileSync(run.files.truth, 'utf8')) as TruthFile;
    subscribers = parseCsv(readFileSync(run.files.subscribers, 'utf8'));
    testCalls = parseCsv(readFileSync(run.files.testCalls, 'utf8'));
  }, 180_000);
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('writes one gzip CDR file per local day and reports the row count', () => {
    expect(run.files.cdr.map((f) => f.split('/').pop())).toEqual(['cdr-2026-11-02.csv.gz', 'cdr-2026-11-03.csv.gz']);
    expect(run.records).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(50_000);
  });

  it('is byte-identical for the same seed and different for another seed', { timeout: 180_000 }, async () => {
    const again = mkdtempSync(join(tmpdir(), 'sim-b-'));
    const other = mkdtempSync(join(tmpdir(), 'sim-c-'));
    dirs.push(again, other);
    const second = await simulate({ ...SMALL, seed: 5, outDir: again });
    const third = await simulate({ ...SMALL, seed: 6, outDir: other });
    expect(hashDir(allFiles(second))).toBe(hashDir(allFiles(run)));
    expect(hashDir(third.files.cdr)).not.toBe(hashDir(run.files.cdr));
  });

  it('writes only Contract-1 valid rows', () => {
    const bad = rows.map((r) => ({ r, p: cdrProblems(r) })).filter((x) => x.p.length > 0);
    expect(bad.slice(0, 3)).toEqual([]);
    expect(new Set(rows.map((r) => r.event))).toEqual(new Set(['voice', 'sms', 'data']));
    expect(new Set(rows.map((r) => r.trunk_in))).toEqual(new Set(['', 'onnet', 'national', 'international']));
  });

  it('re-sends a tiny share of exact duplicates and nothing else shares a record id', () => {
    const seen = new Map<string, string>();
    let duplicates = 0;
    for (const r of rows) {
      const key = `${r.operator}|${r.record_id}`;
      const line = JSON.stringify(r);
      const prior = seen.get(key);
      if (prior === undefined) seen.set(key, line);
      else {
        expect(line).toBe(prior);
        duplicates++;
      }
    }
    expect(duplicates).toBeGreaterThan(0);
    expect(duplicates / rows.length).toBeLessThan(0.005);
  });

  it('delivers slightly out of order: mostly within minutes, a small tail up to ~20 min late', () => {
    let maxMs = 0;
    let late = 0;
    let veryLate = 0;
    let worstMs = 0;
    for (const r of rows) {
      const t = Date.parse(r.start_time as string);
      const behind = maxMs - t;
      if (behind > 0) late++;
      if (behind > 10 * 60_000) veryLate++;
      worstMs = Math.max(worstMs, behind);
      maxMs = Math.max(maxMs, t);
    }
    expect(late / rows.length).toBeGreaterThan(0.3);
    expect(veryLate / rows.length).toBeGreaterThan(0);
    expect(veryLate / rows.length).toBeLessThan(0.05);
    expect(worstMs).toBeLessThan(45 * 60_000); // 20 min mediation tail + re-sent duplicates
  });

  it('has a daily rhythm: far fewer voice calls at 3–4 h than at 10–11 h local', () => {
    const hourOf = (r: Row): number => Number((r.start_time as string).slice(11, 13));
    const voice = rows.filter((r) => r.event === 'voice' && r.direction === 'mo');
    const night = voice.filter((r) => hourOf(r) === 3).length;
    const day = voice.filter((r) => hourOf(r) === 10).length;
    expect(day).toBeGreaterThan(night * 4);
  });

  it('records both legs of calls between simulated subscribers', () => {
    const mo = new Set(rows.filter((r) => r.event === 'voice' && r.direction === 'mo').map((r) => `${r.caller}|${r.callee}|${r.start_time}`));
    const mtLocal = rows.filter((r) => r.event === 'voice' && r.direction === 'mt' && r.trunk_in !== 'international');
    const matched = mtLocal.filter((r) => mo.has(`${r.caller}|${r.callee}|${r.start_time}`)).length;
    expect(matched / mtLocal.length).toBeGreaterThan(0.99);
    const incomingIntl = rows.filter((r) => r.trunk_in === 'international');
    expect(incomingIntl.length).toBeGreaterThan(0);
    expect(incomingIntl.every((r) => !(r.caller as string).startsWith('84'))).toBe(true);
  });

  it('gives every truth SIM calls at or after first_fraud_at, starting exactly there for SIM-box SIMs', () => {
    const firstMoByCaller = new Map<string, number>();
    const moCountAfter = new Map<string, number>();
    for (const r of rows) {
      if (r.direction !== 'mo' || r.event === 'data') continue;
      const t = Date.parse(r.start_time as string);
      const c = r.caller as string;
      firstMoByCaller.set(c, Math.min(firstMoByCaller.get(c) ?? Infinity, t));
    }
    const simTypes = new Set(['simbox', 'tcg_bypass', 'mass_calling', 'sms_spam', 'irsf']);
    const simEntries = truth.fraud.filter((f) => simTypes.has(f.type));
    expect(simEntries.length).toBeGreaterThan(20);
    for (const f of simEntries) {
      const first = Date.parse(f.first_fraud_at);
      const n = rows.filter((r) => r.direction === 'mo' && r.caller === f.subject.value && Date.parse(r.start_time as string) >= first).length;
      moCountAfter.set(f.subject.value, n);
      expect(n, `${f.type} ${f.subject.value}`).toBeGreaterThan(0);
      if (f.type === 'simbox') expect(firstMoByCaller.get(f.subject.value)).toBe(first);
    }
    for (const type of ['simbox', 'tcg_bypass', 'mass_calling', 'sms_spam', 'wangiri', 'irsf', 'junk_sim', 'site_silence']) {
      expect(truth.fraud.some((f) => f.type === type), type).toBe(true);
    }
  });

  it('registers farm SIMs as new prepaid SIMs bulk-activated by one dealer per farm', () => {
    const byMsisdn = new Map(subscribers.map((s) => [s.msisdn, s]));
    const dealersByFarm = new Map<string, Set<string>>();
    for (const f of truth.fraud.filter((x) => x.type === 'simbox')) {
      const reg = byMsisdn.get(f.subject.value);
      expect(reg?.imsi).toBe(f.imsi);
      expect(reg?.plan).toBe('prepaid');
      const ageMs = Date.parse(f.first_fraud_at) - Date.parse(reg?.activated_at as string);
      expect(ageMs).toBeGreaterThan(0);
      expect(ageMs).toBeLessThan(7 * 86_400_000);
      dealersByFarm.set(f.farm as string, (dealersByFarm.get(f.farm as string) ?? new Set()).add(reg?.dealer_id as string));
    }
    expect([...dealersByFarm.values()].every((d) => d.size === 1)).toBe(true);
  });

  it('keeps M2M SIMs data-only and static', () => {
    const m2m = new Set(truth.confounders.filter((c) => c.kind === 'm2m').map((c) => c.imsi as string));
    const cellsBySim = new Map<string, Set<string>>();
    for (const r of rows) if (m2m.has(r.imsi as string)) cellsBySim.set(r.imsi as string, (cellsBySim.get(r.imsi as string) ?? new Set()).add(`${r.event}|${r.cell_id}`));
    expect(cellsBySim.size).toBe(m2m.size);
    expect([...cellsBySim.values()].every((s) => s.size === 1 && [...s][0]?.startsWith('data|'))).toBe(true);
  });

  it('backs every tcg_bypass entry with a test call whose observed CLI is the farm SIM', () => {
    const tcg = truth.fraud.filter((f) => f.type === 'tcg_bypass');
    expect(tcg.length).toBeGreaterThan(0);
    for (const f of tcg) {
      const call = testCalls.find((t) => t.observed_cli === f.subject.value);
      expect(call).toBeDefined();
      expect(call?.original_cli).not.toBe(call?.observed_cli);
      expect(truth.fraud.some((s) => s.type === 'simbox' && s.subject.value === f.subject.value)).toBe(true);
    }
    const clean = testCalls.filter((t) => t.observed_cli === t.original_cli);
    expect(clean.length).toBeGreaterThan(0);
  });

  it('rings wangiri victims from foreign numbers for 1–3 s, and silences the cut sites', () => {
    for (const f of truth.fraud.filter((x) => x.type === 'wangiri' && x.subject.kind === 'msisdn')) {
      const rings = rows.filter((r) => r.caller === f.subject.value && r.direction === 'mt');
      expect(rings.length).toBeGreaterThan(5);
      expect(rings.every((r) => r.trunk_in === 'international' && r.answered === 'false' && Number(r.ring_s) <= 3)).toBe(true);
    }
    const windows = [
      ...truth.fraud.filter((f) => f.type === 'site_silence').map((f) => ({ cells: f.cells as string[], from: f.first_fraud_at, to: f.end_at as string })),
      ...truth.maintenance.map((m) => ({ cells: m.cells, from: m.from, to: m.to })),
    ];
    expect(windows.length).toBe(3);
    for (const w of windows) {
      const cells = new Set(w.cells);
      const at = rows.filter((r) => cells.has(r.cell_id as string));
      const inside = at.filter((r) => r.start_time !== undefined && Date.parse(r.start_time) >= Date.parse(w.from) && Date.parse(r.start_time) < Date.parse(w.to));
      expect(at.length).toBeGreaterThan(50);
      expect(inside).toEqual([]);
    }
  });

  it('registers junk-SIM subjects with many SIMs in subscribers.csv', () => {
    const junk = truth.fraud.filter((f) => f.type === 'junk_sim');
    expect(junk.some((f) => f.subject.kind === 'id_hash')).toBe(true);
    expect(junk.some((f) => f.subject.kind === 'dealer')).toBe(true);
    for (const f of junk) {
      const column = f.subject.kind === 'dealer' ? 'dealer_id' : 'id_hash';
      expect(subscribers.filter((s) => s[column] === f.subject.value).length).toBeGreaterThanOrEqual(5);
    }
  });

  it('lists confounders that exist, act, and are never fraud subjects', () => {
    const kinds = new Set(truth.confounders.map((c) => c.kind));
    for (const k of ['call_centre', 'telemarketer', 'delivery_driver', 'dual_sim', 'm2m', 'bank_otp', 'night_shift', 'maintenance']) expect(kinds.has(k), k).toBe(true);
    const fraudNumbers = new Set(truth.fraud.map((f) => f.subject.value));
    const byMsisdn = new Map(subscribers.map((s) => [s.msisdn, s]));
    const moCount = new Map<string, number>();
    for (const r of rows) if (r.direction === 'mo') moCount.set(r.caller as string, (moCount.get(r.caller as string) ?? 0) + 1);
    for (const c of truth.confounders) {
      if (c.msisdn === undefined) continue;
      expect(fraudNumbers.has(c.msisdn)).toBe(false);
      expect(byMsisdn.get(c.msisdn)?.imsi).toBe(c.imsi);
      if (['call_centre', 'telemarketer', 'm2m', 'bank_otp'].includes(c.kind)) expect(byMsisdn.get(c.msisdn)?.customer_type).toBe('enterprise');
    }
    const centre = truth.confounders.find((c) => c.kind === 'call_centre');
    expect(moCount.get(centre?.msisdn as string) ?? 0).toBeGreaterThan(50);
    const dual = truth.confounders.filter((c) => c.kind === 'dual_sim');
    const imeis = new Map<string, Set<string>>();
    for (const c of dual) imeis.set(c.imei as string, (imeis.get(c.imei as string) ?? new Set()).add(c.imsi as string));
    expect([...imeis.values()].every((s) => s.size === 2)).toBe(true);
  });

  it('writes cells with real province names and several districts each', () => {
    const cells = parseCsv(readFileSync(run.files.cells, 'utf8').replace(/"/g, ''));
    const provinces = new Map<string, Set<string>>();
    for (const c of cells) provinces.set(c.province as string, (provinces.get(c.province as string) ?? new Set()).add(c.district as string));
    expect(provinces.has('Hà Nội')).toBe(true);
    expect(provinces.has('Hồ Chí Minh')).toBe(true);
    expect([...provinces.values()].every((d) => d.size >= 3)).toBe(true);
    const known = new Set(cells.map((c) => c.cell_id));
    expect(rows.every((r) => known.has(r.cell_id as string))).toBe(true);
  });
});

describe('simulate options', () => {
  it('writes JSON Lines with the same fields when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-j-'));
    try {
      const progress: number[] = [];
      const r = await simulate({ subscribers: 600, days: 1, seed: 2, format: 'jsonl', gzip: false, outDir: dir, onProgress: (p) => progress.push(p.simulatedMs) });
      expect(progress.length).toBeGreaterThanOrEqual(24);
      expect(progress.at(-1)).toBe(86_400_000);
      expect([...progress].sort((a, b) => a - b)).toEqual(progress);
      expect(r.files.cdr[0]).toMatch(/cdr-2026-11-02\.jsonl$/);
      const lines = readFileSync(r.files.cdr[0] as string, 'utf8').split('\n').filter((l) => l !== '');
      expect(lines.length).toBe(r.records);
      for (const line of lines.slice(0, 5000)) {
        const obj = JSON.parse(line) as Record<string, unknown>;
        const row = Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, String(v)]));
        expect(cdrProblems(row)).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams the same records through generateCdrs without writing files', () => {
    const take = (): string[] => {
      const out: string[] = [];
      for (const r of generateCdrs({ seed: 3, subscribers: 500, days: 1 })) {
        out.push(r.record_id);
        if (out.length === 2000) break;
      }
      return out;
    };
    const first = take();
    expect(first.length).toBe(2000);
    expect(take()).toEqual(first);
  });

  it('rejects bad options with a message naming the field', async () => {
    await expect(simulate({ seed: 1, outDir: '/tmp/x', subscribers: 10 })).rejects.toThrow(/subscribers/);
    await expect(simulate({ seed: 1, outDir: '/tmp/x', scenario: 'nope' as never })).rejects.toThrow(/scenario/);
    await expect(simulate({ seed: 1, outDir: '/tmp/x', start: '2026-11-02' })).rejects.toThrow(/start/);
  });
});
