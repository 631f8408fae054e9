import { describe, expect, it } from 'vitest';
import { createSmsSpamDetector } from '../../../../detectors/sms_spam/index.js';
import { ReferenceData } from '../../../../engine/reference.js';
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

  const poissonTimes = (seed: number, fromMinute: number, toMinute: number, meanGapMs: number): number[] => {
    const r = rng(seed);
    const times: number[] = [];
    for (let t = at(fromMinute); t < at(toMinute);) { t += -Math.log(1 - r()) * meanGapMs; times.push(t); }
    return times;
  };

  it("stays quiet for a bank's OTP sender registered as a business: Poisson timing, customers not sequential", () => {
    const r = rng(3);
    const bank = { imsi: '452040000000500', msisdn: '84900000500' };
    const reference = new ReferenceData();
    reference.addSubscribers([{ ...bank, operator: '452-04', activatedAtMs: at(-100_000), plan: 'postpaid', customerType: 'enterprise', dealerId: '', idHash: 'bank' }]);
    const h = harness([createSmsSpamDetector()], { reference });
    h.feed([...sms(bank, poissonTimes(3, 0, 180, 12_000), () => String(84917000000 + Math.floor(r() * 9_000_000))), tick(190)]); // ~300 an hour
    h.finish();
    expect(h.ofType('sms_spam')).toHaveLength(0);
  });

  it('raises on a SIM sending one-way to random numbers at random times once it passes the daily bulk bar', () => {
    const r = rng(5);
    const spammer = { imsi: '452040000000501', msisdn: '84900000501' };
    const times = poissonTimes(5, 0, 600, 150_000); // ~24 an hour, irregular
    const h = harness([createSmsSpamDetector()]);
    h.feed([...sms(spammer, times, () => String(84917000000 + Math.floor(r() * 9_000_000))), tick(610)]);
    const found = h.ofType('sms_spam');
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence.rule).toBe('bulk one-way sending');
    expect(found[0]!.evidence.sms_today).toBeGreaterThanOrEqual(100);
    expect(found[0]!.evidence.interval_variation).toBeGreaterThan(0.35); // not caught by pacing
  });

  it('stays quiet for a heavy texter whose messages are answered, however many', () => {
    const person = { imsi: '452040000000502', msisdn: '84900000502' };
    const times = poissonTimes(6, 0, 600, 150_000);
    const friends = (k: number): string => String(84917000000 + ((k * 7_919_003) % 9_000_000)); // many distinct people (a festival greeting round)…
    const replies: TestCdr[] = times.map((ms, k) => ({ ...person, id: `reply-${k}`, at: Math.round(ms) + 30_000, event: 'sms' as const, dir: 'mt' as const, peer: friends(k) }));
    const h = harness([createSmsSpamDetector()]);
    h.feed([...sms(person, times, friends), ...replies, tick(610)].sort((a, b) => Number(a.at) - Number(b.at))); // …who text back
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
