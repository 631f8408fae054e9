import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ZeroFirstCounter, ZeroFirstHistogram } from '../../../metrics/zero_first_counter.js';

function sample(text: string, series: string): string | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line?.slice(line.lastIndexOf(' ') + 1);
}

describe('ZeroFirstCounter', () => {
  it('exposes a new series at 0 for one scrape, then with its count, then counts at once', async () => {
    const registry = new Registry();
    const findings = new ZeroFirstCounter({ name: 'x_findings_total', help: 'test counter', labelNames: ['province'], registers: [registry] });
    const series = 'x_findings_total{province="Hà Nội"}';
    findings.inc({ province: 'Hà Nội' });
    findings.inc({ province: 'Hà Nội' }, 2);
    expect(sample(await registry.metrics(), series)).toBe('0');
    expect(sample(await registry.metrics(), series)).toBe('3');
    findings.inc({ province: 'Hà Nội' });
    expect(sample(await registry.metrics(), series)).toBe('4');
  });

  it('keeps each label set on its own schedule', async () => {
    const registry = new Registry();
    const findings = new ZeroFirstCounter({ name: 'x_total', help: 'test counter', labelNames: ['type', 'province'], registers: [registry] });
    findings.inc({ type: 'simbox', province: 'A' });
    await registry.metrics();
    findings.inc({ type: 'simbox', province: 'B' }, 5);
    const second = await registry.metrics();
    expect(sample(second, 'x_total{type="simbox",province="A"}')).toBe('1');
    expect(sample(second, 'x_total{type="simbox",province="B"}')).toBe('0');
    expect(sample(await registry.metrics(), 'x_total{type="simbox",province="B"}')).toBe('5');
  });
});

describe('ZeroFirstHistogram', () => {
  it('exposes a new label set with zero buckets for one scrape, then the observation', async () => {
    const registry = new Registry();
    const latency = new ZeroFirstHistogram({ name: 'x_seconds', help: 'test histogram', labelNames: ['method'], buckets: [0.1, 1], registers: [registry] });
    latency.observe({ method: '/a.B/C' }, 0.05);
    expect(sample(await registry.metrics(), 'x_seconds_count{method="/a.B/C"}')).toBe('0');
    const second = await registry.metrics();
    expect(sample(second, 'x_seconds_count{method="/a.B/C"}')).toBe('1');
    expect(sample(second, 'x_seconds_bucket{le="0.1",method="/a.B/C"}')).toBe('1');
  });
});
