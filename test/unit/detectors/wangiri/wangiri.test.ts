import { describe, expect, it } from 'vitest';
import { createWangiriDetector } from '../../../../detectors/wangiri/index.js';
import { at, buildBatch, type TestCdr } from '../../../helpers/cdr-builder.js';
import { harness } from '../common/harness.js';

const CLOCK = { imsi: '452040000000909', msisdn: '84900000909' };
const tick = (minute: number): TestCdr => ({ ...CLOCK, at: at(minute), event: 'data', bytes: 1 });
const local = (k: number) => ({ imsi: `45204000002${String(k).padStart(4, '0')}`, msisdn: `8490002${String(k).padStart(4, '0')}` });

/** `foreign` rings locals first..first+n-1, one every 20 s from `minute`. */
function rings(foreign: string, first: number, n: number, minute: number, answered = false, talkS = 0): TestCdr[] {
  return Array.from({ length: n }, (_, k) => ({
    ...local(first + k), id: `${foreign}-${first + k}`, at: at(minute) + k * 20_000, dir: 'mt' as const, peer: foreign,
    answered, durationS: answered ? talkS : 0, trunkIn: 'international' as const,
  }));
}

describe('wangiri', () => {
  it('raises on the range when consecutive numbers each ring a few subscribers, and on a number that rings many', () => {
    const h = harness([createWangiriDetector()]);
    const records: TestCdr[] = [];
    for (let k = 0; k < 5; k++) records.push(...rings(`37167123000${k}`, k * 6, 6, k * 3)); // 30 targets, 6 per number
    records.push(...rings('882345670123', 100, 15, 20));
    h.feed([...records, tick(40)]);
    const found = h.ofType('wangiri');
    const range = found.find((f) => f.subject.kind === 'number_range');
    expect(range?.subject.value).toBe('37167123000'); // numbers …0000 to …0004: the tightest common prefix
    expect(range?.evidence.number_range).toBe('371671230000–371671230009');
    expect(range?.evidence.numbers).toHaveLength(5);
    expect(range?.evidence.local_subscribers_rung).toBe(30);
    expect(range?.evidence.numbers_used).toBe(5);
    expect(found.filter((f) => f.subject.kind === 'msisdn').map((f) => f.subject.value)).toEqual(['882345670123']);
    expect(range?.severity).toBe('medium');
    expect(range?.evidence.sample_record_ids!.length).toBe(5);
  });

  it('raises again, higher, when victims call back, keeping the same finding id', () => {
    const h = harness([createWangiriDetector()]);
    h.feed([...rings('882345670123', 0, 12, 0), tick(10)]);
    const [before] = h.ofType('wangiri').filter((f) => f.subject.kind === 'msisdn');
    expect(before?.severity).toBe('medium');
    const callbacks: TestCdr[] = Array.from({ length: 5 }, (_, k) => ({
      ...local(k), id: `cb-${k}`, at: at(60 + k * 30), dir: 'mo' as const, peer: '882345670123', answered: true, durationS: 240,
    }));
    h.feed([callbacks[0]!, tick(65)]);
    const [one] = h.ofType('wangiri').filter((f) => f.subject.kind === 'msisdn');
    expect(one?.id).toBe(before?.id);
    expect(one?.severity).toBe('high');
    h.feed([...callbacks.slice(1), tick(200)]);
    const [all] = h.ofType('wangiri').filter((f) => f.subject.kind === 'msisdn');
    expect(all?.severity).toBe('critical');
    expect(all?.evidence.local_subscribers_who_called_back).toBe(5);
    expect(all?.evidence.callback_talk_s).toBe(1200);
    expect(all?.evidence.callback_record_ids).toEqual(['cb-0', 'cb-1', 'cb-2', 'cb-3', 'cb-4']);
  });

  it('stays quiet for relatives and an international call centre whose calls are answered and long', () => {
    const h = harness([createWangiriDetector()]);
    h.feed([...rings('14155550100', 0, 3, 0, true, 600), ...rings('6561234567', 10, 20, 0, true, 180), tick(60)]);
    h.finish();
    expect(h.ofType('wangiri')).toHaveLength(0);
  });

  it('ignores home-country numbers ringing many subscribers (that is mass calling, not Wangiri)', () => {
    const h = harness([createWangiriDetector()]);
    h.feed([...rings('84987654321', 0, 30, 0), tick(30)]);
    expect(h.ofType('wangiri')).toHaveLength(0);
  });

  it('uses ring time when the switch reports it: calls left ringing ~25 s are not one-ring calls', () => {
    const h = harness([createWangiriDetector()]);
    for (const [number, ringS] of [['882345670123', 25], ['882345679999', 2]] as const) {
      const batch = buildBatch(rings(number, number.endsWith('123') ? 0 : 100, 15, 0), h.engine.dictionaries);
      batch.ringS.fill(ringS, 0, batch.length);
      h.engine.ingest('test', batch);
    }
    h.feed([tick(30)]);
    const found = h.ofType('wangiri').filter((f) => f.subject.kind === 'msisdn');
    expect(found.map((f) => f.subject.value)).toEqual(['882345679999']);
    expect(found[0]!.evidence.mean_ring_s).toBe(2);
  });
});
