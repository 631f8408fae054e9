import { describe, expect, it } from 'vitest';
import { createDictionaries } from '../../../core/dictionary.js';
import { dictionaryTables, restoreDictionaries } from '../../../ingest/kafka/dictionary-tables.js';

describe('dictionary tables in a checkpoint', () => {
  it('restores every dictionary with the same ids', () => {
    const source = createDictionaries();
    for (const imsi of ['452040000000003', '452040000000001', '452040000000002']) source.imsi.intern(imsi);
    source.operator.intern('452-04');
    source.msisdn.intern('84912345678');
    const restored = createDictionaries();
    restoreDictionaries(restored, dictionaryTables(source));
    for (const kind of ['operator', 'imsi', 'imei', 'cell', 'msisdn'] as const) {
      expect(restored[kind].size).toBe(source[kind].size);
      for (let id = 1; id <= source[kind].size; id++) expect(restored[kind].value(id)).toBe(source[kind].value(id));
    }
    expect(restored.imsi.lookup('452040000000001')).toBe(2);
  });

  it('refuses to restore into a dictionary that already has values', () => {
    const source = createDictionaries();
    source.imsi.intern('452040000000001');
    const target = createDictionaries();
    target.imsi.intern('452049999999999');
    expect(() => restoreDictionaries(target, dictionaryTables(source))).toThrow(/dictionary imsi must be empty/);
  });
});
