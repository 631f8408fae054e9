/**
 * Worker thread of `telsentry replay`: reads, decodes, validates and dedupes the CDR files
 * (in event-time order across files, exactly as the in-thread replay does) and posts columnar
 * batches to the main thread, which only runs the engine. Bounded by credits: at most
 * maxInFlight batches wait on the main thread, so a slow engine holds the worker back instead
 * of letting decoded batches pile up in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDictionaries } from '../core/dictionary.js';
import { TelsentryError } from '../core/errors.js';
import { readCdrs } from './cdr-reader.js';
import { DeadLetterWriter } from './dead-letter.js';
import { RecordDeduplicator } from './dedupe.js';
import { mergeSource, pullInEventTimeOrder } from './event-time-merge.js';
import { batchBuffers, DICTIONARY_KINDS, snapshotStats, type DictionaryKind, type ParseWorkerInit, type WorkerMessage } from './parse-worker-protocol.js';
import { IngestStats } from './stats.js';

const port = parentPort;
if (port === null) throw new Error('ingest/parse-worker.js must run as a worker thread');
const init = workerData as ParseWorkerInit;

const dictionaries = createDictionaries();
const posted = {} as Record<DictionaryKind, number>;
for (const kind of DICTIONARY_KINDS) {
  for (const value of init.dictionaryValues[kind]) dictionaries[kind].intern(value);
  posted[kind] = dictionaries[kind].size;
}

let credits = init.maxInFlight;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
  wake = null;
});

/** Values interned since the last message, in id order. */
function added(): Record<DictionaryKind, string[]> {
  const out = {} as Record<DictionaryKind, string[]>;
  for (const kind of DICTIONARY_KINDS) {
    const dictionary = dictionaries[kind];
    const values: string[] = [];
    for (let id = posted[kind] + 1; id <= dictionary.size; id++) values.push(dictionary.value(id));
    posted[kind] = dictionary.size;
    out[kind] = values;
  }
  return out;
}

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

const stats = new IngestStats();
const deadLetters = init.deadLettersFile === undefined ? undefined : new DeadLetterWriter(init.deadLettersFile);
try {
  const dedupe = new RecordDeduplicator({ horizonMs: init.dedupeHorizonMs });
  const sources = init.files.map((path) => mergeSource(readCdrs(path, {
    homeCountryCode: init.homeCountryCode, dictionaries, stats, deadLetters, dedupe, sourceName: path,
  })));
  await pullInEventTimeOrder(sources, async (source, batch) => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    post({ type: 'batch', source, batch, added: added(), stats: snapshotStats(stats) }, batchBuffers(batch));
  }, (source) => post({ type: 'sourceDone', source, stats: snapshotStats(stats) }));
  await deadLetters?.close();
  post({ type: 'end', stats: snapshotStats(stats) });
} catch (err) {
  await deadLetters?.close().catch(() => undefined);
  post({ type: 'error', code: err instanceof TelsentryError ? err.code : undefined, message: (err as Error).message ?? String(err) });
}
port.unref(); // everything is posted: let the thread end once its queue drains
