import { describe, expect, it } from 'vitest';
import { createSiteSilenceDetector, type SiteSilenceOptions } from '../../../../detectors/site_silence/index.js';
import { ReferenceData } from '../../../../engine/reference.js';
import { at, buildBatch, type TestCdr } from '../../../helpers/cdr-builder.js';
import { harness, rng } from '../common/harness.js';

const SITES: Record<string, string[]> = {
  S1: ['452-04-1-11', '452-04-1-12'], S2: ['452-04-1-21', '452-04-1-22'], S3: ['452-04-1-31', '452-04-1-32'],
  V1: ['452-01-5-11', '452-01-5-12'],
};

function reference(): ReferenceData {
  const ref = new ReferenceData();
  for (const [site, cells] of Object.entries(SITES)) {
    ref.addCells(cells.map((cellId) => ({ cellId, siteId: site, lat: 16, lon: 108, province: 'Da Nang', district: 'Hai Chau' })));
  }
  return ref;
}

/** Poisson-ish traffic: about `perMinute(minute)` records a minute on `cell`, between minutes [from, to). */
function traffic(cell: string, from: number, to: number, perMinute: (minute: number) => number, seed: number): TestCdr[] {
  const r = rng(seed);
  const operator = cell.slice(0, 6);
  const out: TestCdr[] = [];
  for (let m = from; m < to; m++) {
    const rate = perMinute(m);
    let n = 0;
    for (let p = Math.exp(-rate), s = r(); s > p; s *= r()) n++; // Knuth's Poisson draw
    for (let k = 0; k < n; k++) {
      const sub = Math.floor(r() * 200);
      out.push({ imsi: `${operator.replace('-', '')}00${cell.slice(-2)}${String(sub).padStart(4, '0')}`, msisdn: `849${cell.slice(-2)}${String(sub).padStart(5, '0')}`,
        at: at(m) + Math.floor(r() * 60_000), event: 'data', bytes: 100, cell, operator, id: `${cell}-${m}-${k}` });
    }
  }
  return out;
}

/** Every cell busy (4/min) from 0 to `end`, except the overrides. */
function network(end: number, stops: Record<string, [number, number][]> = {}): TestCdr[] {
  const out: TestCdr[] = [];
  let seed = 1;
  for (const cells of Object.values(SITES)) {
    for (const cell of cells) {
      const gaps = stops[cell] ?? [];
      let from = 0;
      for (const [a, b] of gaps) { out.push(...traffic(cell, from, a, () => 4, seed++)); from = b; }
      out.push(...traffic(cell, from, end, () => 4, seed++));
    }
  }
  return out;
}

function run(records: TestCdr[], options: SiteSilenceOptions = {}) {
  const h = harness([createSiteSilenceDetector(options)], { reference: reference() });
  h.feed(records);
  h.finish();
  return h.ofType('site_silence');
}

const S1_DOWN = (from: number, to: number) => ({ '452-04-1-11': [[from, to]] as [number, number][], '452-04-1-12': [[from, to]] as [number, number][] });

describe('site_silence', () => {
  it('raises on a site whose cells stop, within 15 minutes, and resolves when traffic returns', () => {
    const found = run(network(240, S1_DOWN(120, 170)));
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.subject).toEqual({ kind: 'site', value: 'S1' });
    expect(f.related).toEqual([{ kind: 'cell', value: '452-04-1-11' }, { kind: 'cell', value: '452-04-1-12' }]);
    expect(f.province).toBe('Da Nang');
    const stoppedMs = Date.parse(f.evidence.silent_since as string);
    expect(stoppedMs).toBeGreaterThanOrEqual(at(119));
    expect(stoppedMs).toBeLessThanOrEqual(at(121));
    expect(Date.parse(f.detected_at) - at(120)).toBeLessThanOrEqual(15 * 60_000);
    expect(f.evidence.resolved_at).toBe(new Date(at(170)).toISOString());
    expect(f.evidence.expected_records_per_minute).toBeGreaterThan(4);
    expect(f.evidence.sample_record_ids!.length).toBeLessThanOrEqual(5);
  });

  it('raises on a single dead sector (cell) while the rest of its site carries traffic', () => {
    const found = run(network(200, { '452-04-1-21': [[120, 200]] }));
    expect(found.map((f) => f.subject)).toEqual([{ kind: 'cell', value: '452-04-1-21' }]);
    expect(found[0]!.evidence.silent_minutes).toBeGreaterThanOrEqual(15); // a sector waits out crowd movements
    expect(found[0]!.evidence.site).toBe('S2');
    expect(found[0]!.evidence.resolved_at).toBeUndefined();
  });

  it('stays quiet inside a planned maintenance window, and raises if the site stays dark after it', () => {
    const window = { siteId: 'S1', from: new Date(at(115)).toISOString(), to: new Date(at(165)).toISOString() };
    expect(run(network(240, S1_DOWN(120, 160)), { maintenance: [window] })).toHaveLength(0);
    const late = run(network(240, S1_DOWN(120, 240)), { maintenance: [window] });
    expect(late).toHaveLength(1);
    expect(Date.parse(late[0]!.detected_at)).toBeGreaterThanOrEqual(at(175)); // end + 10 min grace
  });

  it("stays quiet when the whole operator's feed stops (a pipeline problem, not a site)", () => {
    const stops: Record<string, [number, number][]> = {};
    for (const [site, cells] of Object.entries(SITES)) if (site !== 'V1') for (const c of cells) stops[c] = [[120, 170]];
    expect(run(network(240, stops))).toHaveLength(0);
  });

  it('never judges a cell too quiet to tell silence from normal quiet', () => {
    const records = [...network(240).filter((r) => r.cell !== '452-04-1-31' && r.cell !== '452-04-1-32'),
      ...traffic('452-04-1-31', 0, 100, () => 0.3, 77), ...traffic('452-04-1-32', 0, 100, () => 0.3, 78)];
    expect(run(records)).toHaveLength(0);
  });

  it('stays quiet through an evening fall-off into night quiet', () => {
    const fall = (m: number) => (m < 100 ? 4 : Math.max(0.02, 4 * Math.exp(-(m - 100) / 15)));
    const records = [...network(300).filter((r) => !SITES.S3!.includes(r.cell!)),
      ...traffic('452-04-1-31', 0, 300, fall, 91), ...traffic('452-04-1-32', 0, 300, fall, 92)];
    expect(run(records)).toHaveLength(0);
  });

  it('does not raise at the end of input (empty panes closed by finish)', () => {
    expect(run(network(150))).toHaveLength(0);
  });

  it('rejects a maintenance window that ends before it starts', () => {
    expect(() => createSiteSilenceDetector({ maintenance: [{ siteId: 'S1', from: at(10), to: at(5) }] })).toThrow(/maintenance/);
  });
});

