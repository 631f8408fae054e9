import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../core/config.js';
import { createDictionaries } from '../../../core/dictionary.js';
import { createSimboxDetector } from '../../../detectors/simbox/index.js';
import { Engine } from '../../../engine/engine.js';
import { EngineOutputs } from '../../../engine/outputs.js';
import { Store } from '../../../store/index.js';
import { buildBatch, type TestCdr } from '../../helpers/cdr-builder.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** 16:00Z on 2026-11-02 is 23:00 in Ho Chi Minh City: the local day ends an hour later. */
const base = Date.parse('2026-11-02T16:00:00Z');
const at = (minutes: number): number => base + minutes * 60_000;

async function count(path: string, table: string): Promise<number> {
  const db = await DuckDBInstance.create(path);
  const connection = await db.connect();
  const rows = (await connection.runAndReadAll(`select count(*) from ${table}`)).getRows();
  connection.closeSync();
  return Number(rows[0]![0]);
}

describe('EngineOutputs', () => {
  it('writes raised findings, the daily features of a closed local day and too-late records to DuckDB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'telsentry-outputs-'));
    dirs.push(dir);
    const path = join(dir, 'telsentry.duckdb');
    const store = await Store.open(path);
    const dictionaries = createDictionaries();
    const engine = new Engine({ config: validateConfig({ allowedDisorderMs: 0, allowedLatenessMs: 600_000 }), dictionaries, detectors: [createSimboxDetector()] });
    const outputs = new EngineOutputs({ engine, store });
    const imei = '35000000000901';
    const records: TestCdr[] = [];
    for (const k of [1, 2, 3]) {
      for (let i = 0; i < 16; i++) {
        records.push({ id: `s${k}-${i}`, imsi: `45204000000090${k}`, msisdn: `8490000090${k}`, imei, cell: '452-04-1-1', at: at(i * 3 + k),
          peer: `8491${String(3_000_000 + k * 100 + i)}`, answered: i % 2 === 0, durationS: i % 2 === 0 ? 120 : 0 });
      }
    }
    engine.ingest('test', buildBatch(records, dictionaries));
    // Past local midnight (17:00Z) and beyond: the day is closed, daily features go out.
    engine.ingest('test', buildBatch([{ id: 'after', imsi: '452040000000999', msisdn: '84900000999', event: 'data', bytes: 10, at: at(200) }], dictionaries));
    // Ten minutes of lateness allowed: a record from three hours earlier is too late, stored not applied.
    engine.ingest('test', buildBatch([{ id: 'too-late', imsi: '452040000000901', msisdn: '84900000901', peer: '84911111111', at: at(10) }], dictionaries));
    await outputs.flush();
    const findings = await store.listFindings({ types: ['simbox'] });
    expect(findings.map((f) => f.subject.value).sort()).toEqual(['84900000901', '84900000902', '84900000903']);
    await store.close();
    expect(outputs.writeErrors).toBe(0);
    expect(await count(path, 'daily_features')).toBe(3);
    expect(await count(path, 'late_records')).toBe(1);
  });
});
