import { describe, expect, it } from 'vitest';
import { DDOS_THRESHOLDS } from '../../../detectors/ddos/thresholds.js';
import { background, Harness, MIN, T0, type TestFlow } from './engine-helpers.js';

/** `sources` flows toward `dst` in minute `m`, totalling `pps` packets per second. */
function flood(m: number, dst: string, pps: number, bytesPerPacket: number, sources = 100): TestFlow[] {
  const packets = (pps * 60) / sources;
  return Array.from({ length: sources }, (_, i) => ({ t: T0 + m * MIN + i * 500, src: `203.0.${i % 250}.${(i >> 8) + 1}`, dst, bytes: packets * bytesPerPacket, packets, site: 0 }));
}

describe('ddos detector', () => {
  it('raises a flood within the minute it starts, before the pane closes, with a stable id', () => {
    const run = (): Harness => {
      const h = new Harness();
      h.ingest(background(0, 30, 20));
      h.ingest(flood(30, '100.64.0.77', 50_000, 60));
      return h;
    };
    const h = run();
    const found = h.latest('ddos');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ subject: { kind: 'ip', value: '100.64.0.77' }, operator: '452-04', province: 'Hà Nội', detector: 'ddos@1' });
    expect(found[0]!.related).toContainEqual({ kind: 'site', value: 'S1' });
    const detectedMs = Date.parse(found[0]!.detected_at);
    expect(detectedMs).toBeGreaterThanOrEqual(T0 + 30 * MIN);
    expect(detectedMs).toBeLessThan(T0 + 31 * MIN);
    expect(h.engine.watermark).toBeLessThan(T0 + 31 * MIN); // the pane was still open
    expect(run().latest('ddos')[0]!.id).toBe(found[0]!.id);
  });

  it('stays quiet below the floors and for a busy destination within its baseline multiplier', () => {
    const h = new Harness();
    const busy = '100.64.0.50';
    const below = DDOS_THRESHOLDS.floorPps * 0.8;
    for (let m = 0; m < 25; m++) h.ingest([...background(m, m + 1, 10), ...flood(m, busy, below, 500)]);
    // now 2.5x its usual rate: above the absolute floor, below 5x its own baseline (a flash crowd)
    for (let m = 25; m < 30; m++) h.ingest([...background(m, m + 1, 10), ...flood(m, busy, below * 2.5, 500)]);
    h.engine.flush();
    expect(h.latest('ddos')).toEqual([]);
  });

  it('raises a carpet-bombed /24 when no single address floods', () => {
    const h = new Harness();
    h.ingest(background(0, 5, 10));
    const spread: TestFlow[] = [];
    for (let host = 1; host <= 50; host++) spread.push(...flood(5, `100.64.9.${host}`, 1_000, 100, 4));
    h.ingest(spread);
    h.engine.flush();
    expect(h.latest('ddos').map((f) => f.subject.value)).toEqual(['100.64.9.0/24']);
  });
});

describe('scan detector', () => {
  const probes = (src: string, hosts: number, m: number, port = (i: number) => 23 + 0 * i, host = (i: number) => `100.64.1.${(i % 250) + 1}`): TestFlow[] =>
    Array.from({ length: hosts }, (_, i) => ({ t: T0 + m * MIN + i * 100, src, dst: host(i), bytes: 44, packets: 1, dstPort: port(i) }));

  it('raises one source reaching many hosts with probe-sized flows (horizontal)', () => {
    const h = new Harness();
    h.ingest(probes('45.155.205.7', 60, 1));
    const found = h.latest('scan');
    expect(found.map((f) => [f.subject.value, f.evidence.kind])).toEqual([['45.155.205.7', 'horizontal']]);
    expect(found[0]!.evidence.distinct_hosts as number).toBeGreaterThanOrEqual(25);
  });

  it('raises one source reaching many ports on one host (vertical)', () => {
    const h = new Harness();
    h.ingest(probes('185.220.101.4', 40, 1, (i) => 1000 + i, () => '100.64.1.20'));
    expect(h.latest('scan').map((f) => f.evidence.kind)).toEqual(['vertical']);
  });

  it('stays quiet for a CDN serving many hosts with full-size packets, and for small fan-out', () => {
    const h = new Harness();
    const cdn: TestFlow[] = Array.from({ length: 300 }, (_, i) => ({ t: T0 + MIN + i * 100, src: '203.0.113.10', dst: `100.64.2.${(i % 250) + 1}`, bytes: 140_000, packets: 100 }));
    h.ingest([...cdn, ...probes('45.1.1.1', 15, 1)]);
    h.engine.flush();
    expect(h.latest('scan')).toEqual([]);
  });
});

