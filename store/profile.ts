/** What the store knows about one subscriber: identities, daily history, contacts, cells, devices, findings. */
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

export async function readProfile(store: Store, query: ProfileQuery, options: ReadOptions = {}): Promise<StoredProfile> {
  const identities = (await store.read(ID_QUERY[query.kind], { value: query.value }, options)).map((row) => ({
    imsi: String(row.imsi), msisdn: String(row.msisdn), operator: String(row.operator),
  }));
  const imsis = [...new Set(identities.map((id) => id.imsi))];
  if (query.kind === 'imsi' && !imsis.includes(query.value)) imsis.push(query.value);
  const history = (await Promise.all(imsis.map((imsi) => store.read('profile_history', { imsi, days: query.historyDays }, options))))
    .flat()
    .sort((a, b) => (String(a.day) < String(b.day) ? -1 : String(a.day) > String(b.day) ? 1 : 0));
  const sinceDay = history.length > 0 ? String(history[0]!.day) : '1970-01-01';
  const perImsi = async (name: string, extra: Record<string, number> = {}): Promise<Row[]> => {
    const parts = await Promise.all(imsis.map((imsi) => store.read(name, { imsi, since: sinceDay, ...extra }, options)));
    return parts.flat();
  };
  const values = [...new Set([query.value, ...imsis, ...identities.map((id) => id.msisdn)])].filter((v) => v !== '');
  const [contacts, cells, devices, findingRows] = await Promise.all([
    perImsi('profile_contacts', { limit: query.topContacts }),
    perImsi('profile_cells'),
    perImsi('profile_devices'),
    store.read('profile_findings', { values: listValue(values) }, options),
  ]);
  const talkCount = (row: Row): number => Number(row.calls_out) + Number(row.calls_in);
  contacts.sort((a, b) => talkCount(b) - talkCount(a));
  return { identities, history, contacts: contacts.slice(0, query.topContacts), cells, devices, findings: findingRows.map(storedFindingFromRow) };
}
