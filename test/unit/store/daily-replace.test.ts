/**
 * Daily tables are written idempotently: after a crash the engine replays from its last
 * checkpoint and writes a day's rows again; the same (day, imsi) must then be stored once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store, type DailyContactColumns, type DailyFeatureColumns, type DailyPlaceColumns } from '../../../store/index.js';

function features(rows: [day: string, imsi: string, moVoice: number][]): DailyFeatureColumns {
  const n = rows.length;
  const zeros = (): Uint32Array => new Uint32Array(n);
  return {
    length: n, day: rows.map((r) => r[0]), operator: rows.map(() => '452-04'), imsi: rows.map((r) => r[1]), msisdn: rows.map((r) => `84${r[1].slice(-9)}`),
    moVoice: Uint32Array.from(rows.map((r) => r[2])), mtVoice: zeros(), moVoiceAnswered: zeros(), moDurationS: new Float64Array(n), moSms: zeros(), mtSms: zeros(),
    dataSessions: zeros(), dataBytes: new Float64Array(n), nightMoVoice: zeros(), intlMoVoice: zeros(), distinctCallees: zeros(), distinctCells: zeros(),
    distinctImeis: zeros(), calleesNoCallback: zeros(),
  };
}

function contacts(day: string, imsi: string, peers: string[]): DailyContactColumns {
  const n = peers.length;
  return {
    length: n, day: peers.map(() => day), operator: peers.map(() => '452-04'), imsi: peers.map(() => imsi), msisdn: peers.map(() => '84900000001'),
    contact: peers, callsOut: new Uint32Array(n).fill(2), callsIn: new Uint32Array(n), smsOut: new Uint32Array(n), smsIn: new Uint32Array(n), durationS: new Float64Array(n),
  };
}

function places(day: string, imsi: string, keys: string[]): DailyPlaceColumns {
  return { length: keys.length, day: keys.map(() => day), operator: keys.map(() => '452-04'), imsi: keys.map(() => imsi), msisdn: keys.map(() => '84900000001'), key: keys, events: new Uint32Array(keys.length).fill(3) };
}

describe('daily tables on replay', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'telsentry-daily-'));
    store = await Store.open(join(dir, 'telsentry.duckdb'));
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = async (query: string): Promise<string[]> =>
    (await store.connections.read(query, {})).map((row) => Object.values(row).map(String).join('|')).sort();

  it('daily_features: a day written again replaces the same subscribers\' rows and keeps the others', async () => {
    await store.appendDailyFeatures(features([['2026-11-20', '452040000000001', 5], ['2026-11-20', '452040000000002', 7]]));
    await store.appendDailyFeatures(features([['2026-11-21', '452040000000001', 1]]));
    await store.appendDailyFeatures(features([['2026-11-20', '452040000000001', 5], ['2026-11-20', '452040000000002', 7]]));
    await store.appendDailyFeatures(features([['2026-11-20', '452040000000002', 8], ['2026-11-20', '452040000000003', 2]]));
    expect(await rows('SELECT day::VARCHAR AS day, imsi, mo_voice FROM daily_features')).toEqual([
      '2026-11-20|452040000000001|5', '2026-11-20|452040000000002|8', '2026-11-20|452040000000003|2', '2026-11-21|452040000000001|1',
    ]);
  });

  it('daily_contacts, daily_cells and daily_devices: the same day and subscriber written twice is stored once', async () => {
    for (let pass = 0; pass < 2; pass++) {
      await store.appendDailyContacts(contacts('2026-11-20', '452040000000001', ['84911111111', '84922222222']));
      await store.appendDailyPlaces('daily_cells', places('2026-11-20', '452040000000001', ['452-04-1-1', '452-04-1-2']));
      await store.appendDailyPlaces('daily_devices', places('2026-11-20', '452040000000001', ['356938035643809']));
    }
    await store.appendDailyContacts(contacts('2026-11-20', '452040000000009', ['84911111111']));
    expect(await rows('SELECT imsi, contact, calls_out FROM daily_contacts')).toEqual([
      '452040000000001|84911111111|2', '452040000000001|84922222222|2', '452040000000009|84911111111|2',
    ]);
    expect(await rows('SELECT cell_id, events FROM daily_cells')).toEqual(['452-04-1-1|3', '452-04-1-2|3']);
    expect(await rows('SELECT imei, events FROM daily_devices')).toEqual(['356938035643809|3']);
  });
});
