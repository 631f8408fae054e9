/** What the store knows about one subscriber: identities, daily history, contacts, cells, devices, findings. */
import { listValue } from '@duckdb/node-api';
import type { ReadOptions, Row } from './connections.js';
import { storedFindingFromRow, type StoredFinding } from './findingRows.js';
import type { Store } from './store.js';

export type LookupKind = 'msisdn' | 'imsi' | 'imei';

export interface ProfileQuery {
  kind: LookupKind;
  value: string;
  /** first local day included, YYYY-MM-DD */
  sinceDay: string;
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
  const perImsi = async (name: string, extra: Record<string, number> = {}): Promise<Row[]> => {
    const parts = await Promise.all(imsis.map((imsi) => store.read(name, { imsi, since: query.sinceDay, ...extra }, options)));
    return parts.flat();
  };
  const values = [...new Set([query.value, ...imsis, ...identities.map((id) => id.msisdn)])].filter((v) => v !== '');
  const [history, contacts, cells, devices, findingRows] = await Promise.all([
    perImsi('profile_history'),
    perImsi('profile_contacts', { limit: query.topContacts }),
    perImsi('profile_cells'),
    perImsi('profile_devices'),
    store.read('profile_findings', { values: listValue(values) }, options),
  ]);
  return { identities, history, contacts: contacts.slice(0, query.topContacts), cells, devices, findings: findingRows.map(storedFindingFromRow) };
}
