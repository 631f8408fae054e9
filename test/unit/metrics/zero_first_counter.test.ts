import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ZeroFirstCounter } from '../../../metrics/zero_first_counter.js';

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
