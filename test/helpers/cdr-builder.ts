/** Builds CdrBatches from terse hand-written records for engine and detector tests (no validation). */
import { allocCdrBatch, ANSWERED_NA, Direction, EventKind, TrunkIn, type CdrBatch } from '../../core/cdr.js';
import { createDictionaries, type Dictionaries } from '../../core/dictionary.js';

export interface TestCdr {
  id?: string;
  at: string | number;
  imsi: string;
  msisdn: string;
  event?: 'voice' | 'sms' | 'data';
  dir?: 'mo' | 'mt';
  peer?: string;
  answered?: boolean;
  durationS?: number;
  bytes?: number;
  imei?: string;
  cell?: string;
  trunkIn?: 'international' | 'national' | 'onnet';
  operator?: string;
}

let counter = 0;

export function buildBatch(records: TestCdr[], dictionaries: Dictionaries = createDictionaries()): CdrBatch {
  const batch = allocCdrBatch(Math.max(1, records.length));
  records.forEach((r, i) => {
    const event = r.event ?? 'voice';
    const dir = r.dir ?? 'mo';
    batch.startMs[i] = typeof r.at === 'number' ? r.at : Date.parse(r.at);
    batch.event[i] = EventKind[event];
    batch.direction[i] = Direction[dir];
    batch.answered[i] = event === 'voice' ? (r.answered ?? true ? 1 : 0) : ANSWERED_NA;
    batch.durationS[i] = r.durationS ?? (event === 'voice' && (r.answered ?? true) ? 60 : 0);
    batch.ringS[i] = Number.NaN;
    batch.bytes[i] = r.bytes ?? 0;
    batch.trunkIn[i] = r.trunkIn === undefined ? TrunkIn.none : TrunkIn[r.trunkIn];
    batch.operatorId[i] = dictionaries.operator.intern(r.operator ?? '452-04');
    batch.imsiId[i] = dictionaries.imsi.intern(r.imsi);
    batch.imeiId[i] = dictionaries.imei.intern(r.imei ?? '');
    batch.cellId[i] = dictionaries.cell.intern(r.cell ?? '');
    batch.servedMsisdnId[i] = dictionaries.msisdn.intern(r.msisdn);
    batch.peerMsisdnId[i] = event === 'data' ? 0 : dictionaries.msisdn.intern(r.peer ?? '');
    batch.recordId[i] = r.id ?? `r${++counter}`;
    batch.cause[i] = '';
  });
  batch.length = records.length;
  return batch;
}

/** ISO time `minutes` after a fixed base (2026-11-02T00:00:00Z). */
export function at(minutes: number): number {
  return Date.parse('2026-11-02T00:00:00Z') + minutes * 60_000;
}
