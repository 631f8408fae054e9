import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../../core/config.js';
import { createDictionaries } from '../../../../core/dictionary.js';
import type { Finding } from '../../../../core/finding.js';
import { createSimboxDetector } from '../../../../detectors/simbox/index.js';
import { createTcgBypassDetector } from '../../../../detectors/tcg_bypass/index.js';
import { Engine } from '../../../../engine/engine.js';
import type { SubscriberRegistration } from '../../../../engine/reference.js';
import { at, buildBatch, type TestCdr } from '../../../helpers/cdr-builder.js';

const DAY0 = at(0);

function run(records: TestCdr[], registrations: Partial<SubscriberRegistration>[] = [], testCalls: Parameters<Engine['addTestCalls']>[0] = [],
  arrival: 'in-order' | 'shuffled' = 'in-order'): Finding[] {
  const dictionaries = createDictionaries();
  const config = validateConfig({ allowedDisorderMs: arrival === 'in-order' ? 0 : 3 * 3_600_000 });
  const engine = new Engine({ config, dictionaries, detectors: [createSimboxDetector(), createTcgBypassDetector()] });
  engine.reference.addSubscribers(registrations.map((r) => ({
    msisdn: '', imsi: '', operator: '452-04', activatedAtMs: DAY0 - 30 * 86_400_000, plan: 'prepaid', customerType: 'individual', dealerId: '', idHash: '', ...r,
  })));
  engine.reference.addCells([{ cellId: '452-04-100-1', siteId: 'S1', lat: 21, lon: 105, province: 'Hà Nội', district: 'Ba Đình' }]);
  engine.addTestCalls(testCalls);
  if (arrival === 'in-order') {
    engine.ingest('test', buildBatch([...records].sort((a, b) => Number(a.at) - Number(b.at)), dictionaries));
  } else {
    // Out of order, in small batches from two sources: the engine must reorder by event time.
    for (let i = 0; i < records.length; i += 5) engine.ingest(`source-${(i / 5) % 2}`, buildBatch(records.slice(i, i + 5), dictionaries));
  }
  engine.finish();
  return engine.findings();
}

