/**
 * Main-thread side of the parse worker: starts ingest/parse-worker.js, appends the strings it
 * interned to the engine's dictionaries (so ids agree), hands each batch to the engine in the
 * order the worker posted it, and returns one credit per batch taken.
 */
import { Worker } from 'node:worker_threads';
import type { CdrBatch } from '../core/cdr.js';
import { dedupeHorizonMs } from '../core/config.js';
import { ErrorCodes, TelsentryError, type ErrorCode } from '../core/errors.js';
import type { DeadLetterWriter } from '../ingest/dead-letter.js';
import {
  DICTIONARY_KINDS, statsOf, type DictionaryKind, type ParseWorkerInit, type StatsSnapshot, type WorkerMessage,
} from '../ingest/parse-worker-protocol.js';
import { IngestStats } from '../ingest/stats.js';
import type { Engine } from './engine.js';

/** Batches decoded ahead of the engine: enough to keep both threads busy, ~4 MB of columns. */
const MAX_IN_FLIGHT = 8;

export interface ParseWorkerDeps {
  engine: Engine;
  stats: IngestStats;
  deadLetters?: DeadLetterWriter;
  afterBatch: (sourceId: string, batch: CdrBatch) => void;
}

export async function ingestInParseWorker(files: string[], sourceIds: string[], deps: ParseWorkerDeps): Promise<void> {
  const { engine, stats, deadLetters } = deps;
  const dictionaryValues = {} as Record<DictionaryKind, string[]>;
  for (const kind of DICTIONARY_KINDS) {
    const dictionary = engine.dictionaries[kind];
    dictionaryValues[kind] = Array.from({ length: dictionary.size }, (_, i) => dictionary.value(i + 1));
  }
  // Side-feed rejects are counted already; the worker's counts are added to them.
  const before = new IngestStats().add(stats);
  const setStats = (snapshot: StatsSnapshot): void => {
    stats.copyFrom(new IngestStats().add(before).add(statsOf(snapshot)));
  };
  deadLetters?.flush(); // the worker appends to the same file after what is written here
  const init: ParseWorkerInit = {
    files, homeCountryCode: engine.config.homeCountryCode, dedupeHorizonMs: dedupeHorizonMs(engine.config),
    maxInFlight: MAX_IN_FLIGHT, dictionaryValues,
    ...(deadLetters === undefined ? {} : { deadLettersFile: deadLetters.path }),
  };
  const worker = new Worker(new URL('../ingest/parse-worker.js', import.meta.url), { workerData: init });
  let finished = false;
  try {
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        try {
          switch (message.type) {
            case 'batch':
              appendInterned(engine, message.added);
              setStats(message.stats);
              engine.ingest(sourceIds[message.source]!, message.batch);
              deps.afterBatch(sourceIds[message.source]!, message.batch);
              worker.postMessage({ type: 'credit' });
              break;
            case 'sourceDone':
              setStats(message.stats);
              engine.closeSource(sourceIds[message.source]!);
              break;
            case 'end':
              setStats(message.stats);
              finished = true;
              resolve();
              break;
            case 'error':
              finished = true;
              reject(new TelsentryError((message.code as ErrorCode | undefined) ?? ErrorCodes.INTERNAL, message.message));
              break;
          }
        } catch (err) {
          finished = true;
          reject(err as Error);
        }
      });
      worker.on('error', (err) => { finished = true; reject(err); });
      worker.on('exit', (code) => {
        if (!finished) reject(new TelsentryError(ErrorCodes.INTERNAL, `the parse worker stopped early (exit code ${code})`));
      });
    });
  } finally {
    await worker.terminate();
  }
}

/** Appends the worker's new strings; they must land on the ids the worker gave them. */
function appendInterned(engine: Engine, added: Record<DictionaryKind, string[]>): void {
  for (const kind of DICTIONARY_KINDS) {
    const dictionary = engine.dictionaries[kind];
    for (const value of added[kind]) {
      const expected = dictionary.size + 1;
      const id = dictionary.intern(value);
      if (id !== expected) {
        throw new TelsentryError(ErrorCodes.INTERNAL, `${kind} dictionary out of step with the parse worker: "${value}" has id ${id} here, ${expected} there`);
      }
    }
  }
}
