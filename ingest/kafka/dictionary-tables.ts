/**
 * Dictionaries in a checkpoint: engine state holds dense ids, so the id → string tables must
 * be saved with it. One Arrow table per dictionary, values in id order (id 1 first);
 * restoring interns them in that order into empty dictionaries, which gives the same ids.
 */
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { Dictionaries, Dictionary } from '../../core/dictionary.js';

const KINDS = ['operator', 'imsi', 'imei', 'cell', 'msisdn'] as const;
const PREFIX = 'dictionary_';

export function dictionaryTables(dictionaries: Dictionaries): Record<string, Table> {
  const tables: Record<string, Table> = {};
  for (const kind of KINDS) {
    const dictionary: Dictionary = dictionaries[kind];
    const values = new Array<string>(dictionary.size);
    for (let id = 1; id <= dictionary.size; id++) values[id - 1] = dictionary.value(id);
    tables[`${PREFIX}${kind}`] = new Table({ value: vectorFromArray(values, new Utf8()) });
  }
  return tables;
}

/** Fills empty dictionaries from checkpoint tables; throws if one already holds values (ids would shift). */
export function restoreDictionaries(dictionaries: Dictionaries, tables: Record<string, Table>): void {
  for (const kind of KINDS) {
    const table = tables[`${PREFIX}${kind}`];
    if (table === undefined) continue;
    const dictionary = dictionaries[kind];
    if (dictionary.size !== 0) throw new Error(`dictionary ${kind} must be empty before restore (has ${dictionary.size} values)`);
    const column = table.getChild('value');
    for (let i = 0; i < table.numRows; i++) {
      const id = dictionary.intern(String(column?.get(i) ?? ''));
      if (id !== i + 1) throw new Error(`dictionary ${kind}: value ${i + 1} restored as id ${id} (empty or repeated value)`);
    }
  }
}

export function isDictionaryTable(name: string): boolean {
  return name.startsWith(PREFIX);
}
