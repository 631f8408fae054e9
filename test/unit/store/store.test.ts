import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../core/finding.js';
import { Store, type DailyFeatureColumns } from '../../../store/index.js';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'simbox:452-04:452040000000001:1',
    type: 'simbox',
    severity: 'medium',
    score: 0.6,
    subject: { kind: 'imsi', value: '452040000000001' },
    related: [{ kind: 'imei', value: '356938035643809' }],
    operator: '452-04',
    province: 'Ha Noi',
    district: 'Cau Giay',
    first_event_at: '2026-11-20T01:00:00.000Z',
    detected_at: '2026-11-20T02:00:00.000Z',
    evidence: { calleeCount: 140, nightShare: 0.4, sample_record_ids: ['r1', 'r2'] },
    detector: 'simbox@1',
    ...overrides,
  };
}

function dailyFeatures(days: string[], imsis: string[]): DailyFeatureColumns {
  const n = days.length;
  const counts = (base: number) => Uint32Array.from({ length: n }, (_, i) => base + i);
  return {
    length: n, day: days, operator: days.map(() => '452-04'), imsi: imsis, msisdn: imsis.map((imsi) => `8490${imsi.slice(-7)}`),
    moVoice: counts(10), mtVoice: counts(3), moVoiceAnswered: counts(7), moDurationS: Float64Array.from({ length: n }, (_, i) => 61.5 * (i + 1)),
    moSms: counts(1), mtSms: counts(2), dataSessions: counts(4), dataBytes: Float64Array.from({ length: n }, (_, i) => 2 ** 40 + i),
    nightMoVoice: counts(0), intlMoVoice: counts(0), distinctCallees: counts(9), distinctCells: counts(2), distinctImeis: counts(1),
    calleesNoCallback: counts(5),
  };
}

