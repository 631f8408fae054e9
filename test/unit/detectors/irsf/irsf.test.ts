import { describe, expect, it } from 'vitest';
import { countryCodeOf } from '../../../../detectors/irsf/country-code.js';
import { createIrsfDetector } from '../../../../detectors/irsf/index.js';
import { ReferenceData } from '../../../../engine/reference.js';
import { at, type TestCdr } from '../../../helpers/cdr-builder.js';
import { harness, rng } from '../common/harness.js';

const SIM = { imsi: '452040000000301', msisdn: '84900000301', imei: '35000000000301', cell: '452-04-3-301' };
const CLOCK = { imsi: '452040000000909', msisdn: '84900000909' };
const tick = (minute: number): TestCdr => ({ ...CLOCK, at: at(minute), event: 'data', bytes: 1 });

function calls(n: number, from: number, gapS: number, callee: (k: number) => string, talkS: (k: number) => number, who = SIM): TestCdr[] {
  return Array.from({ length: n }, (_, k) => ({
    ...who, id: `${who.msisdn}-i${k}`, at: at(from) + k * gapS * 1000, peer: callee(k), answered: talkS(k) > 0, durationS: talkS(k),
  }));
}

describe('irsf', () => {
  it('raises on a SIM calling hot-list premium numbers at night, with province and ranges', () => {
    const r = rng(1);
    const reference = new ReferenceData();
    reference.addCells([{ cellId: SIM.cell, siteId: 'S301', lat: 21, lon: 105.8, province: 'Ha Noi', district: 'Cau Giay' }]);
    const h = harness([createIrsfDetector()], { reference });
    // at(0) is 07:00 local; minute 1080 is 01:00 local (night)
    h.feed([...calls(8, 1080, 400, (k) => `88234567${String(1000 + k)}`, () => 300 + Math.floor(r() * 600)), tick(1150)]);
    const [f, ...rest] = h.ofType('irsf');
    expect(rest).toHaveLength(0);
    expect(f!.subject).toEqual({ kind: 'msisdn', value: SIM.msisdn });
    expect(f!.severity).toBe('high');
    expect(f!.province).toBe('Ha Noi');
    expect(f!.district).toBe('Cau Giay');
    expect(f!.evidence.hot_list_calls).toBeGreaterThanOrEqual(5);
    expect(f!.evidence.night_share).toBe(1);
    expect(f!.evidence.destination_ranges).toEqual(['882345671xxx']);
    expect(f!.related).toContainEqual({ kind: 'number_range', value: '882345671xxx' });
  });

  it('raises on a surge of long calls into one ordinary-country range (operator list not needed)', () => {
    const h = harness([createIrsfDetector()]);
    h.feed([...calls(25, 0, 200, (k) => `2327612${String(3000 + k * 7).padStart(4, '0')}`, () => 400), tick(100)]);
    const [f] = h.ofType('irsf');
    expect(f?.evidence.pattern).toMatch(/surge/);
    expect(f?.severity).toBe('critical'); // 25 × 400 s ≥ 2 h of talk
  });

  it('raises on back-to-back long night calls to a few numbers in one ordinary destination', () => {
    const h = harness([createIrsfDetector()]);
    const numbers = ['5372231456', '5372231789', '5372231012'];
    // from 01:00 local: 35-min calls with a minute between them
    h.feed([...calls(5, 1080, 36 * 60, (k) => numbers[k % 3]!, () => 2100), tick(1300)]);
    const [f] = h.ofType('irsf');
    expect(f?.evidence.pattern).toMatch(/night/);
    expect(f?.evidence.numbers_in_destination).toBe(3);
    expect(f?.evidence.destination_country_code).toBe('53');
  });

  it('stays quiet for a long night call to family abroad (one number)', () => {
    const h = harness([createIrsfDetector()]);
    h.feed([...calls(3, 1080, 62 * 60, () => '5372231456', () => 3600), tick(1300)]);
    h.finish();
    expect(h.ofType('irsf')).toHaveLength(0);
  });

  it('honours an operator hot list', () => {
    const h = harness([createIrsfDetector({ hotRanges: ['5399'] })]);
    h.feed([...calls(6, 0, 300, (k) => `53991234${String(k)}`, () => 120), tick(60)]);
    expect(h.ofType('irsf')).toHaveLength(1);
  });

  it('stays quiet for family calls abroad and a business calling partners across a country', () => {
    const r = rng(2);
    const h = harness([createIrsfDetector()]);
    const family = calls(3, 0, 900, () => '14155550123', () => 1500);
    const business = calls(30, 0, 100, () => `1${String(2000000000 + Math.floor(r() * 7_000_000_000))}`, () => 240,
      { imsi: '452040000000302', msisdn: '84900000302', imei: '35000000000302', cell: '452-04-3-302' });
    h.feed([...family, ...business, tick(120)]);
    h.finish();
    expect(h.ofType('irsf')).toHaveLength(0);
  });

  it('reads E.164 country codes (prefix-free: 1, 7, listed two-digit codes, else three digits)', () => {
    expect(['14155550123', '74951234567', '5372231456', '25250277663', '8816123456', '4420794600'].map(countryCodeOf))
      .toEqual(['1', '7', '53', '252', '881', '44']);
  });

  it('rejects a malformed hot-list entry at construction', () => {
    expect(() => createIrsfDetector({ hotRanges: ['+882'] })).toThrow(/irsf.hotRanges/);
  });
});
