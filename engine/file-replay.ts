/**
 * Feeds the engine from files: side feeds first (reference data, test calls), then every CDR
 * file as its own source, always pulling from the source that is furthest behind in event
 * time, so the watermark (minimum over sources) moves forward for all files together.
 */
import type { CdrBatch } from '../core/cdr.js';
import { dedupeHorizonMs } from '../core/config.js';
import { DeadLetterWriter, IngestStats, readCdrs, readCells, readSubscribers, readTestCalls, RecordDeduplicator } from '../ingest/index.js';
import type { Engine } from './engine.js';

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
  const dedupe = new RecordDeduplicator({ horizonMs: dedupeHorizonMs(engine.config) });
  const sources = inputs.cdrFiles.map((path, index) => ({
    id: `file:${index}:${path}`,
    iterator: readCdrs(path, {
      homeCountryCode: engine.config.homeCountryCode, dictionaries: engine.dictionaries, stats, deadLetters, dedupe, sourceName: path,
    })[Symbol.asyncIterator](),
    lastEventMs: Number.NEGATIVE_INFINITY,
    done: false,
  }));
  const every = options.progressEveryRecords ?? 500_000;
  let nextProgress = every;
  while (true) {
    let source: (typeof sources)[number] | undefined;
    for (const s of sources) if (!s.done && (source === undefined || s.lastEventMs < source.lastEventMs)) source = s;
    if (source === undefined) break;
    const next = await source.iterator.next();
    if (next.done === true) {
      source.done = true;
      engine.closeSource(source.id);
      continue;
    }
    const batch = next.value;
    let max = source.lastEventMs;
    for (let i = 0; i < batch.length; i++) if (batch.startMs[i]! > max) max = batch.startMs[i]!;
    source.lastEventMs = max;
    engine.ingest(source.id, batch);
    options.onBatch?.(source.id, batch);
    if (options.onProgress !== undefined && stats.read >= nextProgress) {
      nextProgress = stats.read + every;
      options.onProgress({ recordsRead: stats.read, watermarkMs: engine.watermarkMs, findings: engine.ledger.size });
    }
  }
  engine.finish();
  stats.late = engine.stats.tooLate;
}
