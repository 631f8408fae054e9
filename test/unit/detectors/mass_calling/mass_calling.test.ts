import { describe, expect, it } from 'vitest';
import { createMassCallingDetector } from '../../../../detectors/mass_calling/index.js';
import { at, type TestCdr } from '../../../helpers/cdr-builder.js';
import { harness, rng } from '../common/harness.js';

const ROBO = { imsi: '452040000000101', msisdn: '84900000101', imei: '35000000000101', cell: '452-04-1-101' };
const SHOP = { imsi: '452040000000202', msisdn: '84900000202' };
const CLOCK = { imsi: '452040000000909', msisdn: '84900000909' };

/** `n` calls from `who`, starting at minute `from`, one every `gapS` seconds. */
function calls(who: typeof ROBO | typeof SHOP, n: number, from: number, gapS: number, callee: (k: number) => string,
  answered: (k: number) => boolean, talkS: number): TestCdr[] {
  return Array.from({ length: n }, (_, k) => ({
    ...who, id: `${who.msisdn}-${k}`, at: at(from) + k * gapS * 1000, peer: callee(k), answered: answered(k), durationS: answered(k) ? talkS : 0,
  }));
}

/** Background traffic so panes close past the last call. */
const tick = (minute: number): TestCdr => ({ ...CLOCK, at: at(minute), event: 'data', bytes: 1 });

describe('mass_calling', () => {
  it('raises on a SIM dialling a range with short, unanswered calls, with readable evidence', () => {
    const r = rng(1);
    const h = harness([createMassCallingDetector()]);
    h.feed([...calls(ROBO, 150, 0, 25, (k) => String(84912000000 + k), () => r() < 0.15, 6), tick(70)]);
    const [finding, ...rest] = h.ofType('mass_calling');
    expect(rest).toHaveLength(0);
    expect(finding!.subject).toEqual({ kind: 'msisdn', value: ROBO.msisdn });
    expect(finding!.severity).toBe('high');
    expect(finding!.related).toContainEqual({ kind: 'imei', value: ROBO.imei });
    expect(finding!.evidence.outgoing_calls_1h).toBeGreaterThanOrEqual(50);
    expect(finding!.evidence.sequential_dialling_share).toBeGreaterThan(0.9);
    expect(finding!.evidence.sample_record_ids!.length).toBeGreaterThan(0);
    expect(finding!.evidence.sample_record_ids!.length).toBeLessThanOrEqual(5);
    // Raised once the 50th call's pane closed (~21 min in), not only at the end.
    expect(Date.parse(finding!.detected_at)).toBeLessThan(at(25));
  });

  it('stays quiet for a consent-based telemarketer: answered, minutes long, customers call back', () => {
    const r = rng(2);
    const customers = Array.from({ length: 120 }, (_, k) => String(84913000000 + Math.floor(r() * 9_000_000) + k));
    const callbacks: TestCdr[] = customers.slice(0, 40).map((c, k) => ({ ...SHOP, at: at(-600 + k), dir: 'mt', peer: c }));
    const h = harness([createMassCallingDetector()]);
    h.feed([...callbacks, ...calls(SHOP, 120, 0, 28, (k) => customers[k]!, () => r() < 0.75, 180), tick(70)]);
    h.finish();
    expect(h.ofType('mass_calling')).toHaveLength(0);
  });

  it('stays quiet when the callees reciprocate, even if calls are short', () => {
    const callees = Array.from({ length: 80 }, (_, k) => String(84914000000 + k * 997));
    const incoming: TestCdr[] = callees.slice(0, 20).map((c, k) => ({ ...SHOP, at: at(-300 + k), dir: 'mt', peer: c }));
    const h = harness([createMassCallingDetector()]);
    h.feed([...incoming, ...calls(SHOP, 80, 0, 40, (k) => callees[k]!, () => false, 0), tick(70)]);
    expect(h.ofType('mass_calling')).toHaveLength(0);
  });

  it('stays quiet below the hourly volume', () => {
    const h = harness([createMassCallingDetector()]);
    h.feed([...calls(ROBO, 40, 0, 80, (k) => String(84912000000 + k), () => false, 0), tick(70)]);
    expect(h.ofType('mass_calling')).toHaveLength(0);
  });

  it('counts late records (within the allowed lateness) toward the hour', () => {
    const h = harness([createMassCallingDetector()]);
    const all = calls(ROBO, 60, 0, 30, (k) => String(84912000000 + k * 3), () => false, 0);
    h.feed([...all.slice(0, 30), tick(40)]); // panes up to minute 39 close: 30 calls seen
    expect(h.ofType('mass_calling')).toHaveLength(0);
    h.feed(all.slice(30)); // minutes 15..29: late, applied in the next pane
    h.feed([tick(45)]);
    expect(h.engine.stats.lateApplied).toBe(30);
    const [finding] = h.ofType('mass_calling');
    expect(finding?.evidence.outgoing_calls_1h).toBe(60);
  });

  it('gives the same finding id on a replay of the same input', () => {
    const input = [...calls(ROBO, 100, 0, 30, (k) => String(84912000000 + k), () => false, 0), tick(70)];
    const a = harness([createMassCallingDetector()]);
    a.feed(input);
    const b = harness([createMassCallingDetector()]);
    b.feed(input);
    expect(a.finish().map((f) => f.id)).toEqual(b.finish().map((f) => f.id));
  });
});
