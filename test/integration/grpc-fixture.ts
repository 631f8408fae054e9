/**
 * A running API over a temp DuckDB file with a small, known world: two operators' findings,
 * one subscriber's daily features/contacts/cells/devices, and a token per role.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../core/finding.js';
import { ApiClient } from '../../api/client.js';
import { sha256Hex } from '../../api/auth.js';
import { startApiServer, type ApiServer, type ApiServerOptions } from '../../api/server.js';
import type { ProfileSource } from '../../api/profileSource.js';
import { Store } from '../../store/index.js';

export const OPERATOR_A = '452-04';
export const OPERATOR_B = '452-01';
export const SUSPECT_MSISDN = '84912345678';
export const SUSPECT_IMSI = '452040000000042';
export const SUSPECT_IMEI = '356938035643809';
export const CASE = 'HN-2026-0042';

/** token text per role name used in tests (the server only knows their hashes) */
export const TOKENS = {
  admin: 'tok-admin-7f3a',
  analyst: 'tok-analyst-19bc',
  investigator: 'tok-investigator-55de',
  operator: 'tok-operator-a-0a1b',
  operatorB: 'tok-operator-b-2c3d',
} as const;

export function makeFinding(overrides: Partial<Finding> & { id: string }): Finding {
  return {
    type: 'simbox', severity: 'high', score: 0.91,
    subject: { kind: 'imsi', value: SUSPECT_IMSI }, related: [{ kind: 'imei', value: SUSPECT_IMEI }],
    operator: OPERATOR_A, province: 'Ha Noi', district: 'Cau Giay',
    first_event_at: '2026-11-20T01:00:00.000Z', detected_at: '2026-11-20T02:00:00.000Z',
    evidence: { distinctCallees: 140, nightShare: 0.41, sample_record_ids: ['r1', 'r2'] }, detector: 'simbox@1',
    ...overrides,
  };
}

export const SEED_FINDINGS: Finding[] = [
  makeFinding({ id: 'simbox-a-1' }),
  makeFinding({ id: 'spam-a-2', type: 'sms_spam', severity: 'medium', score: 0.7, subject: { kind: 'msisdn', value: '84911111111' }, related: [], detected_at: '2026-11-20T03:00:00.000Z' }),
  makeFinding({ id: 'simbox-b-1', operator: OPERATOR_B, province: 'Da Nang', subject: { kind: 'imsi', value: '452010000000007' }, related: [], detected_at: '2026-11-20T04:00:00.000Z' }),
  makeFinding({ id: 'silence-b-2', type: 'site_silence', severity: 'critical', score: 1, operator: OPERATOR_B, province: 'Da Nang', subject: { kind: 'site', value: 'DN-0042' }, related: [], detected_at: '2026-11-20T05:00:00.000Z' }),
];

export const fakeProfiles: ProfileSource = {
  getWindowFeatures: (kind, value) => (kind === 'msisdn' && value === SUSPECT_MSISDN
    ? [{ window: '1h', features: { moVoice: 57, distinctCallees: 55, nightShare: 0.2 } }, { window: '24h', features: { moVoice: 880, distinctCallees: 790, nightShare: 0.35 } }]
    : []),
};

async function seed(store: Store): Promise<void> {
  await store.upsertFindings(SEED_FINDINGS);
  const days = ['2026-11-19', '2026-11-20'];
  const n = days.length;
  const u = (...values: number[]) => Uint32Array.from(values);
  await store.appendDailyFeatures({
    length: n, day: days, operator: [OPERATOR_A, OPERATOR_A], imsi: [SUSPECT_IMSI, SUSPECT_IMSI], msisdn: [SUSPECT_MSISDN, SUSPECT_MSISDN],
    moVoice: u(700, 880), mtVoice: u(3, 1), moVoiceAnswered: u(400, 520), moDurationS: Float64Array.of(31_000, 40_100),
    moSms: u(0, 0), mtSms: u(1, 0), dataSessions: u(0, 0), dataBytes: Float64Array.of(0, 0), nightMoVoice: u(200, 300),
    intlMoVoice: u(0, 0), distinctCallees: u(650, 790), distinctCells: u(1, 1), distinctImeis: u(1, 1), calleesNoCallback: u(640, 781),
  });
  await store.appendDailyContacts({
    length: 2, day: ['2026-11-20', '2026-11-20'], operator: [OPERATOR_A, OPERATOR_A], imsi: [SUSPECT_IMSI, SUSPECT_IMSI],
    msisdn: [SUSPECT_MSISDN, SUSPECT_MSISDN], contact: ['84987654321', '84900000001'], callsOut: u(9, 1), callsIn: u(0, 0),
    smsOut: u(0, 0), smsIn: u(0, 0), durationS: Float64Array.of(300, 20),
  });
  await store.appendDailyPlaces('daily_cells', { length: 1, day: ['2026-11-20'], operator: [OPERATOR_A], imsi: [SUSPECT_IMSI], msisdn: [SUSPECT_MSISDN], key: ['452-04-1001-77'], events: u(880) });
  await store.appendDailyPlaces('daily_devices', { length: 1, day: ['2026-11-20'], operator: [OPERATOR_A], imsi: [SUSPECT_IMSI], msisdn: [SUSPECT_MSISDN], key: [SUSPECT_IMEI], events: u(880) });
  await store.upsertCells([{ cellId: '452-04-1001-77', siteId: 'HN-0077', lat: 21.03, lon: 105.8, province: 'Ha Noi', district: 'Cau Giay' }]);
}

export interface RunningApi {
  server: ApiServer;
  store: Store;
  dir: string;
  address: string;
  client(token?: string, timeoutMs?: number, separateConnection?: boolean): ApiClient;
  stop(): Promise<void>;
}

export async function startTestApi(extra: Partial<ApiServerOptions> = {}): Promise<RunningApi> {
  const dir = mkdtempSync(join(tmpdir(), 'telsentry-grpc-'));
  const store = await Store.open(join(dir, 'telsentry.duckdb'));
  await seed(store);
  const server = await startApiServer({
    store, port: 0, profiles: fakeProfiles,
    auth: {
      tokens: [
        { sha256: sha256Hex(TOKENS.admin), principal: 'admin@dept', role: 'admin' },
        { sha256: sha256Hex(TOKENS.analyst), principal: 'analyst@dept', role: 'analyst' },
        { sha256: sha256Hex(TOKENS.investigator), principal: 'officer.nguyen@police', role: 'investigator' },
        { sha256: sha256Hex(TOKENS.operator), principal: 'noc@operator-a', role: 'operator', operator: OPERATOR_A },
        { sha256: sha256Hex(TOKENS.operatorB), principal: 'noc@operator-b', role: 'operator', operator: OPERATOR_B },
      ],
    },
    ...extra,
  });
  const address = `127.0.0.1:${server.port}`;
  const clients: ApiClient[] = [];
  return {
    server, store, dir, address,
    client(token, timeoutMs, separateConnection) {
      const client = new ApiClient({ address, separateConnection: separateConnection === true, ...(token === undefined ? {} : { token }), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.close();
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The gRPC status code of a failed call (undefined when it succeeded). */
export async function codeOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: number }).code;
  }
}
