/**
 * Daily features per subscriber: the 24 h window read at local midnight, when it covers
 * exactly the day that ended, in the store's DailyFeatureColumns.
 */
import type { Dictionaries } from '../core/dictionary.js';
import type { DailyFeatureColumns } from '../store/index.js';
import { Counter, Distinct } from './features.js';
import type { SubscriberWindows } from './subscriber-windows.js';

export type { DailyFeatureColumns };

export function buildDailyFeatures(windows: SubscriberWindows, dictionaries: Dictionaries, day: string): DailyFeatureColumns {
  const active: number[] = [];
  for (const slot of windows.slots()) {
    const any = windows.counter(slot, Counter.moVoice, '24h') + windows.counter(slot, Counter.mtVoice, '24h')
      + windows.counter(slot, Counter.moSms, '24h') + windows.counter(slot, Counter.mtSms, '24h')
      + windows.counter(slot, Counter.dataSessions, '24h');
    if (any > 0) active.push(slot);
  }
  const n = active.length;
  const cols: DailyFeatureColumns = {
    length: n, day: new Array<string>(n), operator: new Array<string>(n), imsi: new Array<string>(n), msisdn: new Array<string>(n),
    moVoice: new Uint32Array(n), mtVoice: new Uint32Array(n), moVoiceAnswered: new Uint32Array(n), moDurationS: new Float64Array(n),
    moSms: new Uint32Array(n), mtSms: new Uint32Array(n), dataSessions: new Uint32Array(n), dataBytes: new Float64Array(n),
    nightMoVoice: new Uint32Array(n), intlMoVoice: new Uint32Array(n), distinctCallees: new Uint32Array(n),
    distinctCells: new Uint32Array(n), distinctImeis: new Uint32Array(n), calleesNoCallback: new Uint32Array(n),
  };
  active.forEach((slot, i) => {
    const c = (k: number): number => windows.counter(slot, k, '24h');
    const d = (k: number): number => windows.distinct(slot, k, '24h');
    cols.day[i] = day;
    cols.operator[i] = dictionaries.operator.value(windows.operatorId[slot]!);
    cols.imsi[i] = dictionaries.imsi.value(windows.imsiId[slot]!);
    cols.msisdn[i] = dictionaries.msisdn.value(windows.msisdnId[slot]!);
    cols.moVoice[i] = c(Counter.moVoice);
    cols.mtVoice[i] = c(Counter.mtVoice);
    cols.moVoiceAnswered[i] = c(Counter.moVoiceAnswered);
    cols.moDurationS[i] = c(Counter.moDurationDs) / 10;
    cols.moSms[i] = c(Counter.moSms);
    cols.mtSms[i] = c(Counter.mtSms);
    cols.dataSessions[i] = c(Counter.dataSessions);
    cols.dataBytes[i] = c(Counter.dataKib) * 1024;
    cols.nightMoVoice[i] = c(Counter.nightMoVoice);
    cols.intlMoVoice[i] = c(Counter.intlMoVoice);
    cols.distinctCallees[i] = d(Distinct.callees);
    cols.distinctCells[i] = d(Distinct.cells);
    cols.distinctImeis[i] = d(Distinct.imeis);
    cols.calleesNoCallback[i] = Math.max(0, d(Distinct.callees) - d(Distinct.calleesCalledBack));
  });
  return cols;
}
