/**
 * Engine checkpoint/restore end to end, without Kafka: a simulated population goes into engine
 * A up to a cut point, A is checkpointed (through the on-disk CheckpointStore, as Arrow IPC),
 * a brand-new engine B with fresh dictionaries restored from the checkpoint tables takes the
 * rest. With every detector on, B must end with exactly the findings (ids, attributes,
 * evidence), finding events, daily feature rows and profile aggregates of one uninterrupted
 * engine. Several cut points, each in the middle of a pane with records pending.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdrRecord } from '../../../core/cdr.js';
import { dedupeHorizonMs, validateConfig } from '../../../core/config.js';
import { createDictionaries, type Dictionaries } from '../../../core/dictionary.js';
import type { Finding } from '../../../core/finding.js';
import { createDetectors, type TestCallEvent } from '../../../detectors/index.js';
import { Engine } from '../../../engine/engine.js';
import type { DailyFeatureColumns } from '../../../engine/daily-features.js';
import { ProfileRecorder } from '../../../engine/profile-recorder.js';
import type { CellReference, SubscriberRegistration } from '../../../engine/reference.js';
import { decodeCdrRecords, IngestStats, RecordDeduplicator } from '../../../ingest/index.js';
import { CheckpointStore } from '../../../ingest/kafka/checkpoint.js';
import { dictionaryTables, isDictionaryTable, restoreDictionaries } from '../../../ingest/kafka/dictionary-tables.js';
import { resolveOptions, Simulation } from '../../../sim/index.js';

const config = validateConfig({});
const CHUNK = 1_000; // records per ingest call: cuts fall inside panes, not on their edges

interface Step {
  subscribers: SubscriberRegistration[];
  testCalls: TestCallEvent[];
  chunks: CdrRecord[][];
}

interface Run {
  findings: Finding[];
  events: string[];
  daily: string[];
  profiles: unknown;
  stats: unknown;
}

let cells: CellReference[] = [];
const steps: Step[] = [];
let watched: string[] = [];
let reference: Run;
let totalChunks = 0;
const dir = mkdtempSync(join(tmpdir(), 'telsentry-engine-ckpt-'));

function buildEngine(dictionaries: Dictionaries): { engine: Engine; profiles: ProfileRecorder } {
  const engine = new Engine({
    config, dictionaries, now: () => 0, // processing time frozen: no source ever idles, the run is deterministic
    detectors: createDetectors({ watchlist: { entries: watched.map((value) => ({ kind: 'msisdn' as const, value })) } }),
  });
  const profiles = new ProfileRecorder(dictionaries, engine.clock);
  engine.attachCheckpointState('profiles', profiles);
  return { engine, profiles };
}

function dailyRows(day: string, c: DailyFeatureColumns): string[] {
  return Array.from({ length: c.length }, (_, i) => JSON.stringify([day, c.imsi[i], c.msisdn[i], c.operator[i], c.moVoice[i], c.mtVoice[i],
    c.moVoiceAnswered[i], c.moDurationS[i], c.moSms[i], c.mtSms[i], c.dataSessions[i], c.dataBytes[i], c.nightMoVoice[i], c.intlMoVoice[i],
    c.distinctCallees[i], c.distinctCells[i], c.distinctImeis[i], c.calleesNoCallback[i]]));
}

/** Runs every step; with `cutAfter`, checkpoints after that many chunks and continues in a new engine. */
async function run(cutAfter?: number): Promise<Run & { pendingAtCut: number }> {
  let dictionaries = createDictionaries();
  let { engine, profiles } = buildEngine(dictionaries);
  const events: string[] = [];
  const daily: string[] = [];
  const listen = (e: Engine): void => {
    e.onFinding((finding, change) => events.push(`${change} ${finding.id} ${finding.severity} ${finding.score}`));
    e.onDailyFeatures((day, columns) => daily.push(...dailyRows(day, columns)));
  };
  listen(engine);
  engine.reference.addCells(cells);
  // The deduplicator belongs to the source (its keys are strings), so it carries over the cut.
  const dedupe = new RecordDeduplicator({ horizonMs: dedupeHorizonMs(config) });
  const stats = new IngestStats();
  let chunkNo = 0;
  let pendingAtCut = -1;
  for (const step of steps) {
    await new Promise((resolve) => setImmediate(resolve)); // let the test runner's RPC through
    engine.reference.addSubscribers(step.subscribers);
    if (step.testCalls.length > 0) engine.addTestCalls(step.testCalls);
    for (const records of step.chunks) {
      const batch = decodeCdrRecords(records, { homeCountryCode: config.homeCountryCode, dictionaries, stats, dedupe, sourceName: 'sim' });
      engine.ingest('sim', batch);
      profiles.record(batch);
      if (++chunkNo === cutAfter) {
        pendingAtCut = engine.stats.pendingRecords;
        const state = engine.checkpoint();
        const store = new CheckpointStore(join(dir, `cut-${cutAfter}`));
        store.write({ tables: { ...state.tables, ...dictionaryTables(dictionaries) }, meta: state.meta, offsets: [] });
        const loaded = store.load()!;
        dictionaries = createDictionaries();
        restoreDictionaries(dictionaries, loaded.tables);
        ({ engine, profiles } = buildEngine(dictionaries));
        listen(engine);
        engine.restore({ tables: Object.fromEntries(Object.entries(loaded.tables).filter(([name]) => !isDictionaryTable(name))), meta: loaded.meta });
      }
    }
  }
  engine.closeSource('sim');
  engine.finish();
  return { findings: engine.findings(), events, daily, profiles: (profiles as unknown as { days: unknown }).days, stats: engine.stats, pendingAtCut };
}

