import { Dictionary } from '../../../core/dictionary.js';
import { describe, expect, it } from 'vitest';
import { MAX_OPERATORS, MAX_PROVINCES, TelsentryMetrics } from '../../../metrics/index.js';
import { SyntheticEngine, seededRandom } from './synthetic_engine.js';

/** New series are exposed at 0 for one scrape (ZeroFirstCounter); read after the second. */
async function scrapeTwice(metrics: TelsentryMetrics): Promise<void> {
  await metrics.exposition();
  await metrics.exposition();
}

async function sampleValue(metrics: TelsentryMetrics, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const base = name.replace(/_(sum|count|bucket)$/, '');
  const metric = metrics.registry.getSingleMetric(name) ?? metrics.registry.getSingleMetric(base);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  await scrapeTwice(metrics);
  const { values } = await metric.get();
  const match = values.find((v) => ((v as { metricName?: string }).metricName ?? name) === name
    && Object.entries(labels).every(([k, want]) => v.labels[k] === want));
  return match?.value;
}

describe('TelsentryMetrics', () => {
  it('each instance has its own registry, so several can live in one process', async () => {
    const a = new TelsentryMetrics();
    const b = new TelsentryMetrics();
    a.recordIngest('452-04', 'simulator', 10);
    expect(await sampleValue(a, 'telsentry_ingest_records_total', { operator: '452-04' })).toBe(10);
    expect(await sampleValue(b, 'telsentry_ingest_records_total', { operator: '452-04' })).toBeUndefined();
  });

  it('follows Prometheus naming: telsentry_ prefix, _total counters, base units, help on everything', async () => {
    const metrics = new TelsentryMetrics();
    const all = await metrics.registry.getMetricsAsJSON();
    const ours = all.filter((m) => m.name.startsWith('telsentry_'));
    expect(ours.length).toBeGreaterThanOrEqual(24);
    for (const metric of all) {
      expect(metric.name.startsWith('telsentry_') || /^(process|nodejs)_/.test(metric.name), metric.name).toBe(true);
      expect(metric.help.length, metric.name).toBeGreaterThan(10);
    }
    for (const metric of ours) {
      const type = String(metric.type);
      if (type === 'counter') expect(metric.name, metric.name).toMatch(/_total$/);
      else expect(metric.name, metric.name).not.toMatch(/_total$/);
      expect(metric.name).not.toMatch(/_(ms|milliseconds|minutes|kb|mb)(_|$)/);
      if (type === 'histogram') expect(metric.name).toMatch(/_seconds$/);
    }
  });

  it('never uses a label outside the bounded set', async () => {
    const metrics = new TelsentryMetrics({ defaultMetrics: false });
    new SyntheticEngine(metrics, 1_000).advance();
    const allowed = new Set(['operator', 'source', 'type', 'severity', 'reason', 'method', 'code', 'province', 'topic', 'outcome', 'label', 'version', 'le', 'kind']);
    for (const metric of await metrics.registry.getMetricsAsJSON()) {
      for (const value of metric.values) for (const label of Object.keys(value.labels)) expect(allowed.has(label), `${metric.name}{${label}}`).toBe(true);
    }
  });

  it('records per batch: ingest, rejects, late, watermark, state per key, findings with detection delay', async () => {
    const metrics = new TelsentryMetrics({ defaultMetrics: false });
    metrics.recordIngest('452-04', 'kafka', 1_000);
    metrics.recordIngest('452-04', 'kafka', 500);
    metrics.recordRejects('kafka', 'invalid:imsi', 3);
    metrics.recordLate('kafka', 7, 2);
    metrics.setWatermark(Date.parse('2026-11-01T00:00:00Z'));
    metrics.setWindowState(2_048_000, 1_000);
    const msisdns = new Dictionary();
    for (let i = 0; i < 3_000; i++) msisdns.intern(String(84_900_000_000 + i));
    metrics.setDictionaries({ msisdn: msisdns, cell: new Dictionary() });
    metrics.recordFindingRaised({
      type: 'simbox', severity: 'critical', operator: '452-04', province: 'Hà Nội',
      first_event_at: '2026-11-01T06:00:00+07:00', detected_at: '2026-11-01T07:30:00+07:00',
    });
    metrics.recordApiRequest('/telsentry.v1.Findings/ListFindings', 7, 0.012);
    expect(await sampleValue(metrics, 'telsentry_ingest_records_total', { operator: '452-04', source: 'kafka' })).toBe(1_500);
    expect(await sampleValue(metrics, 'telsentry_ingest_rejected_records_total', { reason: 'invalid:imsi' })).toBe(3);
    expect(await sampleValue(metrics, 'telsentry_ingest_late_records_total', { outcome: 'too_late' })).toBe(2);
    expect(await sampleValue(metrics, 'telsentry_watermark_timestamp_seconds')).toBe(1_793_491_200);
    expect(await sampleValue(metrics, 'telsentry_window_state_bytes_per_key')).toBe(2_048);
    expect(await sampleValue(metrics, 'telsentry_dictionary_values', { kind: 'msisdn' })).toBe(3_000);
    expect(await sampleValue(metrics, 'telsentry_dictionary_bytes', { kind: 'msisdn' })).toBe(msisdns.byteLength);
    expect(msisdns.byteLength).toBeGreaterThan(3_000 * 8);
    expect(await sampleValue(metrics, 'telsentry_dictionary_values', { kind: 'cell' })).toBe(0);
    expect(await sampleValue(metrics, 'telsentry_findings_raised_total', { type: 'simbox', province: 'Hà Nội' })).toBe(1);
    expect(await sampleValue(metrics, 'telsentry_detection_delay_seconds_sum', { type: 'simbox' })).toBe(5_400);
    expect(await sampleValue(metrics, 'telsentry_api_requests_total', { code: 'PERMISSION_DENIED' })).toBe(1);
  });

  it('a finding with unparseable times still counts, with no delay observed', async () => {
    const metrics = new TelsentryMetrics({ defaultMetrics: false });
    metrics.recordFindingRaised({ type: 'wangiri', severity: 'low', operator: '452-01', province: '', first_event_at: 'never', detected_at: '2026-11-01T00:00:00Z' });
    expect(await sampleValue(metrics, 'telsentry_findings_raised_total', { type: 'wangiri', province: 'unknown' })).toBe(1);
    expect(await sampleValue(metrics, 'telsentry_detection_delay_seconds_count', { type: 'wangiri' })).toBe(0);
  });

  it('keeps the series count bounded when labels are fed IMSIs, numbers and endless provinces', async () => {
    const metrics = new TelsentryMetrics({ defaultMetrics: false });
    const random = seededRandom(1);
    for (let i = 0; i < 5_000; i++) {
      const imsi = `45204${String(Math.floor(random() * 1e10)).padStart(10, '0')}`;
      metrics.recordIngest(imsi, 'kafka', 1);
      metrics.recordIngest(`452-${String(i % 1000).padStart(3, '0')}`, `source_${i}`, 1);
      metrics.recordRejects('kafka', `reason_${i}`, 1);
      metrics.recordFindingRaised({ type: 'simbox', severity: 'high', operator: '452-04', province: `province ${i}`, first_event_at: '2026-11-01T00:00:00Z', detected_at: '2026-11-01T01:00:00Z' });
      metrics.setKafkaLag(`topic-${i}`, i);
      metrics.recordApiRequest(`/telsentry.v1.X/M${i}`, 'OK', 0.001);
    }
    const ingest = (await metrics.registry.getSingleMetric('telsentry_ingest_records_total')!.get()).values;
    expect(new Set(ingest.map((v) => v.labels.operator)).size).toBeLessThanOrEqual(MAX_OPERATORS + 1);
    const findings = (await metrics.registry.getSingleMetric('telsentry_findings_raised_total')!.get()).values;
    expect(findings.length).toBeLessThanOrEqual(MAX_PROVINCES + 1);
    expect(metrics.operators.overflows).toBeGreaterThan(5_000);
    expect(await sampleValue(metrics, 'telsentry_metrics_label_overflow_total', { label: 'operator' })).toBe(metrics.operators.overflows);
    // 16 operators × 17 sources + 97 reasons + 71 provinces + 33 topics + 65 methods × (1 + 14 histogram lines) + overflow/build lines.
    expect(await metrics.seriesCount()).toBeLessThan(2_000);
  });

  it('a synthetic run over 100,000 subscribers exposes the same series count as over 1,000', async () => {
    const small = new TelsentryMetrics({ defaultMetrics: false });
    const large = new TelsentryMetrics({ defaultMetrics: false });
    const smallEngine = new SyntheticEngine(small, 1_000);
    const largeEngine = new SyntheticEngine(large, 100_000);
    for (let i = 0; i < 60; i++) {
      smallEngine.advance();
      largeEngine.advance();
    }
    expect(await large.seriesCount()).toBe(await small.seriesCount());
    expect(await sampleValue(large, 'telsentry_window_active_keys')).toBe(100_000);
  });
});
