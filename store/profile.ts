/**
 * What the store knows about one subscriber: identities, daily history, contacts, cells, devices,
 * findings. One statement (queries/profile_lookup_by_*.sql), every scan in it by index, reads a
 * number's or handset's IMSIs, their profile_days rows and the ids of the findings about them; a
 * second reads those findings when there are any. Summing the days (top contacts, cells, devices)
 * happens here, on a few dozen rows.
 */
import { listValue } from '@duckdb/node-api';
import type { ReadOptions, Row } from './connections.js';
import { storedFindingFromRow, type StoredFinding } from './findingRows.js';
import { payloadEntries, type ProfileDayKind } from './profileDays.js';
import type { Store } from './store.js';

export type LookupKind = 'msisdn' | 'imsi' | 'imei';

export interface ProfileQuery {
  kind: LookupKind;
  value: string;
  /** newest days of history returned per IMSI; contacts, cells and devices cover the same days */
  historyDays: number;
  topContacts: number;
}

export interface StoredProfile {
  identities: { imsi: string; msisdn: string; operator: string }[];
  history: Row[];
  contacts: Row[];
  cells: Row[];
  devices: Row[];
  findings: StoredFinding[];
}

/** Most cells, devices and findings one profile returns (the API's message stays small). */
export const MAX_PROFILE_CELLS = 200;
export const MAX_PROFILE_DEVICES = 100;
export const MAX_PROFILE_FINDINGS = 100;

/** One statement per lookup kind (queries/profile_lookup_by_*.sql). */
const LOOKUP_QUERY: Record<LookupKind, string> = {
  msisdn: 'profile_lookup_by_msisdn',
  imsi: 'profile_lookup_by_imsi',
  imei: 'profile_lookup_by_imei',
};

type DayRows = Record<ProfileDayKind, { day: string; entry: Record<string, unknown> }[]>;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const num = (value: unknown): number => Number(value ?? 0);

function dayRowsOf(rows: Row[]): DayRows {
  const out: DayRows = { features: [], contacts: [], cells: [], devices: [] };
  for (const row of rows) {
    const kind = String(row.kind) as ProfileDayKind;
    const day = String(row.day);
    for (const entry of payloadEntries(kind, String(row.payload))) out[kind].push({ day, entry });
  }
  return out;
}

/** Sums one key's entries over the days (events or counts), with first and last day. */
function sumByKey(entries: DayRows['cells'], key: string, fields: readonly string[]): Map<string, { sums: Record<string, number>; days: Set<string>; first: string; last: string }> {
  const out = new Map<string, { sums: Record<string, number>; days: Set<string>; first: string; last: string }>();
  for (const { day, entry } of entries) {
    const id = String(entry[key]);
    let total = out.get(id);
    if (total === undefined) out.set(id, (total = { sums: Object.fromEntries(fields.map((f) => [f, 0])), days: new Set(), first: day, last: day }));
    for (const field of fields) total.sums[field]! += num(entry[field]);
    total.days.add(day);
    if (day < total.first) total.first = day;
    if (day > total.last) total.last = day;
  }
  return out;
}

/** One IMSI's history (newest `historyDays` rows) and, from the oldest of those days on, its contacts, cells, devices. */
function imsiProfile(imsi: string, days: DayRows, query: ProfileQuery) {
  const history = days.features
    .map(({ day, entry }): Row & { day: string } => ({ ...entry, day, imsi }))
    .sort((a, b) => compareText(b.day, a.day) || compareText(String(a.msisdn), String(b.msisdn)))
    .slice(0, query.historyDays)
    .reverse();
  const since = history.length > 0 ? history[0]!.day : '1970-01-01';
  const from = <T extends { day: string }>(rows: T[]): T[] => rows.filter((row) => row.day >= since);

  const talk = sumByKey(from(days.contacts), 'contact', ['calls_out', 'calls_in', 'sms_out', 'sms_in', 'duration_s']);
  const contacts = [...talk]
    .sort(([numberA, { sums: a }], [numberB, { sums: b }]) => (b.calls_out! + b.calls_in!) - (a.calls_out! + a.calls_in!)
      || (b.sms_out! + b.sms_in!) - (a.sms_out! + a.sms_in!) || b.duration_s! - a.duration_s! || compareText(numberA, numberB))
    .map(([number, t]): Row => ({ number, ...t.sums, days: t.days.size }))
    .slice(0, query.topContacts);
  const cells = [...sumByKey(from(days.cells), 'cell_id', ['events'])]
    .map(([cellId, t]) => ({ cell_id: cellId, events: t.sums.events!, first_day: t.first, last_day: t.last }))
    .sort((a, b) => b.events - a.events || compareText(a.cell_id, b.cell_id))
    .slice(0, MAX_PROFILE_CELLS);
  const devices = [...sumByKey(from(days.devices), 'imei', ['events'])]
    .map(([imei, t]) => ({ imei, imsi, events: t.sums.events!, first_day: t.first, last_day: t.last }))
    .sort((a, b) => b.events - a.events || compareText(a.imei, b.imei))
    .slice(0, MAX_PROFILE_DEVICES);
  return { history, contacts, cells, devices };
}

