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