beforeAll(async () => {
  const sim = new Simulation(resolveOptions({ outDir: '.', seed: 7, subscribers: 800, days: 2, scenario: 'mixed' }));
  cells = sim.world.geo.cells;
  let subscribersFed = 0;
  let testCallsFed = 0;
  for (const hour of sim.batches()) {
    const subscribers = sim.world.subscribers.slice(subscribersFed);
    subscribersFed = sim.world.subscribers.length;
    const rows = sim.testCallRows();
    const testCalls = rows.slice(testCallsFed).map((row) => ({
      testId: row.test_id, calledAtMs: Date.parse(row.called_at), bNumber: row.b_number, originalCli: row.original_cli, observedCli: row.observed_cli, route: row.route,
    }));
    testCallsFed = rows.length;
    const records = hour.map((pending) => pending.record);
    const chunks: CdrRecord[][] = [];
    for (let i = 0; i < records.length; i += CHUNK) chunks.push(records.slice(i, i + CHUNK));
    steps.push({ subscribers, testCalls, chunks });
    totalChunks += chunks.length;
  }
  watched = sim.world.subscribers.slice(0, 3).map((s) => s.msisdn);
  reference = await run();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('engine checkpoint and restore', () => {
  it('the reference run exercises many detectors and writes daily features', () => {
    const types = new Set(reference.findings.map((f) => f.type));
    expect(types.size).toBeGreaterThanOrEqual(5);
    expect(types.has('watchlist')).toBe(true);
    expect(reference.daily.length).toBeGreaterThan(1_000);
  });

  it.each([0.2, 0.5, 0.83])('restored at %s of the stream: the same findings, finding events, daily rows and profiles as one engine', async (share) => {
    const cut = Math.max(1, Math.round(totalChunks * share));
    const restored = await run(cut);
    expect(restored.pendingAtCut).toBeGreaterThan(0); // the cut falls with records waiting in open panes
    expect(restored.findings.map((f) => f.id)).toEqual(reference.findings.map((f) => f.id));
    expect(restored.findings).toEqual(reference.findings);
    expect(restored.events).toEqual(reference.events);
    expect(restored.daily).toEqual(reference.daily);
    expect(restored.profiles).toEqual(reference.profiles);
    expect(restored.stats).toEqual(reference.stats);
  });
});