/** Identities of a subscriber from its profile_days feature rows (what daily_features holds for it). */
function identitiesOf(imsi: string, days: DayRows): StoredProfile['identities'] {
  const seen = new Map<string, { imsi: string; msisdn: string; operator: string }>();
  for (const { entry } of days.features) {
    const id = { imsi, msisdn: String(entry.msisdn), operator: String(entry.operator) };
    seen.set(`${id.msisdn}\n${id.operator}`, id);
  }
  return [...seen.values()].sort((a, b) => compareText(a.msisdn, b.msisdn) || compareText(a.operator, b.operator));
}

/**
 * Reads a profile in as few statements as the lookup allows: DuckDB costs ~2 ms of CPU per
 * statement however small, so the SIMs of a number or handset, each SIM's day rows and the ids of
 * the findings about any of them come in one statement (queries/profile_lookup_by_*.sql); the
 * findings themselves are read only when there are some (most subscribers have none).
 */
export async function readProfile(store: Store, query: ProfileQuery, options: ReadOptions = {}): Promise<StoredProfile> {
  const [rows, places] = await Promise.all([store.read(LOOKUP_QUERY[query.kind], { value: query.value }, options), store.cellPlaces()]);
  const idsSeen = new Map<string, StoredProfile['identities'][number]>(); // one row per day seen: distinct here
  const dayRowsByImsi = new Map<string, Row[]>();
  const findingIds = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'identity') {
      const id = { imsi: String(row.imsi), msisdn: String(row.msisdn), operator: String(row.operator) };
      idsSeen.set(`${id.imsi}\n${id.msisdn}\n${id.operator}`, id);
    } else if (row.kind === 'finding') findingIds.add(String(row.payload));
    else {
      const imsi = String(row.imsi);
      let dayRows = dayRowsByImsi.get(imsi);
      if (dayRows === undefined) dayRowsByImsi.set(imsi, (dayRows = []));
      dayRows.push(row);
    }
  }
  const idRows = [...idsSeen.values()].sort((a, b) => compareText(a.imsi, b.imsi) || compareText(a.msisdn, b.msisdn) || compareText(a.operator, b.operator));
  const imsis = query.kind === 'imsi' ? [query.value] : [...new Set(idRows.map((id) => id.imsi))];
  const perImsiDays = imsis.map((imsi) => ({ imsi, days: dayRowsOf(dayRowsByImsi.get(imsi) ?? []) }));
  const identities = query.kind === 'imsi' ? perImsiDays.flatMap(({ imsi, days }) => identitiesOf(imsi, days)) : idRows;
  const perImsi = perImsiDays.map(({ imsi, days }) => imsiProfile(imsi, days, query));
  const findingRows = findingIds.size === 0 ? [] : await store.read('profile_findings_by_id', { ids: listValue([...findingIds]), limit: MAX_PROFILE_FINDINGS }, options);

  const history = perImsi.flatMap((p) => p.history).sort((a, b) => compareText(a.day, b.day));
  const talkCount = (row: Row): number => num(row.calls_out) + num(row.calls_in);
  const contacts = perImsi.flatMap((p) => p.contacts as Row[]).sort((a, b) => talkCount(b) - talkCount(a)).slice(0, query.topContacts);
  const cells = perImsi.flatMap((p) => p.cells).map((cell) => {
    const place = places.get(cell.cell_id);
    return { ...cell, site_id: place?.siteId ?? '', province: place?.province ?? '', district: place?.district ?? '' };
  });
  const findings = findingRows.map(storedFindingFromRow);
  return { identities, history, contacts, cells, devices: perImsi.flatMap((p) => p.devices), findings };
}