/** A gateway SIM: calls to ever-new local numbers every few minutes, half answered, 2-minute talks, one cell. */
function bypassSim(n: number, imsi: string, msisdn: string, imei: string, startMinute = 60): TestCdr[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${imsi}-${i}`, imsi, msisdn, imei, at: at(startMinute + i * 4), peer: `8491${String(1_000_000 + Number(imsi.slice(-3)) * 1000 + i)}`,
    answered: i % 2 === 0, durationS: i % 2 === 0 ? 95 + (i % 7) * 11 : 0, cell: '452-04-100-1',
  }));
}

describe('simbox detector', () => {
  it('raises a gateway SIM on shared-handset, registration and behaviour evidence, with readable evidence', () => {
    const imei = '35000000000001';
    const records = [
      ...bypassSim(14, '452040000000101', '84900000101', imei),
      ...bypassSim(14, '452040000000102', '84900000102', imei, 62),
      ...bypassSim(14, '452040000000103', '84900000103', imei, 63),
    ];
    const findings = run(records, ['101', '102', '103'].map((s) => ({
      imsi: `452040000000${s}`, msisdn: `84900000${s}`, activatedAtMs: DAY0 - 2 * 86_400_000, dealerId: 'D1',
    })));
    const simbox = findings.filter((f) => f.type === 'simbox');
    expect(simbox.map((f) => f.subject.value).sort()).toEqual(['84900000101', '84900000102', '84900000103']);
    const f = simbox[0]!;
    expect(f.severity).not.toBe('low');
    expect(f.score).toBeGreaterThanOrEqual(0.95);
    expect(f.province).toBe('Hà Nội');
    expect(f.related).toContainEqual({ kind: 'imei', value: imei });
    expect(f.evidence.sims_on_handset_24h).toBe(3);
    expect(f.evidence.incoming_calls_24h).toBe(0);
    expect((f.evidence.sample_record_ids as string[]).length).toBeGreaterThan(0);
    expect((f.evidence.reasons as string[]).some((r) => r.includes('SIMs used this handset'))).toBe(true);
    // Raised within the first hour of its calls.
    expect(Date.parse(f.detected_at) - at(60)).toBeLessThanOrEqual(60 * 60_000);
  });

  it('does not take an office of agents pitching on their own phones for a SIM bank, but does take a bank', () => {
    // 12 prepaid SIMs in one cell, one handset each, calling ever-new numbers: 45-s pitches (telesales) vs 2-min conversations.
    const office = (talkS: number): TestCdr[] => Array.from({ length: 12 }, (_, k) => {
      const imsi = `45204000000${String(300 + k)}`;
      return bypassSim(16, imsi, `849000${String(300 + k)}`, `3500000000${String(300 + k)}`, 60 + k)
        .map((r, i) => ({ ...r, durationS: r.answered ? talkS + (i % 5) * 4 : 0 }));
    }).flat();
    expect(run(office(45)).filter((f) => f.type === 'simbox')).toEqual([]);
    expect(run(office(130)).filter((f) => f.type === 'simbox').length).toBe(12);
  });

  it('does not let a call centre of enterprise lines lift each other as farm suspects', () => {
    const lines = Array.from({ length: 12 }, (_, k) => bypassSim(40, `45204000000${String(400 + k)}`, `849000${String(400 + k)}`, `3500000000${String(400 + k)}`, 60 + k)).flat();
    const enterprise = Array.from({ length: 12 }, (_, k) => ({ imsi: `45204000000${String(400 + k)}`, msisdn: `849000${String(400 + k)}`, customerType: 'enterprise' as const }));
    expect(run(lines, enterprise).filter((f) => f.type === 'simbox')).toEqual([]);
  });

  it('keeps a registered enterprise line quiet although its calling looks like a gateway', () => {
    const findings = run(bypassSim(40, '452040000000201', '84900000201', '35000000000002'),
      [{ imsi: '452040000000201', msisdn: '84900000201', customerType: 'enterprise', plan: 'postpaid' }]);
    expect(findings.filter((f) => f.type === 'simbox')).toEqual([]);
  });

  it('keeps a delivery driver quiet: many callees, but on the move, called back, texting and online', () => {
    const driver = { imsi: '452040000000301', msisdn: '84900000301', imei: '35000000000003' };
    const records: TestCdr[] = [];
    for (let i = 0; i < 30; i++) {
      const customer = `8497${String(2_000_000 + i)}`;
      records.push({ ...driver, at: at(60 + i * 10), peer: customer, durationS: 25, cell: `452-04-200-${i % 9}` });
      if (i % 3 === 0) records.push({ ...driver, at: at(65 + i * 10), dir: 'mt', peer: customer, durationS: 20, cell: `452-04-200-${i % 9}` });
      if (i % 2 === 0) records.push({ ...driver, at: at(62 + i * 10), event: 'sms', peer: customer, cell: `452-04-200-${i % 9}` });
      records.push({ ...driver, at: at(61 + i * 10), event: 'data', bytes: 200_000, durationS: 60, cell: `452-04-200-${i % 9}` });
    }
    expect(run(records).filter((f) => f.type === 'simbox')).toEqual([]);
  });

  it('keeps a dual-SIM phone (two IMSIs, one IMEI) with ordinary use quiet', () => {
    const imei = '35000000000004';
    const friends = ['84911110001', '84911110002', '84911110003'];
    const records: TestCdr[] = [];
    for (const [k, sim] of [['452040000000401', '84900000401'], ['452040000000402', '84900000402']] as const) {
      for (let i = 0; i < 8; i++) {
        records.push({ imsi: k, msisdn: sim, imei, at: at(60 + i * 20 + (k.endsWith('2') ? 7 : 0)), peer: friends[i % 3]!, durationS: 120, cell: '452-04-100-1' });
        records.push({ imsi: k, msisdn: sim, imei, at: at(70 + i * 20 + (k.endsWith('2') ? 7 : 0)), dir: 'mt', peer: friends[(i + 1) % 3]!, durationS: 60, cell: '452-04-100-1' });
      }
    }
    expect(run(records).filter((f) => f.type === 'simbox')).toEqual([]);
  });

  it('does not condemn a bystander with three calls in a farm cell', () => {
    const farm = Array.from({ length: 6 }, (_, k) => bypassSim(20, `45204000000060${k}`, `8490000060${k}`, `3500000000060${k}`, 30 + k)).flat();
    const bystander = bypassSim(3, '452040000000699', '84900000699', '35000000000699', 100);
    const findings = run([...farm, ...bystander]);
    expect(findings.some((f) => f.subject.value === '84900000699')).toBe(false);
  });

  it('treats a test call that arrived with a local CLI as proof: tcg_bypass and a critical simbox finding', () => {
    const sim = { imsi: '452040000000501', msisdn: '84900000501', imei: '35000000000005' };
    const records: TestCdr[] = [{ ...sim, at: at(10), peer: '84911111111', cell: '452-04-100-1' }, { ...sim, at: at(200), event: 'data', bytes: 1 }];
    const findings = run(records, [], [{ testId: 'T1', calledAtMs: at(20), bNumber: '84922222222', originalCli: '447700900123', observedCli: '84900000501', route: 'carrier-x' }]);
    const tcg = findings.find((f) => f.type === 'tcg_bypass');
    expect(tcg?.severity).toBe('critical');
    expect(tcg?.subject).toEqual({ kind: 'msisdn', value: '84900000501' });
    expect(tcg?.evidence.original_cli).toBe('447700900123');
    const simbox = findings.find((f) => f.type === 'simbox');
    expect(simbox?.severity).toBe('critical');
    expect(simbox?.evidence.test_call_id).toBe('T1');
  });

  it('ignores a test call whose CLI arrived intact', () => {
    const findings = run([{ imsi: '452040000000502', msisdn: '84900000502', at: at(10), peer: '84911111111' }], [],
      [{ testId: 'T2', calledAtMs: at(20), bNumber: '84922222222', originalCli: '447700900123', observedCli: '447700900123', route: 'carrier-y' }]);
    expect(findings).toEqual([]);
  });

  it('gives the same findings, ids included, whatever order the records arrive in', () => {
    const imei = '35000000000701';
    const records = [...bypassSim(30, '452040000000701', '84900000701', imei), ...bypassSim(30, '452040000000702', '84900000702', imei, 61),
      ...bypassSim(30, '452040000000703', '84900000703', imei, 62)];
    const regs = ['701', '702', '703'].map((s) => ({ imsi: `452040000000${s}`, msisdn: `84900000${s}`, activatedAtMs: DAY0 - 86_400_000, dealerId: 'D9' }));
    const inOrder = run(records, regs);
    expect(inOrder.length).toBe(3);
    let seed = 7;
    const shuffled = [...records].sort(() => ((seed = (seed * 16807) % 2147483647) % 3) - 1);
    expect(run(shuffled, regs, [], 'shuffled')).toEqual(inOrder);
  });
});