describe('Store', () => {
  let dir: string;
  let path: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'telsentry-store-'));
    path = join(dir, 'nested', 'telsentry.duckdb');
    store = await Store.open(path);
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one row per id with the latest version, across and within calls', async () => {
    await store.upsertFindings([finding()]);
    const later = finding({ score: 0.93, severity: 'high', detected_at: '2026-11-20T03:00:00.000Z', evidence: { calleeCount: 300 } });
    await store.upsertFindings([later, finding({ score: 0.1, detected_at: '2026-11-20T02:30:00.000Z' })]);
    const all = await store.listStoredFindings();
    expect(all).toHaveLength(1);
    expect(all[0]!.finding).toEqual(later);
    expect(all[0]!.version).toBe(2);
    // an older version arriving afterwards (replay) does not overwrite the newer one
    await store.upsertFindings([finding()]);
    expect(await store.getFinding(later.id)).toEqual(later);
    // same detected_at within one batch: the last one in the batch wins
    const a = finding({ id: 'x', score: 0.2 });
    const b = finding({ id: 'x', score: 0.8 });
    await store.upsertFindings([a, b]);
    expect((await store.getFinding('x'))?.score).toBe(0.8);
  });

  it('filters by type, severity, operator, province, subject and time, and pages', async () => {
    const rows: Finding[] = [];
    for (let i = 0; i < 25; i++) {
      rows.push(finding({
        id: `f${String(i).padStart(2, '0')}`,
        type: i % 2 === 0 ? 'simbox' : 'sms_spam',
        severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4]!,
        operator: i % 3 === 0 ? '452-01' : '452-04',
        province: i < 10 ? 'Ha Noi' : 'Da Nang',
        subject: { kind: 'msisdn', value: `849000000${String(i).padStart(2, '0')}` },
        detected_at: new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString(),
      }));
    }
    await store.upsertFindings(rows);
    expect((await store.listFindings({ types: ['sms_spam'] })).every((f) => f.type === 'sms_spam')).toBe(true);
    expect(await store.listFindings({ types: ['sms_spam'] })).toHaveLength(12);
    expect(await store.listFindings({ operators: ['452-01'] })).toHaveLength(9);
    expect(await store.listFindings({ provinces: ['Da Nang'], severities: ['critical'] })).toHaveLength(4);
    expect(await store.listFindings({ minSeverity: 'high' })).toHaveLength(12);
    expect((await store.listFindings({ subject: { kind: 'msisdn', value: '84900000007' } })).map((f) => f.id)).toEqual(['f07']);
    const from = Date.UTC(2026, 10, 20, 0, 5);
    const to = Date.UTC(2026, 10, 20, 0, 8);
    expect((await store.listFindings({ detectedFromMs: from, detectedToMs: to })).map((f) => f.id)).toEqual(['f07', 'f06', 'f05']);

    const seen: string[] = [];
    let after: { detectedMs: number; id: string } | undefined;
    for (let page = 0; page < 10; page++) {
      const batch = await store.listStoredFindings({ limit: 10, ...(after ? { after } : {}) });
      seen.push(...batch.map((s) => s.finding.id));
      if (batch.length < 10) break;
      const last = batch[batch.length - 1]!;
      after = { detectedMs: last.detectedMs, id: last.finding.id };
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('f24');
    await expect(store.listFindings({ limit: 100_000 })).rejects.toThrow(/limit must be an integer/);
  });

  it('keeps an analyst status when the finding is updated again', async () => {
    await store.upsertFindings([finding()]);
    expect(await store.setFindingStatus(finding().id, 'confirmed', 'officer-7', 'test call proves bypass')).toBe(true);
    expect(await store.setFindingStatus('missing', 'dismissed', 'x', 'y')).toBe(false);
    await store.upsertFindings([finding({ detected_at: '2026-11-20T05:00:00.000Z', score: 0.99 })]);
    const stored = await store.getStoredFinding(finding().id);
    expect(stored?.status).toBe('confirmed');
    expect(stored?.statusBy).toBe('officer-7');
    expect(stored?.finding.score).toBe(0.99);
  });

  it('rejects a finding with a bad time, naming the id and field, and writes nothing of the batch', async () => {
    await expect(store.upsertFindings([finding({ id: 'ok' }), finding({ id: 'bad', detected_at: 'yesterday' })]))
      .rejects.toThrow(/finding bad: detected_at must be ISO-8601/);
    expect(await store.listFindings()).toHaveLength(0);
  });

  it('round-trips daily features and late records, in more than one data chunk', async () => {
    const n = 5000;
    const days = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '2026-11-20' : '2026-11-21'));
    const imsis = Array.from({ length: n }, (_, i) => `45204${String(i).padStart(10, '0')}`);
    await store.appendDailyFeatures(dailyFeatures(days, imsis));
    const [summary] = await store.connections.read(
      `SELECT count(*)::INTEGER AS n, sum(mo_voice)::DOUBLE AS mo, max(data_bytes) AS bytes, min(day)::VARCHAR AS first_day FROM daily_features`, {});
    expect(summary).toEqual({ n, mo: n * 10 + (n * (n - 1)) / 2, bytes: 2 ** 40 + n - 1, first_day: '2026-11-20' });
    const [row] = await store.connections.read(`SELECT * EXCLUDE (day), day::VARCHAR AS day FROM daily_features WHERE imsi = $imsi`, { imsi: imsis[4321]! });
    expect(row).toMatchObject({ day: '2026-11-21', mo_voice: 4331, mo_duration_s: 61.5 * 4322, callees_no_callback: 4326, msisdn: '84900004321' });

    await store.appendLateRecords({
      length: 2, recordId: ['r1', 'r2'], operator: ['452-04', '452-04'], startMs: Float64Array.of(1_763_600_000_123, 1_763_600_001_000),
      imsi: ['452040000000001', '452040000000002'], event: ['voice', 'sms'], direction: ['mo', 'mt'], caller: ['84901', '84902'],
      callee: ['84903', '84904'], receivedLateByMs: Float64Array.of(7_200_000, 9_000_000),
    });
    const late = await store.connections.read(`SELECT record_id, start_ms FROM late_records ORDER BY record_id`, {});
    expect(late).toEqual([{ record_id: 'r1', start_ms: 1_763_600_000_123n }, { record_id: 'r2', start_ms: 1_763_600_001_000n }]);
  });

  it('keeps one copy of late records written again (read again after a crash), keyed by operator and record id', async () => {
    const late = (ids: string[], operator: string, lateByMs: number) => ({
      length: ids.length, recordId: ids, operator: ids.map(() => operator), startMs: Float64Array.from(ids, () => 1_763_600_000_000),
      imsi: ids.map(() => '452040000000001'), event: ids.map(() => 'voice'), direction: ids.map(() => 'mo'), caller: ids.map(() => '84901'),
      callee: ids.map(() => '84903'), receivedLateByMs: Float64Array.from(ids, () => lateByMs),
    });
    await store.appendLateRecords(late(['r1', 'r2'], '452-04', 1_000));
    await store.appendLateRecords(late(['r2', 'r3'], '452-04', 2_000)); // r2 again: replaced, not doubled
    await store.appendLateRecords(late(['r1'], '452-01', 3_000)); // same record id of another operator: kept apart
    const rows = await store.connections.read(`SELECT operator, record_id, received_late_by_ms FROM late_records ORDER BY operator, record_id`, {});
    expect(rows).toEqual([
      { operator: '452-01', record_id: 'r1', received_late_by_ms: 3_000n },
      { operator: '452-04', record_id: 'r1', received_late_by_ms: 1_000n },
      { operator: '452-04', record_id: 'r2', received_late_by_ms: 2_000n },
      { operator: '452-04', record_id: 'r3', received_late_by_ms: 2_000n },
    ]);
  });

  it('rejects short columns and bad days with a message naming the column', async () => {
    const rows = dailyFeatures(['2026-11-20', '2026-11-20'], ['1', '2']);
    await expect(store.appendDailyFeatures({ ...rows, moSms: new Uint32Array(1) })).rejects.toThrow(/DailyFeatureColumns.moSms has 1 values/);
    await expect(store.appendDailyFeatures({ ...rows, day: ['2026-11-20', '20/11/2026'] })).rejects.toThrow(/day\[1\] must be a YYYY-MM-DD/);
  });

  it('keeps data after close and reopen', async () => {
    await store.upsertFindings([finding()]);
    await store.appendDailyFeatures(dailyFeatures(['2026-11-20'], ['452040000000001']));
    await store.close();
    store = await Store.open(path);
    expect(await store.getFinding(finding().id)).toEqual(finding());
    const [count] = await store.connections.read('SELECT count(*)::INTEGER AS n FROM daily_features', {});
    expect(count).toEqual({ n: 1 });
  });

  it('opens an in-memory store', async () => {
    const memory = await Store.open(':memory:');
    await memory.upsertFindings([finding()]);
    expect(await memory.listFindings()).toHaveLength(1);
    await memory.close();
  });
});
