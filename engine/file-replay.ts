/**
 * Feeds the engine from files: side feeds first (reference data, test calls), then every CDR
 * file as its own source, always pulling from the source that is furthest behind in event
 * time, so the watermark (minimum over sources) moves forward for all files together.
 */
import type { CdrBatch } from '../core/cdr.js';
import { dedupeHorizonMs } from '../core/config.js';
import { DeadLetterWriter, IngestStats, readCdrs, readCells, readSubscribers, readTestCalls, RecordDeduplicator } from '../ingest/index.js';
import { pullInEventTimeOrder, mergeSource } from '../ingest/event-time-merge.js';
import type { Engine } from './engine.js';
import { ingestInParseWorker } from './parse-worker-client.js';

export interface FileReplayInputs {
  cdrFiles: string[];
  subscribersFile?: string;
  cellsFile?: string;
  testCallsFile?: string;
}

export interface ReplayProgress {
  recordsRead: number;
  watermarkMs: number;
  findings: number;
}

export interface FileReplayOptions {
  engine: Engine;
  stats: IngestStats;
  deadLetters?: DeadLetterWriter;
  /** Called about every `progressEveryRecords` records. */
  onProgress?: (progress: ReplayProgress) => void;
  progressEveryRecords?: number;
  /** Called with every accepted batch after the engine took it (e.g. metrics). */
  onBatch?: (sourceId: string, batch: CdrBatch) => void;
  /**
   * Decode, validate and dedupe CDR files on a worker thread (ingest/parse-worker.ts) while the
   * engine runs on this one. Needs the compiled worker (dist/); same batches in the same order.
   */
  parseInWorker?: boolean;
}

export async function loadSideFeeds(inputs: FileReplayInputs, options: FileReplayOptions): Promise<void> {
  const { engine, stats, deadLetters } = options;
  const feedOptions = { homeCountryCode: engine.config.homeCountryCode, stats, deadLetters };
  if (inputs.subscribersFile !== undefined) engine.reference.addSubscribers(await readSubscribers(inputs.subscribersFile, feedOptions));
  if (inputs.cellsFile !== undefined) engine.reference.addCells(await readCells(inputs.cellsFile, feedOptions));
  if (inputs.testCallsFile !== undefined) engine.addTestCalls(await readTestCalls(inputs.testCallsFile, feedOptions));
}

export async function replayFiles(inputs: FileReplayInputs, options: FileReplayOptions): Promise<void> {
  const { engine, stats, deadLetters } = options;
  await loadSideFeeds(inputs, options);
  const every = options.progressEveryRecords ?? 500_000;
  let nextProgress = every;
  const afterBatch = (sourceId: string, batch: CdrBatch): void => {
    options.onBatch?.(sourceId, batch);
    if (options.onProgress !== undefined && stats.read >= nextProgress) {
      nextProgress = stats.read + every;
      options.onProgress({ recordsRead: stats.read, watermarkMs: engine.watermarkMs, findings: engine.ledger.size });
    }
  };
  const sourceIds = inputs.cdrFiles.map((path, index) => `file:${index}:${path}`);
  // stdin is the main thread's: a worker cannot read it.
  if (options.parseInWorker === true && inputs.cdrFiles.length > 0 && !inputs.cdrFiles.includes('-')) {
    await ingestInParseWorker(inputs.cdrFiles, sourceIds, { engine, stats, deadLetters, afterBatch });
  } else {
    const dedupe = new RecordDeduplicator({ horizonMs: dedupeHorizonMs(engine.config) });
    const sources = inputs.cdrFiles.map((path) => mergeSource(readCdrs(path, {
      homeCountryCode: engine.config.homeCountryCode, dictionaries: engine.dictionaries, stats, deadLetters, dedupe, sourceName: path,
    })));
    await pullInEventTimeOrder(sources, (index, batch) => {
      engine.ingest(sourceIds[index]!, batch);
      afterBatch(sourceIds[index]!, batch);
    }, (index) => engine.closeSource(sourceIds[index]!));
  }
  engine.finish();
  stats.late = engine.stats.tooLate;
}
