import { describe, expect, it } from 'vitest';
import { createSmsSpamDetector } from '../../../../detectors/sms_spam/index.js';
import { at, type TestCdr } from '../../../helpers/cdr-builder.js';
import { harness, rng } from '../common/harness.js';

const CLOCK = { imsi: '452040000000909', msisdn: '84900000909' };
const tick = (minute: number): TestCdr => ({ ...CLOCK, at: at(minute), event: 'data', bytes: 1 });
const sim = (k: number) => ({ imsi: `4520400000010${String(k).padStart(2, '0')}`, msisdn: `849000010${String(k).padStart(2, '0')}`, cell: '452-04-7-700' });

function sms(from: { imsi: string; msisdn: string; cell?: string }, times: number[], to: (k: number) => string): TestCdr[] {
  return times.map((ms, k) => ({ ...from, id: `${from.msisdn}-${k}`, at: Math.round(ms), event: 'sms' as const, peer: to(k) }));
}

describe('sms_spam', () => {
  it('raises on a single SIM blasting a number range at a machine pace', () => {
    const r = rng(1);
    const times = Array.from({ length: 300 }, (_, k) => at(0) + k * 8000 + (r() - 0.5) * 3000);
    const h = harness([createSmsSpamDetector()]);
    h.feed([...sms(sim(1), times, (k) => String(84915000000 + k)), tick(50)]);
    const found = h.ofType('sms_spam');
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.subject).toEqual({ kind: 'msisdn', value: sim(1).msisdn });
    expect(f.evidence.sequential_recipient_share).toBeGreaterThan(0.9);
    expect(f.evidence.interval_variation).toBeLessThan(0.2);
    expect(f.evidence.recipient_range).toMatch(/^84915000000–/);
    expect(f.evidence.sample_record_ids).toHaveLength(5);
    expect(Date.parse(f.detected_at)).toBeLessThan(at(10)); // 30 recipients within ~4 minutes
  });

  it('raises on regular timing even when recipients are shuffled', () => {
    const r = rng(2);
    const times = Array.from({ length: 120 }, (_, k) => at(0) + k * 20_000 + (r() - 0.5) * 2000);
    const h = harness([createSmsSpamDetector()]);
    h.feed([...sms(sim(2), times, () => String(84916000000 + Math.floor(r() * 9_000_000))), tick(50)]);
    expect(h.ofType('sms_spam')).toHaveLength(1);
  });

  it("stays quiet for a bank's OTP sender: Poisson timing, customers not sequential", () => {
    const r = rng(3);
    const times: number[] = [];
    for (let t = at(0); t < at(180);) { t += -Math.log(1 - r()) * 12_000; times.push(t); } // ~300 an hour
    const h = harness([createSmsSpamDetector()]);
    h.feed([...sms({ imsi: '452040000000500', msisdn: '84900000500' }, times, () => String(84917000000 + Math.floor(r() * 9_000_000))), tick(190)]);
    h.finish();
    expect(h.ofType('sms_spam')).toHaveLength(0);
  });

  it('raises on each SIM of a farm in one cell sending under the single-SIM bar to disjoint blocks', () => {
    const r = rng(4);
    const records: TestCdr[] = [];
    for (let k = 0; k < 8; k++) {
      const times = Array.from({ length: 24 }, (_, n) => at(0) + k * 7000 + n * 300_000 + (r() - 0.5) * 4000); // one per 5 min
      records.push(...sms(sim(10 + k), times, (n) => String(84918000000 + k * 20_000 + n)));
    }
    const h = harness([createSmsSpamDetector()]);
    h.feed([...records, tick(130)]);
    const found = h.ofType('sms_spam');
    expect(found.map((f) => f.subject.value).sort()).toEqual(Array.from({ length: 8 }, (_, k) => sim(10 + k).msisdn).sort());
    expect(found[0]!.evidence.farm_sims).toBe(8);
    expect(found[0]!.evidence.farm_cell).toBe('452-04-7-700');
    expect(found[0]!.severity).toBe('high');
  });

  it('stays quiet for co-located SIMs sending to the same list (a group notice, not disjoint lists)', () => {
    const records: TestCdr[] = [];
    for (let k = 0; k < 8; k++) {
      const times = Array.from({ length: 24 }, (_, n) => at(0) + k * 7000 + n * 300_000);
      records.push(...sms(sim(30 + k), times, (n) => String(84919000000 + n)));
    }
    const h = harness([createSmsSpamDetector()]);
    h.feed([...records, tick(130)]);
    expect(h.ofType('sms_spam')).toHaveLength(0);
  });

  it('stays quiet for a person texting a few friends often', () => {
    const r = rng(5);
    const friends = ['84920000001', '84920000002', '84920000003', '84920000004'];
    const times = Array.from({ length: 80 }, (_, k) => at(0) + k * 45_000);
    const h = harness([createSmsSpamDetector()]);
    h.feed([...sms(sim(40), times, () => friends[Math.floor(r() * 4)]!), tick(70)]);
    expect(h.ofType('sms_spam')).toHaveLength(0);
  });
});
