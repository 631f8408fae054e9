/**
 * The stored world of the profile benchmark: N subscribers × D days in every daily table, the
 * reference cells they use, and findings about some of them (as subject and as related subject).
 * Values are derived from the subscriber index, so the load generator can name any subscriber.
 */
import type { Finding } from '../core/finding.js';
import type { CellRow, Store } from '../store/index.js';

export interface WorldSize {
  subscribers: number;
  days: number;
  findings: number;
}

export const msisdnOf = (i: number): string => `849${String(i).padStart(8, '0')}`;
export const imsiOf = (i: number): string => `45204${String(i).padStart(10, '0')}`;
export const imeiOf = (i: number): string => `3569380${String(i).padStart(8, '0')}`;
const cellOf = (i: number): string => `452-04-${i % 500}-${i % 97}`;
const contactOf = (i: number, day: number, subscribers: number): string => msisdnOf((i * 7919 + day) % subscribers);

/** Rows appended per call: the engine writes a whole day at once; this bounds the builder's memory. */
const CHUNK = 100_000;
const FINDINGS_PER_BATCH = 1_000;

export async function storedSubscribers(store: Store): Promise<number> {
  const [row] = await store.read('bench_daily_feature_rows', {});
  return Number(row?.rows ?? 0);
}

export async function buildProfileWorld(store: Store, size: WorldSize, log: (line: string) => void): Promise<void> {
  const { subscribers, days } = size;
  for (let d = 0; d < days; d++) {
    const started = Date.now();
    const day = new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10);
    for (let start = 0; start < subscribers; start += CHUNK) {
      const n = Math.min(CHUNK, subscribers - start);
      const ids = Array.from({ length: n }, (_, k) => start + k);
      const u = (f: (i: number) => number) => Uint32Array.from(ids, f);
      const text = (f: (i: number) => string) => ids.map(f);
      const who = { length: n, day: text(() => day), operator: text(() => '452-04'), imsi: text(imsiOf), msisdn: text(msisdnOf) };
      await store.appendDailyFeatures({
        ...who, moVoice: u((i) => i % 40), mtVoice: u((i) => i % 30), moVoiceAnswered: u((i) => i % 20), moDurationS: Float64Array.from(ids, (i) => (i % 40) * 60),
        moSms: u((i) => i % 5), mtSms: u((i) => i % 7), dataSessions: u((i) => i % 9), dataBytes: Float64Array.from(ids, (i) => i * 1000),
        nightMoVoice: u((i) => i % 3), intlMoVoice: u((i) => i % 2), distinctCallees: u((i) => i % 25), distinctCells: u((i) => 1 + (i % 4)),
        distinctImeis: u(() => 1), calleesNoCallback: u((i) => i % 6),
      });
      await store.appendDailyContacts({
        ...who, contact: text((i) => contactOf(i, d, subscribers)),
        callsOut: u((i) => i % 10), callsIn: u((i) => i % 4), smsOut: u(() => 0), smsIn: u(() => 1), durationS: Float64Array.from(ids, (i) => i % 600),
      });
      await store.appendDailyPlaces('daily_cells', { ...who, key: text(cellOf), events: u((i) => 1 + (i % 50)) });
      await store.appendDailyPlaces('daily_devices', { ...who, key: text(imeiOf), events: u((i) => 1 + (i % 50)) });
    }
    log(`day ${day}: ${subscribers} subscribers in 4 daily tables in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const cells: CellRow[] = [];
  for (let i = 0; i < Math.min(subscribers, 500 * 97); i++) {
    cells.push({ cellId: cellOf(i), siteId: `HN-${i % 500}`, lat: 21 + (i % 100) / 1000, lon: 105 + (i % 97) / 1000, province: `Province ${i % 63}`, district: `District ${i % 700}` });
  }
  await store.upsertCells(cells);
  const findings: Finding[] = [];
  for (let k = 0; k < size.findings; k++) {
    const suspect = (k * 37) % subscribers;
    findings.push({
      id: `bench-${k}`, type: 'simbox', severity: 'high', score: 0.9, subject: { kind: 'imsi', value: imsiOf(suspect) },
      related: [{ kind: 'msisdn', value: msisdnOf(suspect) }, { kind: 'imei', value: imeiOf(suspect) }],
      operator: '452-04', province: 'Province 1', district: 'District 1',
      first_event_at: '2026-11-01T01:00:00.000Z', detected_at: new Date(Date.UTC(2026, 10, 1, 2) + k * 1000).toISOString(),
      evidence: { distinctCallees: 140, nightShare: 0.41 }, detector: 'simbox@1',
    });
    if (findings.length === FINDINGS_PER_BATCH) await store.upsertFindings(findings.splice(0));
  }
  await store.upsertFindings(findings);
  log(`${cells.length} reference cells, ${size.findings} findings`);
}
