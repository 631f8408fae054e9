import { describe, expect, it } from 'vitest';
import { IngestStats, readCells, readSubscribers, readTestCalls } from '../../../ingest/index.js';
import { FIXTURES, reasonCounts } from './helpers.js';

describe('side feeds', () => {
  it('subscribers: | delimiter, numbers normalised, optional fields empty', async () => {
    const stats = new IngestStats();
    const subscribers = await readSubscribers(FIXTURES + 'subscribers.csv', { homeCountryCode: '84', stats });
    expect(subscribers).toEqual([
      { msisdn: '84912345678', imsi: '452040000000001', operator: '452-04', activatedAtMs: Date.parse('2026-11-01T01:00:00Z'), plan: 'prepaid', customerType: 'individual', dealerId: 'D-17', idHash: '9f2c' },
      { msisdn: '84987654321', imsi: '452040000000002', operator: '452-04', activatedAtMs: 1_793_404_800_000, plan: 'postpaid', customerType: 'enterprise', dealerId: '', idHash: '' },
    ]);
    expect(stats).toMatchObject({ read: 3, accepted: 2, rejectedTotal: 1 });
    expect(reasonCounts(stats)).toEqual({ 'invalid:msisdn': 1 });
  });

  it('cells: columns in any order, quoted comma in a name, latitude range checked', async () => {
    const stats = new IngestStats();
    const cells = await readCells(FIXTURES + 'cells.csv', { homeCountryCode: '84', stats });
    expect(cells).toEqual([{ cellId: '452-04-1201-33011', siteId: 'HN-0001', lat: 21.0341, lon: 105.8372, province: 'Ha Noi', district: 'Ba Dinh, Q1' }]);
    expect(reasonCounts(stats)).toEqual({ 'invalid:lat': 1 });
  });

  it('test_calls: JSON Lines, epoch or ISO times, naive time rejected', async () => {
    const stats = new IngestStats();
    const calls = await readTestCalls(FIXTURES + 'test_calls.jsonl', { homeCountryCode: '84', stats });
    expect(calls).toEqual([
      { testId: 't-1', calledAtMs: Date.parse('2026-11-23T03:00:00Z'), bNumber: '84912345678', originalCli: '4420794600000', observedCli: '84987654321', route: 'carrier-A' },
      { testId: 't-2', calledAtMs: 1_795_402_800_000, bNumber: '84912345678', originalCli: '4420794600000', observedCli: '4420794600000', route: '' },
    ]);
    expect(reasonCounts(stats)).toEqual({ 'invalid:called_at': 1 });
  });
});

describe('side feeds from in-memory payloads (Kafka messages)', () => {
  it('decodes a CSV message with its header and a JSON Lines message alike, rejects with the file reasons', async () => {
    const { decodeSideFeedBuffer } = await import('../../../ingest/side-feed.js');
    const { SUBSCRIBER_FEED } = await import('../../../ingest/subscribers.js');
    const { TEST_CALL_FEED } = await import('../../../ingest/test-calls.js');
    const stats = new IngestStats();
    const letters: { source: string; line: number; reason: string }[] = [];
    const opts = { homeCountryCode: '84', stats, deadLetters: { write: (l: { source: string; line: number; reason: string }) => void letters.push(l) } };
    const csv = 'msisdn,imsi,operator,activated_at,plan,customer_type\n0912345678,452040000000001,452-04,2026-11-01T01:00:00Z,prepaid,individual\n0912345679,45204XYZ,452-04,2026-11-01T01:00:00Z,prepaid,individual\n';
    const subscribers = decodeSideFeedBuffer(Buffer.from(csv), 'csv', 'subs/0@7', opts, SUBSCRIBER_FEED);
    expect(subscribers.map((s) => [s.msisdn, s.imsi])).toEqual([['84912345678', '452040000000001']]);
    const jsonl = '{"test_id":"t-9","called_at":"2026-11-23T03:00:00Z","b_number":"84912345678","original_cli":"4420794600000","observed_cli":"84987654321"}\n{"test_id":"t-10"}\n';
    const calls = decodeSideFeedBuffer(Buffer.from(jsonl), 'jsonl', 'tc/0@1', opts, TEST_CALL_FEED);
    expect(calls.map((c) => c.testId)).toEqual(['t-9']);
    expect(letters.map((l) => [l.source, l.reason])).toEqual([['subs/0@7', 'invalid:imsi'], ['tc/0@1', 'missing:called_at']]);
    expect(stats).toMatchObject({ read: 4, accepted: 2, rejectedTotal: 2 });
  });

  it('a CSV message without the required header columns is unreadable as a whole, naming the columns', async () => {
    const { decodeSideFeedBuffer } = await import('../../../ingest/side-feed.js');
    const { CELL_FEED } = await import('../../../ingest/cells.js');
    const decode = (): unknown => decodeSideFeedBuffer(Buffer.from('cell_id,site_id\n452-04-1-2,HN-1\n'), 'csv', 'cells/0@0', { homeCountryCode: '84', stats: new IngestStats() }, CELL_FEED);
    expect(decode).toThrow(/cells\/0@0: header lacks required column\(s\) lat, lon/);
  });
});
