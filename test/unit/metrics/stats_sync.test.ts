import { describe, expect, it } from 'vitest';
import { recordIngestByOperator, StatsSync, TelsentryMetrics } from '../../../metrics/index.js';

/** New series are exposed at 0 for one scrape (ZeroFirstCounter); read after the second. */
async function scrapeTwice(metrics: TelsentryMetrics): Promise<void> {
  await metrics.exposition();
  await metrics.exposition();
}

async function value(metrics: TelsentryMetrics, name: string, labels: Record<string, string>): Promise<number | undefined> {
  await scrapeTwice(metrics);
  const { values } = await metrics.registry.getSingleMetric(name)!.get();
  return values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))?.value;
}

describe('StatsSync', () => {
  it('adds only what cumulative ingest counters grew by since the last sync', async () => {
    const metrics = new TelsentryMetrics({ defaultMetrics: false });
    const sync = new StatsSync(metrics, 'file');
    const stats = { duplicates: 2, rejectedByReason: new Map([['invalid:imsi', 3]]) };
    sync.syncIngest(stats);
    sync.syncIngest(stats); // nothing new
    stats.duplicates = 5;
    stats.rejectedByReason.set('invalid:imsi', 4);
    stats.rejectedByReason.set('missing:caller', 1);
    sync.syncIngest(stats);
    expect(await value(metrics, 'telsentry_ingest_duplicate_records_total', { source: 'file' })).toBe(5);
    expect(await value(metrics, 'telsentry_ingest_rejected_records_total', { reason: 'invalid:imsi' })).toBe(4);
    expect(await value(metrics, 'telsentry_ingest_rejected_records_total', { reason: 'missing:caller' })).toBe(1);
  });

  it('tracks late records and ignores the watermark before the first record', async () => {
    const metrics = new TelsentryMetrics({ defaultMetrics: false });
    const sync = new StatsSync(metrics, 'simulator');
    sync.syncEngine({ lateApplied: 0, tooLate: 0, watermarkMs: Number.NEGATIVE_INFINITY });
    expect(await value(metrics, 'telsentry_watermark_timestamp_seconds', {})).toBe(0);
    sync.syncEngine({ lateApplied: 4, tooLate: 1, watermarkMs: 1_000_000 });
    sync.syncEngine({ lateApplied: 6, tooLate: 1, watermarkMs: 2_000_000 });
    expect(await value(metrics, 'telsentry_ingest_late_records_total', { outcome: 'applied' })).toBe(6);
    expect(await value(metrics, 'telsentry_ingest_late_records_total', { outcome: 'too_late' })).toBe(1);
    expect(await value(metrics, 'telsentry_watermark_timestamp_seconds', {})).toBe(2_000);
  });
});

describe('recordIngestByOperator', () => {
  it('counts a columnar batch per operator id, ignoring rows past its length', async () => {
    const metrics = new TelsentryMetrics({ defaultMetrics: false });
    const names = ['', '452-04', '452-01'];
    recordIngestByOperator(metrics, 'simulator', Uint32Array.from([1, 2, 1, 1, 2, 2, 2]), 5, (id) => names[id]);
    expect(await value(metrics, 'telsentry_ingest_records_total', { operator: '452-04' })).toBe(3);
    expect(await value(metrics, 'telsentry_ingest_records_total', { operator: '452-01' })).toBe(2);
  });
});