describe('traffic_spike and flow site_silence', () => {
  it('raises a spike above the band, ignores a 2x evening peak, and raises a cut from its first silent minute', () => {
    const h = new Harness();
    h.ingest([...background(0, 60, 20, 0), ...background(0, 60, 20, 1)]); // an hour of history per site
    h.ingest([...background(60, 70, 20, 0, 2), ...background(60, 70, 20, 1)]); // S1: a 2x peak, legitimate
    h.ingest([...background(70, 80, 20, 0), ...background(70, 80, 20 * 5, 1)]); // S2: 5x for 10 minutes
    h.ingest(background(80, 100, 20, 1)); // S1 silent from minute 80
    h.engine.flush();
    const spikes = h.latest('traffic_spike');
    expect(spikes.map((f) => f.subject.value)).toEqual(['S2']);
    expect(spikes[0]!.first_event_at).toBe(new Date(T0 + 70 * MIN).toISOString());
    expect(spikes[0]!.operator).toBe('452-01');
    const silences = h.latest('site_silence');
    expect(silences.map((f) => f.subject.value)).toEqual(['S1']);
    expect(silences[0]!.first_event_at).toBe(new Date(T0 + 80 * MIN).toISOString());
    expect(silences[0]).toMatchObject({ operator: '452-04', province: 'Hà Nội', severity: 'high' });
  });

  it('does not call a flood a spike of its site (one incident, one finding)', () => {
    const h = new Harness();
    h.ingest(background(0, 60, 20, 0));
    for (let m = 60; m < 66; m++) h.ingest([...background(m, m + 1, 20, 0), ...flood(m, '100.64.0.9', 100_000, 1000)]);
    h.ingest(background(66, 75, 20, 0));
    h.engine.flush();
    expect(h.latest('ddos')).toHaveLength(1);
    expect(h.latest('traffic_spike')).toEqual([]);
  });

  it('counts flows older than the watermark as late and leaves closed panes alone', () => {
    const h = new Harness({ allowedDisorderMs: 60_000 });
    h.ingest(background(0, 10, 5));
    h.ingest(background(2, 3, 5));
    expect(h.engine.counters.lateFlows).toBe(5);
  });
});

describe('flow site_silence on a quiet site', () => {
  it('waits until the missed flows are evidence (≥ 15 expected) before raising', () => {
    const h = new Harness();
    h.ingest([...background(0, 60, 1, 0), ...background(0, 60, 20, 1)]); // S1 sends ~1 flow a minute
    h.ingest(background(60, 72, 20, 1)); // S1 silent for 12 minutes: 12 expected flows missed, not yet evidence
    expect(h.latest('site_silence')).toEqual([]);
    h.ingest(background(72, 90, 20, 1));
    h.engine.flush();
    const found = h.latest('site_silence');
    expect(found.map((f) => f.subject.value)).toEqual(['S1']);
    expect(found[0]!.first_event_at).toBe(new Date(T0 + 60 * MIN).toISOString());
    expect(found[0]!.evidence.expected_flows_missed as number).toBeGreaterThanOrEqual(15);
  });
});

describe('flow engine event time', () => {
  it('accepts flows older than the first one seen until a pane has closed', () => {
    const h = new Harness({ allowedDisorderMs: 120_000 });
    h.ingest(background(5, 6, 3));
    h.ingest(background(4, 5, 3)); // out of order at the very start: not late
    h.ingest(background(6, 12, 3));
    h.engine.flush();
    expect(h.engine.counters).toMatchObject({ flows: 24, lateFlows: 0, panesClosed: 8 });
  });
});

describe('flow engine dictionaries', () => {
  it('refuses batches built with other dictionaries than the first (their ids would mean other sites)', async () => {
    const { FlowEngine } = await import('../../../engine/flows/flow-engine.js');
    const { allocFlowBatch, createFlowDictionaries } = await import('../../../ingest/flows/batch.js');
    const engine = new FlowEngine();
    engine.ingest(allocFlowBatch(0, createFlowDictionaries()));
    expect(() => engine.ingest(allocFlowBatch(0, createFlowDictionaries()))).toThrow(/other FlowDictionaries/);
  });
});
