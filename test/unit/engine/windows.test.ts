import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../core/config.js';
import { createDictionaries } from '../../../core/dictionary.js';
import { Engine } from '../../../engine/engine.js';
import { at, buildBatch, type TestCdr } from '../../helpers/cdr-builder.js';

const A = { imsi: '452040000000001', msisdn: '84900000001' };
const B = { imsi: '452040000000002', msisdn: '84900000002' };

function engineWith(records: TestCdr[], disorderMs = 0) {
  const dictionaries = createDictionaries();
  const engine = new Engine({ config: validateConfig({ allowedDisorderMs: disorderMs }), dictionaries, detectors: [] });
  if (records.length > 0) engine.ingest('test', buildBatch(records, dictionaries));
  const slotOf = (imsi: string) => engine.windows.slotOf(dictionaries.imsi.lookup(imsi));
  return { engine, dictionaries, slotOf };
}

describe('sliding windows', () => {
  it('counts a call in the 1 h window for exactly 60 panes', () => {
    const { engine, slotOf } = engineWith([{ ...A, at: at(0), peer: '84911111111' }]);
    const tick = (minute: number) => engine.ingest('test', buildBatch([{ ...B, at: at(minute), event: 'data', bytes: 10 }], engine.dictionaries));
    tick(60); // closes panes 0..59: the call (pane 0) is in [0, 59]
    expect(engine.windows.features(slotOf(A.imsi), '1h').outgoingCalls).toBe(1);
    tick(61); // pane 60 closes: the 1 h window is [1, 60]
    expect(engine.windows.features(slotOf(A.imsi), '1h').outgoingCalls).toBe(0);
    expect(engine.windows.features(slotOf(A.imsi), '24h').outgoingCalls).toBe(1);
  });

  it('slides the 24 h window by hourly panes', () => {
    const { engine, slotOf } = engineWith([{ ...A, at: at(30), peer: '84911111111' }]);
    const tick = (minute: number) => engine.ingest('test', buildBatch([{ ...B, at: at(minute), event: 'sms', peer: '84922222222' }], engine.dictionaries));
    tick(24 * 60 + 59); // hour 23 not yet closed: the call's hour 0 still counts
    expect(engine.windows.features(slotOf(A.imsi), '24h').outgoingCalls).toBe(1);
    tick(24 * 60 + 61); // hour 24 closes at minute 1499 → hour 0 leaves
    expect(engine.windows.features(slotOf(A.imsi), '24h').outgoingCalls).toBe(0);
    expect(engine.windows.features(slotOf(A.imsi), '24h').distinctCallees).toBe(0);
  });

  it('counts distinct callees exactly, per window, and callbacks', () => {
    const { engine, slotOf } = engineWith([
      { ...A, at: at(0), peer: '84911111111' },
      { ...A, at: at(1), peer: '84911111111' },
      { ...A, at: at(2), peer: '84922222222' },
      { ...A, at: at(70), peer: '84933333333' },
      { ...A, at: at(71), dir: 'mt', peer: '84911111111' },
      { ...B, at: at(200), event: 'data', bytes: 1 },
    ]);
    const slot = slotOf(A.imsi);
    const day = engine.windows.features(slot, '24h');
    expect(day.distinctCallees).toBe(3);
    expect(day.distinctCallers).toBe(1);
    expect(day.calleesCalledBack).toBe(1);
    expect(day.noCallbackShare).toBeCloseTo(2 / 3);
    expect(engine.windows.features(slot, '1h').distinctCallees).toBe(0); // window [140,199]
  });

  it('drops a distinct callee from the 1 h window only when its last call leaves it', () => {
    const { engine, slotOf } = engineWith([
      { ...A, at: at(0), peer: '84911111111' },
      { ...A, at: at(30), peer: '84911111111' },
      { ...B, at: at(61), event: 'data', bytes: 1 },
    ]);
    const slot = slotOf(A.imsi);
    expect(engine.windows.features(slot, '1h').distinctCallees).toBe(1); // [1,60]: the call at 30 is in
    engine.ingest('test', buildBatch([{ ...B, at: at(91), event: 'data', bytes: 1 }], engine.dictionaries));
    expect(engine.windows.features(slot, '1h').distinctCallees).toBe(0); // [31,90]
  });

  it('counts IMSIs per IMEI (SIM rotation in one device)', () => {
    const { engine, dictionaries } = engineWith([
      { ...A, at: at(0), peer: '84911111111', imei: '35000000000001' },
      { ...B, at: at(5), peer: '84911111112', imei: '35000000000001' },
      { imsi: '452040000000003', msisdn: '84900000003', at: at(9), peer: '84911111113', imei: '35000000000001' },
      { ...A, at: at(100), event: 'data', bytes: 1 },
    ]);
    const imei = dictionaries.imei.lookup('35000000000001');
    expect(engine.windows.imsisOnImei(imei, '24h')).toBe(3);
    expect(engine.windows.imsisOnImei(imei, '1h')).toBe(0);
  });

  it('counts a subscriber\'s cells and IMEIs apart though they share one pair table, and expires both', () => {
    const { engine, dictionaries, slotOf } = engineWith([
      { ...A, at: at(0), peer: '84911111111', imei: '35000000000001', cell: '452-04-1-1' },
      { ...A, at: at(1), peer: '84911111111', imei: '35000000000002', cell: '452-04-1-2' },
      { ...A, at: at(2), event: 'data', bytes: 1, imei: '35000000000002', cell: '452-04-1-3' },
      { ...A, at: at(3), event: 'sms', peer: '84911111112', cell: '452-04-1-3' },
      { ...B, at: at(4), peer: '84911111111', imei: '35000000000001', cell: '452-04-1-1' },
    ]);
    const tick = (minute: number) => engine.ingest('test', buildBatch([{ ...B, at: at(minute), event: 'data', bytes: 1 }], dictionaries));
    tick(30);
    const f = engine.windows.features(slotOf(A.imsi), '1h');
    expect([f.distinctCells, f.distinctImeis]).toEqual([3, 2]);
    expect([engine.windows.features(slotOf(B.imsi), '24h').distinctCells, engine.windows.features(slotOf(B.imsi), '24h').distinctImeis]).toEqual([1, 1]);
    expect(engine.windows.imsisOnImei(dictionaries.imei.lookup('35000000000001'), '24h')).toBe(2);
    tick(24 * 60 + 61); // hour 0 leaves the 24 h window: A's pairs expire, B's too
    const g = engine.windows.features(slotOf(A.imsi), '24h');
    expect([g.distinctCells, g.distinctImeis]).toEqual([0, 0]);
    expect(engine.windows.imsisOnImei(dictionaries.imei.lookup('35000000000001'), '24h')).toBe(0);
  });

  it('keeps operator ids exact when an id outgrows 8 bits', () => {
    const { engine, slotOf } = engineWith([]);
    engine.ingest('test', buildBatch([{ ...A, at: at(0), peer: '84911111111', operator: 'op-7' }], engine.dictionaries));
    for (let i = 0; i < 300; i++) engine.dictionaries.operator.intern(`op-${i}`);
    engine.ingest('test', buildBatch([{ ...B, at: at(1), peer: '84911111111', operator: 'op-299' }], engine.dictionaries));
    engine.ingest('test', buildBatch([{ ...A, at: at(3), event: 'data', bytes: 1, operator: 'op-7' }], engine.dictionaries));
    expect(engine.windows.operatorId.BYTES_PER_ELEMENT).toBe(2);
    expect(engine.dictionaries.operator.value(engine.windows.operatorId[slotOf(A.imsi)]!)).toBe('op-7');
    expect(engine.dictionaries.operator.value(engine.windows.operatorId[slotOf(B.imsi)]!)).toBe('op-299');
    expect(engine.dictionaries.operator.lookup('op-299')).toBeGreaterThan(255);
  });

  it('sums durations and data exactly and keeps answered ratio', () => {
    const { engine, slotOf } = engineWith([
      { ...A, at: at(0), peer: '84911111111', durationS: 30.5 },
      { ...A, at: at(1), peer: '84911111112', answered: false, durationS: 0 },
      { ...A, at: at(2), peer: '84911111113', durationS: 90.5 },
      { ...A, at: at(3), event: 'data', bytes: 2048, durationS: 100 },
      { ...B, at: at(10), event: 'data', bytes: 1 },
    ]);
    const f = engine.windows.features(slotOf(A.imsi), '1h');
    expect(f.outgoingCalls).toBe(3);
    expect(f.answeredRatio).toBeCloseTo(2 / 3);
    expect(f.meanDurationS).toBeCloseTo(60.5);
    expect(f.dataBytes).toBe(2048);
  });
});

