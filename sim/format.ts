/**
 * Contract-1 text encodings of a record: CSV (header + rows, fields in CDR_FIELDS order)
 * and JSON Lines (absent fields omitted). Times are ISO-8601 with the local offset, whole
 * seconds, as switches write them.
 */
import { CDR_FIELDS, type CdrRecord } from '../core/cdr.js';
import { DAY_MS, HOUR_MS, LocalClock, MINUTE_MS } from '../core/time.js';

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

export const CSV_HEADER = CDR_FIELDS.join(',') + '\n';

/** Formats epoch ms as `YYYY-MM-DDTHH:MM:SS+07:00` in a zone; the date part is cached per local day. */
export function isoFormatter(timeZone: string): (ms: number) => string {
  const clock = new LocalClock(timeZone);
  let cachedDay = Number.NaN;
  let cachedDate = '';
  let cachedOffset = Number.NaN;
  let cachedSuffix = '';
  return (ms: number): string => {
    const offset = clock.offsetMs(ms);
    if (offset !== cachedOffset) {
      cachedOffset = offset;
      cachedSuffix = offsetSuffix(offset);
    }
    const local = ms + offset;
    const day = Math.floor(local / DAY_MS);
    if (day !== cachedDay) {
      cachedDay = day;
      cachedDate = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    const inDay = local - day * DAY_MS;
    const h = Math.floor(inDay / HOUR_MS);
    const m = Math.floor((inDay % HOUR_MS) / MINUTE_MS);
    const sec = Math.floor((inDay % MINUTE_MS) / 1000);
    return cachedDate + TWO_DIGITS[h] + ':' + TWO_DIGITS[m] + ':' + TWO_DIGITS[sec] + cachedSuffix;
  };
}

function offsetSuffix(offsetMs: number): string {
  if (offsetMs === 0) return 'Z';
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(offsetMs) / MINUTE_MS;
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** One CSV row; no field we write can hold a comma, quote or newline, so none is quoted. */
export function csvRow(r: CdrRecord): string {
  return r.record_id + ',' + r.operator + ',' + r.event + ',' + r.direction + ',' + r.start_time + ','
    + (r.duration_s === undefined ? '' : r.duration_s) + ',' + (r.answered === undefined ? '' : r.answered) + ','
    + (r.ring_s === undefined ? '' : r.ring_s) + ',' + (r.caller ?? '') + ',' + (r.callee ?? '') + ','
    + r.imsi + ',' + (r.imei ?? '') + ',' + (r.cell_id ?? '') + ',' + (r.trunk_in ?? '') + ','
    + (r.bytes === undefined ? '' : r.bytes) + ',' + (r.cause ?? '') + '\n';
}

/** One JSON line, keys in CDR_FIELDS order, absent and empty optional fields left out. */
export function jsonRow(r: CdrRecord): string {
  const out: Record<string, unknown> = {};
  for (const field of CDR_FIELDS) {
    const value = r[field];
    if (value !== undefined && value !== '') out[field] = value;
  }
  return JSON.stringify(out) + '\n';
}

/** CSV of plain objects with a fixed column list; quotes fields that need it (RFC 4180). */
export function csvTable(columns: readonly string[], rows: readonly Record<string, string | number>[]): string {
  const quote = (v: string | number): string => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  let out = columns.join(',') + '\n';
  for (const row of rows) out += columns.map((c) => quote(row[c] ?? '')).join(',') + '\n';
  return out;
}
