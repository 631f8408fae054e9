import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../core/finding.js';
import { readProfile, Store } from '../../../store/index.js';

const OPERATOR = '452-04';
const NUMBER = '84912345678';
const IMSI_OLD = '452040000000001';
const IMSI_NEW = '452040000000002';
const IMEI = '356938035643809';
const OTHER_IMSI = '452040000000099';
const OTHER_NUMBER = '84900000099';

function finding(id: string, subject: Finding['subject'], related: Finding['related'], detectedAt: string): Finding {
  return {
    id, type: 'simbox', severity: 'high', score: 0.9, subject, related, operator: OPERATOR, province: 'Ha Noi', district: 'Cau Giay',
    first_event_at: '2026-11-20T01:00:00.000Z', detected_at: detectedAt, evidence: { calleeCount: 140 }, detector: 'simbox@1',
  };
}

const u = (...values: number[]): Uint32Array => Uint32Array.from(values);
const who = (rows: [day: string, imsi: string, msisdn: string][]) => ({
  length: rows.length, day: rows.map((r) => r[0]), operator: rows.map(() => OPERATOR), imsi: rows.map((r) => r[1]), msisdn: rows.map((r) => r[2]),
});

/** One number moved from IMSI_OLD to IMSI_NEW (same handset); another subscriber shares the tables. */
async function seed(store: Store): Promise<void> {
  const featureRows: [string, string, string][] = [
    ['2026-11-17', IMSI_OLD, NUMBER], ['2026-11-18', IMSI_OLD, NUMBER], ['2026-11-19', IMSI_NEW, NUMBER], ['2026-11-20', IMSI_NEW, NUMBER],
    ['2026-11-20', OTHER_IMSI, OTHER_NUMBER],
  ];
  const n = featureRows.length;
  const counts = (base: number) => Uint32Array.from({ length: n }, (_, i) => base + i);
  await store.appendDailyFeatures({
    ...who(featureRows), moVoice: counts(100), mtVoice: counts(1), moVoiceAnswered: counts(1), moDurationS: new Float64Array(n), moSms: counts(0),
    mtSms: counts(0), dataSessions: counts(0), dataBytes: new Float64Array(n), nightMoVoice: counts(0), intlMoVoice: counts(0),
    distinctCallees: counts(5), distinctCells: counts(1), distinctImeis: counts(1), calleesNoCallback: counts(0),
  });
  const contactRows: [string, string, string][] = [['2026-11-17', IMSI_OLD, NUMBER], ['2026-11-18', IMSI_OLD, NUMBER], ['2026-11-19', IMSI_NEW, NUMBER], ['2026-11-20', IMSI_NEW, NUMBER], ['2026-11-20', IMSI_NEW, NUMBER], ['2026-11-20', OTHER_IMSI, OTHER_NUMBER]];
  await store.appendDailyContacts({
    ...who(contactRows), contact: ['84911110000', '84922220000', '84933330000', '84933330000', '84944440000', NUMBER],
    callsOut: u(50, 3, 4, 5, 1, 7), callsIn: u(0, 0, 0, 1, 0, 0), smsOut: u(0, 0, 0, 0, 2, 0), smsIn: u(0, 0, 0, 0, 0, 0), durationS: new Float64Array(6),
  });
  await store.appendDailyPlaces('daily_cells', { ...who([['2026-11-17', IMSI_OLD, NUMBER], ['2026-11-20', IMSI_NEW, NUMBER], ['2026-11-20', OTHER_IMSI, OTHER_NUMBER]]), key: ['452-04-1-1', '452-04-1-2', '452-04-1-3'], events: u(9, 8, 7) });
  await store.appendDailyPlaces('daily_devices', { ...who([['2026-11-18', IMSI_OLD, NUMBER], ['2026-11-20', IMSI_NEW, NUMBER], ['2026-11-20', OTHER_IMSI, OTHER_NUMBER]]), key: [IMEI, IMEI, '356938035640000'], events: u(4, 6, 2) });
  await store.upsertCells([{ cellId: '452-04-1-2', siteId: 'HN-0002', lat: null, lon: null, province: 'Ha Noi', district: 'Ba Dinh' }]);
  await store.upsertFindings([
    finding('as-subject', { kind: 'imsi', value: IMSI_NEW }, [], '2026-11-20T02:00:00.000Z'),
    finding('as-related', { kind: 'cell', value: '452-04-1-2' }, [{ kind: 'msisdn', value: NUMBER }], '2026-11-20T03:00:00.000Z'),
    finding('about-another', { kind: 'imsi', value: OTHER_IMSI }, [{ kind: 'imei', value: '356938035640000' }], '2026-11-20T04:00:00.000Z'),
  ]);
}