describe('lateness', () => {
  it('applies a record within the allowed lateness and counts one beyond it', () => {
    const { engine, slotOf } = engineWith([{ ...A, at: at(0), peer: '84911111111' }, { ...B, at: at(200), event: 'data', bytes: 1 }]);
    // watermark is at minute 200 (no disorder); lateness 60 min
    engine.ingest('test', buildBatch([{ ...A, at: at(150), peer: '84922222222' }, { ...A, at: at(100), peer: '84933333333' }], engine.dictionaries));
    engine.ingest('test', buildBatch([{ ...B, at: at(202), event: 'data', bytes: 1 }], engine.dictionaries));
    expect(engine.stats.lateApplied).toBe(1);
    expect(engine.stats.tooLate).toBe(1);
    const f = engine.windows.features(slotOf(A.imsi), '24h');
    expect(f.outgoingCalls).toBe(2);
    expect(engine.windows.features(slotOf(A.imsi), '1h').outgoingCalls).toBe(1);
  });

  it('holds records until the watermark passes their pane, then applies them in event-time order', () => {
    const { engine, slotOf } = engineWith([], 10 * 60_000);
    engine.ingest('s1', buildBatch([{ ...A, at: at(5), peer: '84911111111' }, { ...A, at: at(2), peer: '84922222222' }], engine.dictionaries));
    expect(slotOf(A.imsi)).toBe(-1); // watermark = 5 − 10 min: nothing closed
    engine.ingest('s1', buildBatch([{ ...B, at: at(16), event: 'data', bytes: 1 }], engine.dictionaries));
    expect(engine.windows.features(slotOf(A.imsi), '1h').outgoingCalls).toBe(2);
    expect(engine.stats.lateApplied + engine.stats.tooLate).toBe(0);
  });

  it('lets a late record older than the first pane leave the 1 h window 60 panes after its minute', () => {
    const { engine, slotOf } = engineWith([{ ...B, at: at(10), event: 'data', bytes: 1 }]);
    const tick = (minute: number) => engine.ingest('test', buildBatch([{ ...B, at: at(minute), event: 'data', bytes: 1 }], engine.dictionaries));
    tick(12); // panes 10 and 11 closed: the engine's first pane is minute 10
    engine.ingest('test', buildBatch([{ ...A, at: at(5), peer: '84911111111', durationS: 42 }], engine.dictionaries));
    tick(13);
    expect(engine.stats.lateApplied).toBe(1);
    const slot = slotOf(A.imsi);
    expect([engine.windows.features(slot, '1h').outgoingCalls, engine.windows.features(slot, '1h').distinctCallees]).toEqual([1, 1]);
    tick(65); // window [5, 64]
    expect(engine.windows.features(slot, '1h').outgoingCalls).toBe(1);
    tick(66); // window [6, 65]: the record's pane has left
    expect(engine.windows.features(slot, '1h')).toMatchObject({ outgoingCalls: 0, meanDurationS: 0, distinctCallees: 0 });
    expect(engine.windows.features(slot, '24h')).toMatchObject({ outgoingCalls: 1, meanDurationS: 42, distinctCallees: 1 });
  });

  it('evicts an idle subscriber and hands its slot to a newcomer with nothing left over', () => {
    const dictionaries = createDictionaries();
    const engine = new Engine({ config: validateConfig({ allowedDisorderMs: 0, idleKeyEvictMs: 86_400_000 }), dictionaries, detectors: [] });
    const C = { imsi: '452040000000003', msisdn: '84900000003' };
    engine.ingest('test', buildBatch([
      { ...A, at: at(0), peer: '84911111111', imei: '35000000000001', durationS: 30 },
      { ...A, at: at(1), dir: 'mt', peer: '84911111111', imei: '35000000000001' },
    ], dictionaries));
    for (let m = 60; m <= 25 * 60 + 1; m += 60) engine.ingest('test', buildBatch([{ ...B, at: at(m), event: 'data', bytes: 1 }], dictionaries));
    const freed = engine.windows.slotOf(dictionaries.imsi.lookup(A.imsi));
    expect(freed).toBe(-1);
    expect(engine.stats.evicted).toBe(1);
    engine.ingest('test', buildBatch([{ ...C, at: at(25 * 60 + 2), event: 'sms', peer: '84922222222' }], dictionaries));
    engine.ingest('test', buildBatch([{ ...B, at: at(25 * 60 + 4), event: 'data', bytes: 1 }], dictionaries));
    const slot = engine.windows.slotOf(dictionaries.imsi.lookup(C.imsi));
    expect(slot).toBe(0); // A's slot (A was applied first), reused
    expect(engine.windows.features(slot, '24h')).toMatchObject({
      outgoingCalls: 0, incomingCalls: 0, outgoingSms: 1, meanDurationS: 0, distinctCallees: 0, distinctCallers: 0, calleesCalledBack: 0, distinctImeis: 0,
    });
    expect(engine.windows.imsisOnImei(dictionaries.imei.lookup('35000000000001'), '24h')).toBe(0);
  });
});