describe('site_silence and machines', () => {
  it('stays quiet when a spam sender that dominated a site stops, while its people carry on', () => {
    const spammer: TestCdr[] = Array.from({ length: 8 * 150 }, (_, k) => ({
      imsi: '452040000077777', msisdn: '84900077777', at: at(0) + k * 7_500, event: 'sms' as const, dir: 'mo' as const,
      peer: String(84915000000 + k), cell: '452-04-1-31', id: `spam-${k}`,
    }));
    const people = network(240).filter((r) => !SITES.S3!.includes(r.cell!));
    const quiet = [...traffic('452-04-1-31', 0, 240, () => 0.3, 61), ...traffic('452-04-1-32', 0, 240, () => 0.3, 62)];
    expect(run([...people, ...quiet, ...spammer])).toHaveLength(0);
    // Counted as ordinary traffic, the spammer's stop would look like a cut:
    expect(run([...people, ...quiet, ...spammer], { thresholds: { machineOutgoingPerHour: 1e9, minEffectiveSubscribers: 1 } }).length).toBeGreaterThan(0);
  });
});

describe('site_silence when a farm starts', () => {
  it('stays quiet while farm SIMs keep sending after they are recognised as machines', () => {
    const farm: TestCdr[] = [];
    for (let s = 0; s < 10; s++) {
      for (let k = 0; k < 120; k++) {
        farm.push({ imsi: `4520400000880${String(s).padStart(2, '0')}`, msisdn: `849000880${String(s).padStart(2, '0')}`, at: at(60) + k * 60_000 + s * 1000,
          event: 'sms', dir: 'mo', peer: String(84916000000 + s * 1000 + k), cell: '452-04-1-31', id: `farm-${s}-${k}` });
      }
    }
    const people = network(240).filter((r) => !SITES.S3!.includes(r.cell!));
    const quiet = [...traffic('452-04-1-31', 0, 240, () => 0.3, 63), ...traffic('452-04-1-32', 0, 240, () => 0.3, 64)];
    expect(run([...people, ...quiet, ...farm])).toHaveLength(0);
  });
});

describe('site_silence with mediation disorder', () => {
  it('raises within 15 minutes of event time when records arrive up to 5 minutes out of order (default 10-min disorder)', () => {
    const r = rng(99);
    const records = network(240, S1_DOWN(120, 240));
    // Delivery order: event time plus a random 0–5 min mediation delay.
    const delivered = records.map((rec) => ({ rec, deliverMs: Number(rec.at) + r() * 300_000 })).sort((a, b) => a.deliverMs - b.deliverMs);
    const h = harness([createSiteSilenceDetector()], { reference: reference(), config: { allowedDisorderMs: 600_000 } });
    for (let i = 0; i < delivered.length; i += 200) h.engine.ingest('mediation', buildBatch(delivered.slice(i, i + 200).map((d) => d.rec), h.engine.dictionaries));
    h.finish();
    const found = h.ofType('site_silence');
    expect(found.map((f) => f.subject)).toEqual([{ kind: 'site', value: 'S1' }]);
    expect(Date.parse(found[0]!.detected_at) - at(120)).toBeLessThanOrEqual(15 * 60_000);
  });
});

describe('site_silence and groups of phones', () => {
  it('stays quiet when a handful of busy phones that carried a cell leave it together', () => {
    const group: TestCdr[] = [];
    for (let s = 0; s < 6; s++) {
      for (let k = 0; k < 150 * 0.4; k++) { // 24 calls an hour each: under the machine bar, far above a person's average
        group.push({ imsi: `4520400000990${s}0`, msisdn: `84900099${s}00`, at: at(0) + k * 150_000 + s * 7_000, event: 'voice', dir: 'mo',
          peer: String(84917000000 + s * 1000 + k), cell: '452-04-1-31', id: `grp-${s}-${k}` });
      }
    }
    const people = network(240).filter((r) => !SITES.S3!.includes(r.cell!));
    const quiet = traffic('452-04-1-32', 0, 240, () => 0.3, 66);
    expect(run([...people, ...quiet, ...group])).toHaveLength(0);
    expect(run([...people, ...quiet, ...group], { thresholds: { minEffectiveSubscribers: 1 } }).length).toBeGreaterThan(0);
  });
});
