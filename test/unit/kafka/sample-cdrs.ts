/** Contract 1 records for the kafka unit tests: one of each event kind and direction. */
import type { CdrRecord } from '../../../core/cdr.js';

export function sampleCdrs(count: number, startMs = 1_763_000_000_000): CdrRecord[] {
  const records: CdrRecord[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    const imsi = `45204${String(1_000_000_000 + i).padStart(10, '0')}`;
    const base = { record_id: `r${i}`, operator: '452-04', start_time: startMs + i * 1_000, imsi, cell_id: '452-04-1001-' + (i % 7) };
    if (kind === 0) {
      records.push({ ...base, event: 'voice', direction: 'mo', duration_s: i % 60, answered: i % 2 === 0, caller: `8491${String(1_000_000 + i)}`, callee: `8490${String(2_000_000 + i)}`, imei: '35693803564380' + String(i % 10), trunk_in: '' });
    } else if (kind === 1) {
      records.push({ ...base, event: 'sms', direction: 'mt', caller: `8498${String(3_000_000 + i)}`, callee: `8491${String(1_000_000 + i)}`, trunk_in: 'international' });
    } else {
      records.push({ ...base, event: 'data', direction: 'mo', duration_s: 30.5, bytes: 1_000 * i, cause: 'normal, "clear"' });
    }
  }
  return records;
}
