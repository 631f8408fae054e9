/**
 * profile_days: one row per (IMSI, day, kind) whose payload holds all of that subscriber's rows of
 * one daily table for that day, as a JSON array of arrays. A profile lookup is then one index
 * scan fetching ~4 rows per day of 3 columns, instead of fetching every column of every row
 * from four tables: DuckDB fetches rows column by column from compressed segments, ~30 µs per
 * row per column (measured, bench/profile-lookup.ts), which made the four-table lookup cost
 * ~40 ms of CPU. Written in the same transaction as the daily table it mirrors.
 */
import { DATE, VARCHAR, type DuckDBDateValue, type DuckDBType } from '@duckdb/node-api';
import type { ColumnData } from './chunkAppend.js';

export const PROFILE_DAY_KINDS = ['features', 'contacts', 'cells', 'devices'] as const;
export type ProfileDayKind = (typeof PROFILE_DAY_KINDS)[number];

/** imsi, day, kind, payload (queries/schema.sql). */
export const PROFILE_DAY_TYPES: readonly DuckDBType[] = [VARCHAR, DATE, VARCHAR, VARCHAR];

/**
 * Field order inside each payload entry, per kind (also the order of the backfill's json_array
 * in queries/profile_days_backfill.sql and what store/profile.ts reads).
 */
export const PAYLOAD_FIELDS: Readonly<Record<ProfileDayKind, readonly string[]>> = {
  features: ['msisdn', 'operator', 'mo_voice', 'mt_voice', 'mo_voice_answered', 'mo_duration_s', 'mo_sms', 'mt_sms', 'data_sessions',
    'data_bytes', 'night_mo_voice', 'intl_mo_voice', 'distinct_callees', 'distinct_cells', 'distinct_imeis', 'callees_no_callback'],
  contacts: ['msisdn', 'operator', 'contact', 'calls_out', 'calls_in', 'sms_out', 'sms_in', 'duration_s'],
  cells: ['msisdn', 'operator', 'cell_id', 'events'],
  devices: ['msisdn', 'operator', 'imei', 'events'],
};

/**
 * Groups a daily append by (IMSI, day) into profile_days columns. `fields` are the payload
 * columns in PAYLOAD_FIELDS order; `days` the parsed DATE column of the same append.
 */
export function profileDayColumns(kind: ProfileDayKind, length: number, imsi: readonly string[], day: readonly string[], days: readonly DuckDBDateValue[], fields: readonly ColumnData[]): ColumnData[] {
  const groups = new Map<string, { row: number; entries: unknown[][] }>();
  for (let row = 0; row < length; row++) {
    const key = `${imsi[row]}\n${day[row]}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { row, entries: [] }));
    group.entries.push(fields.map((column) => column[row]));
  }
  const out: [string[], DuckDBDateValue[], string[], string[]] = [[], [], [], []];
  for (const { row, entries } of groups.values()) {
    out[0].push(imsi[row]!);
    out[1].push(days[row]!);
    out[2].push(kind);
    out[3].push(JSON.stringify(entries));
  }
  return out;
}

/** One entry of a payload as an object named by PAYLOAD_FIELDS. */
export function payloadEntries(kind: ProfileDayKind, payload: string): Record<string, unknown>[] {
  const names = PAYLOAD_FIELDS[kind];
  return (JSON.parse(payload) as unknown[][]).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]])));
}
