/** Shared helpers for the ingest tests: temp files, CSV writing, batches to plain rows. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CdrBatch } from '../../../core/cdr.js';
import { createDictionaries, type Dictionaries } from '../../../core/dictionary.js';
import { IngestStats, readCdrs, type CdrReadOptions } from '../../../ingest/index.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/ingest/', import.meta.url));

export function tempDir(): { path: (name: string) => string; write: (name: string, content: string | Buffer) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'telsentry-ingest-'));
  return {
    path: (name) => join(dir, name),
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** RFC-4180 quoting where needed. */
export function csvLine(values: readonly string[], delimiter = ','): string {
  return values.map((v) => (/[",;|\t\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(delimiter);
}

export interface PlainCdr {
  recordId: string;
  operator: string;
  startMs: number;
  event: number;
  direction: number;
  answered: number;
  durationS: number;
  ringS: number;
  bytes: number;
  trunkIn: number;
  imsi: string;
  imei: string;
  cell: string;
  served: string;
  peer: string;
  cause: string;
}

export function plainRows(batch: CdrBatch, d: Dictionaries): PlainCdr[] {
  const rows: PlainCdr[] = [];
  for (let i = 0; i < batch.length; i++) {
    rows.push({
      recordId: batch.recordId[i]!,
      operator: d.operator.value(batch.operatorId[i]!),
      startMs: batch.startMs[i]!,
      event: batch.event[i]!,
      direction: batch.direction[i]!,
      answered: batch.answered[i]!,
      durationS: batch.durationS[i]!,
      ringS: batch.ringS[i]!,
      bytes: batch.bytes[i]!,
      trunkIn: batch.trunkIn[i]!,
      imsi: d.imsi.value(batch.imsiId[i]!),
      imei: d.imei.value(batch.imeiId[i]!),
      cell: d.cell.value(batch.cellId[i]!),
      served: d.msisdn.value(batch.servedMsisdnId[i]!),
      peer: d.msisdn.value(batch.peerMsisdnId[i]!),
      cause: batch.cause[i]!,
    });
  }
  return rows;
}

export async function readAll(path: string, extra: Partial<CdrReadOptions> = {}): Promise<{ rows: PlainCdr[]; stats: IngestStats; batches: CdrBatch[]; dictionaries: Dictionaries }> {
  const dictionaries = extra.dictionaries ?? createDictionaries();
  const stats = extra.stats ?? new IngestStats();
  const batches: CdrBatch[] = [];
  const rows: PlainCdr[] = [];
  for await (const batch of readCdrs(path, { homeCountryCode: '84', ...extra, dictionaries, stats })) {
    batches.push(batch);
    rows.push(...plainRows(batch, dictionaries));
  }
  return { rows, stats, batches, dictionaries };
}

export function reasonCounts(stats: IngestStats): Record<string, number> {
  return Object.fromEntries([...stats.rejectedByReason].sort());
}
