import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDictionaries } from '../../../core/dictionary.js';
import { IngestStats, readCdrs, readCells, readSubscribers, readTestCalls } from '../../../ingest/index.js';
import { generateBlind, type BlindOutput } from '../../../eval/blind/generate.js';

// A small population keeps the test quick; the scenario SIMs (farms, confounders) are all still there.
const SUBSCRIBERS = 1200;

describe('blind scenario generator', () => {
  let dirA: string;
  let dirB: string;
  let dirC: string;
  let a: BlindOutput;

  beforeAll(() => {
    dirA = mkdtempSync(join(tmpdir(), 'blind-a-'));
    dirB = mkdtempSync(join(tmpdir(), 'blind-b-'));
    dirC = mkdtempSync(join(tmpdir(), 'blind-c-'));
    a = generateBlind(dirA, 7, SUBSCRIBERS);
    generateBlind(dirB, 7, SUBSCRIBERS);
    generateBlind(dirC, 8, SUBSCRIBERS);
  }, 180_000); // a generous limit for a shared 2-core machine, not a speed check
  afterAll(() => { for (const d of [dirA, dirB, dirC]) rmSync(d, { recursive: true, force: true }); });

  it('is deterministic for a seed and differs across seeds', () => {
    for (const name of ['cdr-day1.csv.gz', 'cdr-day2.csv.gz', 'subscribers.csv', 'truth.json', 'test_calls.csv']) {
      const bytesA = readFileSync(join(dirA, name));
      expect(bytesA.equals(readFileSync(join(dirB, name))), name).toBe(true);
    }
    expect(gunzipSync(readFileSync(join(dirA, 'cdr-day1.csv.gz'))).equals(gunzipSync(readFileSync(join(dirC, 'cdr-day1.csv.gz'))))).toBe(false);
  });

  it('writes Contract 1 files the readers accept with zero rejects', { timeout: 120_000 }, async () => {
    const stats = new IngestStats();
    const dictionaries = createDictionaries();
    let rows = 0;
    for (const file of a.cdrFiles) {
      for await (const batch of readCdrs(file, { homeCountryCode: '84', dictionaries, stats })) rows += batch.length;
    }
    expect(stats.rejectedTotal).toBe(0);
    expect(stats.duplicates).toBe(0);
    expect(rows).toBe(a.truth.records);
    const side = new IngestStats();
    const subs = await readSubscribers(a.subscribersFile, { homeCountryCode: '84', stats: side });
    const cells = await readCells(a.cellsFile, { homeCountryCode: '84', stats: side });
    const tests = await readTestCalls(a.testCallsFile, { homeCountryCode: '84', stats: side });
    expect(side.rejectedTotal).toBe(0);
    expect(subs.length).toBe(a.truth.subscribers);
    expect(cells.length).toBeGreaterThan(0);
    expect(tests.length).toBeGreaterThan(0);
  });

  it('puts every fraudulent subject in the CDRs, with a first event time', () => {
    const text = a.cdrFiles.map((f) => gunzipSync(readFileSync(f)).toString('utf8')).join('');
    const cells = readFileSync(a.cellsFile, 'utf8');
    const subscribers = readFileSync(a.subscribersFile, 'utf8');
    const types = new Set(a.truth.subjects.map((s) => s.type));
    for (const t of ['simbox', 'tcg_bypass', 'mass_calling', 'sms_spam', 'wangiri', 'irsf', 'site_silence', 'junk_sim']) expect(types.has(t as never), t).toBe(true);
    for (const s of a.truth.subjects) {
      if (s.kind === 'msisdn') expect(text.includes(`,${s.value},`), `${s.type} ${s.value}`).toBe(true);
      else if (s.kind === 'site') expect(cells.includes(`,${s.value},`)).toBe(true);
      else expect(subscribers.includes(`,${s.value}`), `${s.kind} ${s.value}`).toBe(true);
      expect(Number.isNaN(Date.parse(s.first_event_at)), `${s.type} ${s.value}`).toBe(false);
    }
    // The farm sizes the brief asks for.
    const simbox = a.truth.subjects.filter((s) => s.type === 'simbox');
    const count = (scenario: string): number => simbox.filter((s) => s.scenario === scenario).length;
    expect([count('farm-4'), count('farm-12-postpaid'), count('farm-48-3cells'), count('farm-150')]).toEqual([4, 12, 48, 150]);
  });
});
