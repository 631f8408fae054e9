import { describe, expect, it } from 'vitest';
import { createWatchlistDetector, parseWatchlist } from '../../../../detectors/watchlist/index.js';
import { ReferenceData } from '../../../../engine/reference.js';
import { at, type TestCdr } from '../../../helpers/cdr-builder.js';
import { harness } from '../common/harness.js';

const SUSPECT = { imsi: '452040000000601', msisdn: '84900000601', imei: '35000000000601', cell: '452-04-6-601' };
const OTHER = { imsi: '452040000000602', msisdn: '84900000602', imei: '35000000000602', cell: '452-04-6-602' };
const CLOCK = { imsi: '452040000000909', msisdn: '84900000909' };
const tick = (minute: number): TestCdr => ({ ...CLOCK, at: at(minute), event: 'data', bytes: 1 });

function ref(): ReferenceData {
  const r = new ReferenceData();
  r.addCells([{ cellId: SUSPECT.cell, siteId: 'S6', lat: 10, lon: 106, province: 'Can Tho', district: 'Ninh Kieu' }]);
  return r;
}

describe('watchlist', () => {
  it('raises the moment a watched number appears, with where, on which device and with whom', () => {
    const h = harness([createWatchlistDetector({ entries: [{ kind: 'msisdn', value: '+84900000601' }] })], { reference: ref() });
    h.feed([{ ...OTHER, at: at(0), peer: '84911111111' }, { ...SUSPECT, id: 'call-1', at: at(5) + 12_000, peer: '84922222222' }, tick(7)]);
    const [f, ...rest] = h.ofType('watchlist');
    expect(rest).toHaveLength(0);
    expect(f!.subject).toEqual({ kind: 'msisdn', value: SUSPECT.msisdn });
    expect(f!.detected_at).toBe(new Date(at(5) + 12_000).toISOString());
    expect(f!.province).toBe('Can Tho');
    expect(f!.related).toEqual(expect.arrayContaining([{ kind: 'imei', value: SUSPECT.imei }, { kind: 'imsi', value: SUSPECT.imsi }]));
    expect(f!.evidence.counterparts).toEqual(['84922222222']);
    expect(f!.evidence.sample_record_ids).toEqual(['call-1']);
  });

  it('sees a watched number as the other party of someone else\'s record, and watched IMEIs', () => {
    const h = harness([createWatchlistDetector({ entries: [{ kind: 'msisdn', value: '84933333333' }, { kind: 'imei', value: OTHER.imei }] })]);
    h.feed([{ ...OTHER, at: at(1), dir: 'mt', peer: '84933333333' }, tick(3)]);
    const found = h.ofType('watchlist');
    expect(found.map((f) => f.subject.kind).sort()).toEqual(['imei', 'msisdn']);
    const byNumber = found.find((f) => f.subject.kind === 'msisdn')!;
    expect(byNumber.evidence.appeared_as).toEqual(['other party']);
    expect(byNumber.evidence.counterparts).toEqual([OTHER.msisdn]);
  });

  it('follows add and remove from the API, including for numbers already seen', () => {
    const detector = createWatchlistDetector();
    const h = harness([detector]);
    h.feed([{ ...SUSPECT, at: at(0), peer: '84911111111' }, tick(2)]);
    expect(h.ofType('watchlist')).toHaveLength(0);
    detector.add({ kind: 'imsi', value: SUSPECT.imsi });
    h.feed([{ ...SUSPECT, at: at(3), peer: '84911111111' }, tick(5)]);
    expect(h.ofType('watchlist')).toHaveLength(1);
    expect(detector.remove({ kind: 'imsi', value: SUSPECT.imsi })).toBe(true);
    h.feed([{ ...SUSPECT, at: at(60 * 24), peer: '84911111111' }, tick(60 * 24 + 2)]);
    expect(h.ofType('watchlist')).toHaveLength(1); // no new day's finding after removal
    expect(detector.entries()).toEqual([]);
  });

  it('keeps one finding per entry per local day, updated with the count', () => {
    const h = harness([createWatchlistDetector({ entries: [{ kind: 'msisdn', value: SUSPECT.msisdn }] })]);
    h.feed([...[0, 10, 20].map((m): TestCdr => ({ ...SUSPECT, at: at(m), event: 'sms', peer: '84944444444' })), tick(25)]);
    const found = h.ofType('watchlist');
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence.records_today).toBe(3);
  });

  it('rejects malformed entries with a clear error', () => {
    expect(() => createWatchlistDetector({ entries: [{ kind: 'imsi', value: '12' }] })).toThrow(/watchlist imsi/);
    expect(() => createWatchlistDetector().add({ kind: 'email' as never, value: 'x' })).toThrow(/kind/);
  });

  it('reads a watchlist file and names the bad line', () => {
    expect(parseWatchlist('kind,value\n# case 2026/114\nmsisdn,+84900000601\n\nimei, 35000000000602\n')).toEqual([
      { kind: 'msisdn', value: '84900000601' }, { kind: 'imei', value: '35000000000602' },
    ]);
    expect(() => parseWatchlist('msisdn,84900000601\nimsi,abc\n', 'list.csv')).toThrow(/list.csv:2: watchlist imsi/);
    expect(() => parseWatchlist('msisdn\n', 'list.csv')).toThrow(/list.csv:1: expected two fields/);
  });
});
