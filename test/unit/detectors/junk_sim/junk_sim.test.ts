import { describe, expect, it } from 'vitest';
import { createJunkSimDetector } from '../../../../detectors/junk_sim/index.js';
import { densestWindowThrough } from '../../../../detectors/junk_sim/registry.js';
import { ReferenceData, type SubscriberRegistration } from '../../../../engine/reference.js';
import { at, type TestCdr } from '../../../helpers/cdr-builder.js';
import { harness } from '../common/harness.js';

const CLOCK = { imsi: '452040000000909', msisdn: '84900000909' };
const tick = (minute: number): TestCdr => ({ ...CLOCK, at: at(minute), event: 'data', bytes: 1 });

function reg(k: number, over: Partial<SubscriberRegistration> = {}): SubscriberRegistration {
  return {
    msisdn: `8490004${String(k).padStart(4, '0')}`, imsi: `45204000004${String(k).padStart(4, '0')}`, operator: '452-04',
    activatedAtMs: at(-30 * 1440) + k * 86_400_000 / 7, plan: 'prepaid', customerType: 'individual', dealerId: `D${k % 50}`, idHash: `id${k}`, ...over,
  };
}
const use = (r: SubscriberRegistration, minute: number, extra: Partial<TestCdr> = {}): TestCdr =>
  ({ imsi: r.imsi, msisdn: r.msisdn, at: at(minute), event: 'data', bytes: 10, cell: '452-04-9-900', ...extra });

/** Full rescan: most activations inside any window of `windowMs`, and where that window starts (the oracle). */
function densestWindow(sorted: number[], windowMs: number): { count: number; fromMs: number } {
  let best = 0;
  let fromMs = 0;
  let left = 0;
  for (let right = 0; right < sorted.length; right++) {
    while (sorted[right]! - sorted[left]! > windowMs) left++;
    if (right - left + 1 > best) { best = right - left + 1; fromMs = sorted[left]!; }
  }
  return { count: best, fromMs };
}