describe('readProfile', () => {
  let dir: string;
  let path: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'telsentry-profile-'));
    path = join(dir, 'telsentry.duckdb');
    store = await Store.open(path);
    await seed(store);
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('assembles a number\'s profile over every IMSI it used, oldest day first', async () => {
    const profile = await readProfile(store, { kind: 'msisdn', value: NUMBER, historyDays: 30, topContacts: 20 });
    expect(profile.identities).toEqual([{ imsi: IMSI_OLD, msisdn: NUMBER, operator: OPERATOR }, { imsi: IMSI_NEW, msisdn: NUMBER, operator: OPERATOR }]);
    expect(profile.history.map((row) => [row.day, row.imsi, Number(row.mo_voice)])).toEqual([
      ['2026-11-17', IMSI_OLD, 100], ['2026-11-18', IMSI_OLD, 101], ['2026-11-19', IMSI_NEW, 102], ['2026-11-20', IMSI_NEW, 103],
    ]);
    // contacts summed over days per IMSI, most calls first; another subscriber's rows never leak in
    expect(profile.contacts.map((row) => [row.number, Number(row.calls_out), Number(row.calls_in), Number(row.days)])).toEqual([
      ['84911110000', 50, 0, 1], ['84933330000', 9, 1, 2], ['84922220000', 3, 0, 1], ['84944440000', 1, 0, 1],
    ]);
    expect(profile.cells).toEqual(expect.arrayContaining([
      expect.objectContaining({ cell_id: '452-04-1-1', province: '', site_id: '' }),
      expect.objectContaining({ cell_id: '452-04-1-2', province: 'Ha Noi', district: 'Ba Dinh', site_id: 'HN-0002', first_day: '2026-11-20' }),
    ]));
    expect(profile.cells).toHaveLength(2);
    expect(profile.devices.map((row) => [row.imei, row.imsi, Number(row.events)])).toEqual([[IMEI, IMSI_OLD, 4], [IMEI, IMSI_NEW, 6]]);
    expect(profile.findings.map((stored) => stored.finding.id)).toEqual(['as-related', 'as-subject']);
  });

  it('limits history to the newest days per IMSI and reads contacts, cells and devices from the oldest of them', async () => {
    const profile = await readProfile(store, { kind: 'imsi', value: IMSI_NEW, historyDays: 1, topContacts: 1 });
    expect(profile.identities).toEqual([{ imsi: IMSI_NEW, msisdn: NUMBER, operator: OPERATOR }]);
    expect(profile.history.map((row) => row.day)).toEqual(['2026-11-20']);
    expect(profile.contacts.map((row) => [row.number, Number(row.days)])).toEqual([['84933330000', 1]]);
    expect(profile.cells.map((row) => row.cell_id)).toEqual(['452-04-1-2']);
    expect(profile.devices.map((row) => row.imsi)).toEqual([IMSI_NEW]);
  });

  it('finds the SIMs of a handset by IMEI', async () => {
    const profile = await readProfile(store, { kind: 'imei', value: IMEI, historyDays: 30, topContacts: 20 });
    expect(profile.identities.map((id) => id.imsi)).toEqual([IMSI_OLD, IMSI_NEW]);
    expect(profile.history).toHaveLength(4);
  });

  it('returns an empty profile for an unknown subject, and an IMSI\'s findings even without daily rows', async () => {
    const unknown = await readProfile(store, { kind: 'msisdn', value: '84999999999', historyDays: 30, topContacts: 20 });
    expect(unknown).toEqual({ identities: [], history: [], contacts: [], cells: [], devices: [], findings: [] });
    await store.upsertFindings([finding('fresh-sim', { kind: 'imsi', value: '452040000000777' }, [], '2026-11-21T00:00:00.000Z')]);
    const fresh = await readProfile(store, { kind: 'imsi', value: '452040000000777', historyDays: 30, topContacts: 20 });
    expect(fresh.history).toEqual([]);
    expect(fresh.findings.map((stored) => stored.finding.id)).toEqual(['fresh-sim']);
  });

  it('follows a finding whose related subjects change, and ignores a stale version that loses the merge', async () => {
    await store.upsertFindings([finding('as-related', { kind: 'cell', value: '452-04-1-2' }, [{ kind: 'msisdn', value: OTHER_NUMBER }], '2026-11-20T05:00:00.000Z')]);
    expect((await readProfile(store, { kind: 'msisdn', value: NUMBER, historyDays: 30, topContacts: 20 })).findings.map((s) => s.finding.id)).toEqual(['as-subject']);
    await store.upsertFindings([finding('as-related', { kind: 'cell', value: '452-04-1-2' }, [{ kind: 'msisdn', value: NUMBER }], '2026-11-20T01:00:00.000Z')]);
    expect((await readProfile(store, { kind: 'msisdn', value: OTHER_NUMBER, historyDays: 30, topContacts: 20 })).findings.map((s) => s.finding.id)).toEqual(['as-related', 'about-another']);
    expect((await readProfile(store, { kind: 'msisdn', value: NUMBER, historyDays: 30, topContacts: 20 })).findings.map((s) => s.finding.id)).toEqual(['as-subject']);
  });

  it('rebuilds the finding subjects of a store written before they were kept', async () => {
    await store.write((connection) => connection.run('DELETE FROM finding_subjects'));
    await store.close();
    store = await Store.open(path);
    const profile = await readProfile(store, { kind: 'msisdn', value: NUMBER, historyDays: 30, topContacts: 20 });
    expect(profile.findings.map((stored) => stored.finding.id)).toEqual(['as-related', 'as-subject']);
  });

  it('rebuilds profile days from the daily tables for a store written before they were kept, with the same profile', async () => {
    const lookups = [
      { kind: 'msisdn', value: NUMBER, historyDays: 30, topContacts: 20 },
      { kind: 'imsi', value: IMSI_NEW, historyDays: 1, topContacts: 1 },
      { kind: 'imei', value: IMEI, historyDays: 30, topContacts: 20 },
    ] as const;
    const before = await Promise.all(lookups.map((query) => readProfile(store, query)));
    await store.write((connection) => connection.run('DELETE FROM profile_days'));
    expect(await readProfile(store, lookups[0])).toMatchObject({ history: [], contacts: [] });
    await store.close();
    store = await Store.open(path);
    const after = await Promise.all(lookups.map((query) => readProfile(store, query)));
    expect(after).toEqual(before);
  });

  it('gives the provinces of cells stored after an earlier lookup (the cell directory is refreshed on write)', async () => {
    const lookup = { kind: 'msisdn', value: NUMBER, historyDays: 30, topContacts: 20 } as const;
    expect((await readProfile(store, lookup)).cells.find((cell) => cell.cell_id === '452-04-1-1')).toMatchObject({ province: '' });
    await store.upsertCells([{ cellId: '452-04-1-1', siteId: 'HN-0001', lat: 21.03, lon: 105.85, province: 'Ha Noi', district: 'Hoan Kiem' }]);
    expect((await readProfile(store, lookup)).cells.find((cell) => cell.cell_id === '452-04-1-1')).toMatchObject({ province: 'Ha Noi', district: 'Hoan Kiem', site_id: 'HN-0001' });
  });

  it('keeps one copy of a day written again (replay after a crash), in the profile as in the daily tables', async () => {
    const lookup = { kind: 'msisdn', value: NUMBER, historyDays: 30, topContacts: 20 } as const;
    const { findings: _seen, ...before } = await readProfile(store, lookup);
    await seed(store); // every daily table again (the findings too: their version counts up, as it should)
    const { findings: _again, ...after } = await readProfile(store, lookup);
    expect(after).toEqual(before);
    expect(after.history).toHaveLength(4);
  });

  it('reads profile days, identities and finding subjects by index scan, not by scanning all subscribers', async () => {
    interface PlanNode { operator_type?: string; extra_info?: Record<string, unknown>; children?: PlanNode[] }
    /** `table:Index` or `table:Sequential` for every table scan DuckDB ran (EXPLAIN ANALYZE, JSON). */
    const scans = async (name: string, params: Parameters<Store['read']>[1]): Promise<string[]> => {
      const [row] = await store.connections.read(`EXPLAIN (ANALYZE, FORMAT json) ${store.sqlText(name)}`, params);
      const found: string[] = [];
      const walk = (node: PlanNode): void => {
        if (node.operator_type === 'TABLE_SCAN') found.push(`${String(node.extra_info?.Table).split('.').pop()}:${String(node.extra_info?.Type).split(' ')[0]}`);
        node.children?.forEach(walk);
      };
      walk(JSON.parse(String(row!.explain_value)) as PlanNode);
      return found.sort();
    };
    // As in a real store, finding_subjects is far larger than one subscriber's values: the join then reads it by index
    // (on a handful of rows DuckDB rightly builds the hash table on the table and scans it whole).
    const others = Array.from({ length: 2_000 }, (_, k) => finding(`other-${k}`, { kind: 'imsi', value: `45204100${String(k).padStart(7, '0')}` },
      [{ kind: 'msisdn', value: `8497${String(k).padStart(7, '0')}` }], '2026-11-20T06:00:00.000Z'));
    await store.upsertFindings(others);
    expect(await scans('profile_lookup_by_imsi', { value: IMSI_NEW })).toEqual(['finding_subjects:Index', 'profile_days:Index']);
    expect(await scans('profile_lookup_by_msisdn', { value: NUMBER })).toEqual(['daily_features:Index', 'finding_subjects:Index', 'profile_days:Index']);
    expect(await scans('profile_lookup_by_imei', { value: IMEI })).toEqual(['daily_devices:Index', 'finding_subjects:Index', 'profile_days:Index']);
    // an unknown value: nothing to join, and still no full scan
    expect((await scans('profile_lookup_by_msisdn', { value: '84999999999' })).filter((scan) => !scan.endsWith(':Index'))).toEqual([]);
  });
});
