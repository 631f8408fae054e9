/**
 * What the store knows about one subscriber: identities, daily history, contacts, cells, devices,
 * findings. Three statements at most (identities, then the per-IMSI profile and the findings side
 * by side), each an index scan (queries/profile_*.sql), whatever the number of stored subscribers.
 */
import { listValue } from '@duckdb/node-api';
import type { ReadOptions, Row } from './connections.js';
import { storedFindingFromRow, type StoredFinding } from './findingRows.js';
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

const ID_QUERY: Record<LookupKind, string> = {
  msisdn: 'profile_ids_by_msisdn',
  imsi: 'profile_ids_by_imsi',
  imei: 'profile_ids_by_imei',
};

/** The lists of one profile_subscriber row (DuckDB LIST of STRUCT becomes an array of objects). */
const rowsOf = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

export async function readProfile(store: Store, query: ProfileQuery, options: ReadOptions = {}): Promise<StoredProfile> {
  const identities = (await store.read(ID_QUERY[query.kind], { value: query.value }, options)).map((row) => ({
    imsi: String(row.imsi), msisdn: String(row.msisdn), operator: String(row.operator),
  }));
  const imsis = [...new Set(identities.map((id) => id.imsi))];
  if (query.kind === 'imsi' && !imsis.includes(query.value)) imsis.push(query.value);
  const values = [...new Set([query.value, ...imsis, ...identities.map((id) => id.msisdn)])].filter((v) => v !== '');
  const [perImsi, findingRows] = await Promise.all([
    Promise.all(imsis.map(async (imsi) => {
      const [row] = await store.read('profile_subscriber', { imsi, days: query.historyDays, limit: query.topContacts }, options);
      return row ?? {};
    })),
    store.read('profile_findings', { values: listValue(values) }, options),
  ]);
  const byDay = (a: Row, b: Row): number => (String(a.day) < String(b.day) ? -1 : String(a.day) > String(b.day) ? 1 : 0);
  const history = perImsi.flatMap((row) => rowsOf(row.history)).sort(byDay);
  const talkCount = (row: Row): number => Number(row.calls_out) + Number(row.calls_in);
  const contacts = perImsi.flatMap((row) => rowsOf(row.contacts)).sort((a, b) => talkCount(b) - talkCount(a));
  return {
    identities,
    history,
    contacts: contacts.slice(0, query.topContacts),
    cells: perImsi.flatMap((row) => rowsOf(row.cells)),
    devices: perImsi.flatMap((row) => rowsOf(row.devices)),
    findings: findingRows.map(storedFindingFromRow),
  };
}
