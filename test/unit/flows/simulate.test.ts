import { describe, expect, it } from 'vitest';
import { simulateFlows } from '../../../sim/flows/index.js';
import { FlowEngine } from '../../../engine/flows/flow-engine.js';
import { readFlows } from '../../../ingest/flows/read.js';
import { PassThrough } from 'node:stream';
import type { Finding } from '../../../core/finding.js';

describe('flow simulator', () => {
  it('is deterministic per seed and writes goflow2 JSON with a truth of (type, subject, first_fraud_at)', () => {
    const a = simulateFlows({ days: 1, baseFlowsPerMinute: 2, injections: [] });
    const b = simulateFlows({ days: 1, baseFlowsPerMinute: 2, injections: [] });
    const first = [...a.lines()].slice(0, 50);
    expect([...b.lines()].slice(0, 50)).toEqual(first);
    const parsed = JSON.parse(first[0]!);
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['time_received_ns', 'sampling_rate', 'sampler_address', 'time_flow_start_ns', 'time_flow_end_ns', 'bytes', 'packets', 'src_addr', 'dst_addr', 'etype', 'proto', 'src_port', 'dst_port']));
    const full = simulateFlows({ days: 2 });
    expect(full.truth.fraud.map((t) => t.type).sort()).toEqual(['ddos', 'ddos', 'ddos', 'ddos', 'scan', 'scan', 'scan', 'site_silence', 'site_silence', 'traffic_spike', 'traffic_spike']);
    expect(full.truth.fraud[0]).toEqual({ type: expect.any(String), subject: { kind: expect.any(String), value: expect.any(String) }, first_fraud_at: expect.stringMatching(/^2026-11-1[67]T/) });
  });

  it('a short scenario with one flood and one cut is found by the engine, and its confounder stays quiet', async () => {
    const sim = simulateFlows({
      days: 1, baseFlowsPerMinute: 14, seed: 3,
      injections: [
        { kind: 'ddos', site: 0, startMinute: 20 * 60, minutes: 5, address: '100.64.9.9', rate: 90_000, bytesPerPacket: 1200 },
        { kind: 'site_silence', site: 1, startMinute: 21 * 60, minutes: 20 },
        { kind: 'cdn_burst', site: 2, startMinute: 20 * 60, minutes: 20, rate: 1.6 },
      ],
    });
    const input = new PassThrough();
    const engine = new FlowEngine();
    const latest = new Map<string, Finding>();
    engine.onFinding((f) => latest.set(f.id, f));
    const reading = (async () => { for await (const b of readFlows('sim.jsonl', { input, exporters: sim.exporters })) engine.ingest(b); })();
    for (const line of sim.lines()) if (!input.write(`${line}\n`)) await new Promise((r) => input.once('drain', r));
    input.end();
    await reading;
    engine.flush();
    const found = [...latest.values()].map((f) => `${f.type} ${f.subject.value}`).sort();
    expect(found).toEqual(sim.truth.fraud.map((t) => `${t.type} ${t.subject.value}`).sort());
    const flood = [...latest.values()].find((f) => f.type === 'ddos')!;
    expect(Date.parse(flood.detected_at) - Date.parse(sim.truth.fraud.find((t) => t.type === 'ddos')!.first_fraud_at)).toBeLessThan(60_000);
  });
});
