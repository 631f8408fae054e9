import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsServer, TelsentryMetrics } from '../../../metrics/index.js';
import type { MetricsServer } from '../../../metrics/index.js';

describe('startMetricsServer', () => {
  const metrics = new TelsentryMetrics();
  let server: MetricsServer;
  beforeAll(async () => {
    server = await startMetricsServer({ host: '127.0.0.1', port: 0, metrics });
  });
  afterAll(async () => server.close());

  it('serves the registry at /metrics in the Prometheus text format', async () => {
    metrics.recordIngest('452-04', 'simulator', 42);
    const first = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    // A new series is scraped at 0 first (ZeroFirstCounter), then with its count.
    expect(await first.text()).toContain('telsentry_ingest_records_total{operator="452-04",source="simulator"} 0');
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    expect(text).toContain('telsentry_ingest_records_total{operator="452-04",source="simulator"} 42');
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
  });

  it('answers /healthz, 404 elsewhere, 405 for writes', async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${server.port}/nope`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('fails clearly when the port is taken', async () => {
    await expect(startMetricsServer({ host: '127.0.0.1', port: server.port, metrics })).rejects.toThrow(/EADDRINUSE/);
  });
});
