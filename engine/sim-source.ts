/**
 * The embedded default source: the simulator run in-process, hour by hour of event time,
 * paced to `speed` × real time. Its records go through the same Contract-1 decoder as files,
 * and its side feeds (registrations, cells, test calls) reach the engine as they appear.
 */
import type { CdrBatch, CdrRecord } from '../core/cdr.js';
import { dedupeHorizonMs } from '../core/config.js';
import { decodeCdrRecords, RecordDeduplicator, type IngestStats } from '../ingest/index.js';
import { resolveOptions, Simulation, type SimulationOptions } from '../sim/index.js';
import type { Engine } from './engine.js';

export interface SimSourceOptions {
  engine: Engine;
  stats: IngestStats;
  simulation: Partial<SimulationOptions> & { seed: number };
  /** Event time runs this many times faster than wall time; 0 = as fast as possible. */
  speed: number;
  /** Stops early when it returns true (shutdown). */
  stopped: () => boolean;
  /** After each simulated hour. */
  onHour?: (hourEndMs: number) => void;
  /** The simulated cells, once, before any record (e.g. to store them for profiles). */
  onCells?: (cells: readonly { cellId: string; siteId: string; lat: number; lon: number; province: string; district: string }[]) => void;
  /** Every accepted batch after the engine took it (e.g. metrics). */
  onBatch?: (sourceId: string, batch: CdrBatch) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSimSource(options: SimSourceOptions): Promise<void> {
  const { engine, stats } = options;
  const sim = new Simulation(resolveOptions({ outDir: '.', ...options.simulation }));
  engine.reference.addCells(sim.world.geo.cells);
  options.onCells?.(sim.world.geo.cells);
  let subscribersFed = 0;
  let testCallsFed = 0;
  const sourceId = 'simulator';
  const dedupe = new RecordDeduplicator({ horizonMs: dedupeHorizonMs(engine.config) });
  const started = performance.now();
  let hoursDone = 0;
  for (const hour of sim.batches()) {
    if (options.stopped()) break;
    const subscribers = sim.world.subscribers;
    if (subscribers.length > subscribersFed) {
      engine.reference.addSubscribers(subscribers.slice(subscribersFed));
      subscribersFed = subscribers.length;
    }
    const testCalls = sim.testCallRows();
    if (testCalls.length > testCallsFed) {
      engine.addTestCalls(testCalls.slice(testCallsFed).map((row) => ({
        testId: row.test_id, calledAtMs: Date.parse(row.called_at), bNumber: row.b_number,
        originalCli: row.original_cli, observedCli: row.observed_cli, route: row.route,
      })));
      testCallsFed = testCalls.length;
    }
    const records: CdrRecord[] = hour.map((pending) => pending.record);
    for (let i = 0; i < records.length; i += 8192) {
      const batch = decodeCdrRecords(records.slice(i, i + 8192), {
        homeCountryCode: engine.config.homeCountryCode, dictionaries: engine.dictionaries, stats, dedupe, sourceName: sourceId,
      });
      engine.ingest(sourceId, batch);
      options.onBatch?.(sourceId, batch);
      // Yield between batches so the API, /metrics and signals are served during a big hour.
      await sleep(0);
      if (options.stopped()) break;
    }
    const hourEndMs = engine.watermarkMs;
    options.onHour?.(hourEndMs);
    hoursDone++;
    const aheadMs = options.speed > 0 ? (hoursDone * 3_600_000) / options.speed - (performance.now() - started) : 0;
    await sleep(Math.max(0, aheadMs)); // also lets servers, timers and signals run between hours
  }
  engine.closeSource(sourceId);
}
