/**
 * Messages between the replay's main thread and the parse worker (ingest/parse-worker.ts).
 * The worker owns interning while it runs: every batch carries the dictionary values it added
 * since the previous batch, in id order, and the main thread appends them to its own
 * dictionaries so both sides give every string the same id.
 */
import type { CdrBatch } from '../core/cdr.js';
import type { Dictionaries } from '../core/dictionary.js';
import type { RejectReason } from './reasons.js';
import { IngestStats } from './stats.js';

export type DictionaryKind = keyof Dictionaries;
export const DICTIONARY_KINDS: readonly DictionaryKind[] = ['operator', 'imsi', 'imei', 'cell', 'msisdn'];

export interface ParseWorkerInit {
  files: string[];
  homeCountryCode: string;
  dedupeHorizonMs: number;
  deadLettersFile?: string;
  /** Batches posted but not yet taken by the main thread, at most (bounds the worker's lead). */
  maxInFlight: number;
  /** Values already interned on the main thread (id i + 1 = values[i]), per kind. */
  dictionaryValues: Record<DictionaryKind, string[]>;
}

export interface StatsSnapshot {
  read: number;
  accepted: number;
  duplicates: number;
  rejectedTotal: number;
  rejectedByReason: [RejectReason, number][];
}

export type WorkerMessage =
  | { type: 'batch'; source: number; batch: CdrBatch; added: Record<DictionaryKind, string[]>; stats: StatsSnapshot }
  | { type: 'sourceDone'; source: number; stats: StatsSnapshot }
  | { type: 'end'; stats: StatsSnapshot }
  | { type: 'error'; code: string | undefined; message: string };

/** Main thread → worker: one more batch may be posted. */
export interface CreditMessage { type: 'credit' }

export function snapshotStats(stats: IngestStats): StatsSnapshot {
  return {
    read: stats.read, accepted: stats.accepted, duplicates: stats.duplicates,
    rejectedTotal: stats.rejectedTotal, rejectedByReason: [...stats.rejectedByReason],
  };
}

export function statsOf(snapshot: StatsSnapshot): IngestStats {
  const stats = new IngestStats();
  stats.read = snapshot.read;
  stats.accepted = snapshot.accepted;
  stats.duplicates = snapshot.duplicates;
  stats.rejectedTotal = snapshot.rejectedTotal;
  for (const [reason, count] of snapshot.rejectedByReason) stats.rejectedByReason.set(reason, count);
  return stats;
}

/** The buffers behind a batch's typed-array columns: moved to the main thread, not copied. */
export function batchBuffers(batch: CdrBatch): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const column of Object.values(batch)) {
    if (ArrayBuffer.isView(column) && column.buffer instanceof ArrayBuffer && !buffers.includes(column.buffer)) buffers.push(column.buffer);
  }
  return buffers;
}