describe('junk_sim', () => {
  it('raises on an identity document with more SIMs in use at one operator than the cap', () => {
    const sims = Array.from({ length: 5 }, (_, k) => reg(k, { idHash: 'forged-1' }));
    const reference = new ReferenceData();
    reference.addSubscribers(sims);
    reference.addCells([{ cellId: '452-04-9-900', siteId: 'S9', lat: 10.8, lon: 106.7, province: 'Ho Chi Minh', district: 'Quan 1' }]);
    const h = harness([createJunkSimDetector()], { reference });
    h.feed([...sims.slice(0, 3).map((s, k) => use(s, k)), tick(10)]);
    expect(h.ofType('junk_sim')).toHaveLength(0); // three is legal
    h.feed([use(sims[3]!, 12), use(sims[4]!, 13), tick(20)]);
    const [f] = h.ofType('junk_sim').filter((x) => x.subject.kind === 'id_hash');
    expect(f?.subject.value).toBe('forged-1');
    expect(f?.evidence.sims_in_use_on_operator).toBe(5);
    expect(f?.province).toBe('Ho Chi Minh');
    expect(f?.related).toHaveLength(5);
  });

  it('keeps three SIMs per operator on one ID quiet even with more across operators', () => {
    const sims = [0, 1, 2].map((k) => reg(k, { idHash: 'person' })).concat([3, 4].map((k) => reg(k, { idHash: 'person', operator: '452-01' })));
    const reference = new ReferenceData();
    reference.addSubscribers(sims);
    const h = harness([createJunkSimDetector()], { reference });
    h.feed([...sims.map((s, k) => use(s, k, { operator: s.operator })), tick(10)]);
    expect(h.ofType('junk_sim')).toHaveLength(0);
  });

  it('raises on a dealer activating faster than in-person checks allow', () => {
    const start = at(-2 * 1440);
    const sims = Array.from({ length: 12 }, (_, k) => reg(100 + k, { dealerId: 'D-BULK', idHash: `p${k}`, activatedAtMs: start + k * 90_000 }));
    const reference = new ReferenceData();
    reference.addSubscribers(sims);
    const h = harness([createJunkSimDetector()], { reference });
    h.feed([...sims.map((s, k) => use(s, k)), tick(20)]);
    const [f] = h.ofType('junk_sim').filter((x) => x.subject.kind === 'dealer');
    expect(f?.subject.value).toBe('D-BULK');
    expect(f?.evidence.most_activations_within_window).toBe(12);
    expect(f?.first_event_at).toBe(new Date(start).toISOString());
  });

  it('keeps a busy store quiet when its burst of customers scatter across the network', () => {
    const start = at(-2 * 1440);
    const sims = Array.from({ length: 12 }, (_, k) => reg(150 + k, { dealerId: 'D-STORE', idHash: `s${k}`, activatedAtMs: start + k * 90_000 }));
    const reference = new ReferenceData();
    reference.addSubscribers(sims);
    const h = harness([createJunkSimDetector()], { reference });
    h.feed([...sims.map((s, k) => use(s, k, { cell: `452-04-9-${100 + k}` })), tick(20)]);
    expect(h.ofType('junk_sim')).toHaveLength(0);
  });

  it('keeps an ordinary dealer quiet (activations spread over days)', () => {
    const sims = Array.from({ length: 40 }, (_, k) => reg(200 + k, { dealerId: 'D-SHOP', idHash: `q${k}` }));
    const reference = new ReferenceData();
    reference.addSubscribers(sims);
    const h = harness([createJunkSimDetector()], { reference });
    h.feed([...sims.map((s, k) => use(s, k)), tick(50)]);
    expect(h.ofType('junk_sim')).toHaveLength(0);
  });

  it('raises on a days-old SIM that goes straight to heavy one-way calling, and rolls risk up to its dealer', () => {
    const old = at(-365 * 1440);
    const fresh = [0, 1, 2].map((k) => reg(300 + k, { dealerId: 'D-RISK', idHash: `r${k}`, activatedAtMs: at(-1440) + k * 86_400_000 / 3 }));
    const others = [3, 4, 5, 6].map((k) => reg(300 + k, { dealerId: 'D-RISK', idHash: `r${k}`, activatedAtMs: old + k * 86_400_000 }));
    const reference = new ReferenceData();
    reference.addSubscribers([...fresh, ...others]);
    const h = harness([createJunkSimDetector({ raiseSimFindings: true })], { reference });
    const records: TestCdr[] = others.map((s, k) => use(s, k));
    for (const s of fresh) for (let n = 0; n < 40; n++) records.push(use(s, n, { event: 'voice', dir: 'mo', peer: `8491${String(n).padStart(7, '0')}`, answered: false, durationS: 0 }));
    h.feed([...records, tick(50)]);
    const found = h.ofType('junk_sim');
    expect(found.filter((f) => f.subject.kind === 'msisdn').map((f) => f.subject.value).sort()).toEqual(fresh.map((s) => s.msisdn).sort());
    const dealer = found.find((f) => f.subject.kind === 'dealer');
    expect(dealer?.subject.value).toBe('D-RISK');
    expect(dealer?.evidence.risky_sims).toBe(3);
  });

  it('keeps a new SIM of a sociable person quiet (calls both ways)', () => {
    const s = reg(400, { activatedAtMs: at(-60) });
    const reference = new ReferenceData();
    reference.addSubscribers([s]);
    const h = harness([createJunkSimDetector({ raiseSimFindings: true })], { reference });
    const records: TestCdr[] = [];
    for (let n = 0; n < 40; n++) {
      records.push(use(s, n, { event: 'voice', dir: n % 2 === 0 ? 'mo' : 'mt', peer: `8491${String(n % 6).padStart(7, '0')}` }));
    }
    h.feed([...records, tick(50)]);
    expect(h.ofType('junk_sim')).toHaveLength(0);
  });

  it('by default names only the dealer, not each fresh SIM (other detectors own the SIMs)', () => {
    const fresh = [0, 1, 2].map((k) => reg(500 + k, { dealerId: 'D-RISK2', idHash: `t${k}`, activatedAtMs: at(-1440) + k * 3_600_000 }));
    const reference = new ReferenceData();
    reference.addSubscribers(fresh);
    const h = harness([createJunkSimDetector()], { reference });
    const records: TestCdr[] = [];
    for (const s of fresh) for (let n = 0; n < 40; n++) records.push(use(s, n, { event: 'sms', dir: 'mo', peer: `8492${String(n).padStart(7, '0')}` }));
    h.feed([...records, tick(50)]);
    expect(h.ofType('junk_sim').map((f) => f.subject)).toEqual([{ kind: 'dealer', value: 'D-RISK2' }]);
  });

  it('finds the densest activation window', () => {
    expect(densestWindow([0, 10, 20, 1000, 1001, 1002, 1003], 5)).toEqual({ count: 4, fromMs: 1000 });
  });

  it('tracks a dealer\'s burst per insertion exactly as a full rescan after each insertion would', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 50; trial++) {
      const sorted: number[] = [];
      let best = { count: 0, fromMs: 0 };
      let rescanned = { count: 0, fromMs: 0 };
      for (let n = 0; n < 60; n++) {
        const value = Math.floor(next() * 200); // many ties and overlapping windows
        let at = sorted.findIndex((v) => v > value);
        if (at < 0) at = sorted.length;
        sorted.splice(at, 0, value);
        const through = densestWindowThrough(sorted, at, 15);
        if (through.count > best.count) best = through;
        // The dealer keeps the first window that reached its best count (registry.add updates on a strictly larger count).
        const full = densestWindow(sorted, 15);
        if (full.count > rescanned.count) rescanned = full;
        expect(best).toEqual(rescanned);
      }
    }
  });
});
