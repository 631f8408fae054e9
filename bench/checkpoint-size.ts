/**
 * Checkpoint size and time per active subscriber (issue 4, BENCHMARKS.md "Checkpoints").
 *
 *   node dist/bench/checkpoint-size.js [--subscribers N] [--days D] [--seed S] [--every-hours H]
 *
 * Runs the in-process simulator through the engine with every CDR detector (and the profile
 * recorder attached, as `telsentry start` on Kafka does) and, every H simulated hours, takes
 * engine.checkpoint(), encodes its tables as Arrow IPC files (what CheckpointStore writes) and
 * restores them into a fresh engine. Prints per sample: active subscribers, bytes (total and per
 * table), encode / IPC / restore milliseconds, and bytes and microseconds per active subscriber.
 */
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { dedupeHorizonMs, validateConfig } from '../core/config.js';
import { createDictionaries, type Dictionaries } from '../core/dictionary.js';
import { createDetectors } from '../detectors/index.js';
import { Engine } from '../engine/engine.js';
import { ProfileRecorder } from '../engine/profile-recorder.js';
import { decodeCdrRecords, IngestStats, RecordDeduplicator } from '../ingest/index.js';
import { dictionaryTables, restoreDictionaries } from '../ingest/kafka/dictionary-tables.js';
import { resolveOptions, Simulation } from '../sim/index.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const subscribers = arg('subscribers', 10_000);
const days = arg('days', 2);
const everyHours = arg('every-hours', 8);
const config = validateConfig({});

function build(dictionaries: Dictionaries): Engine {
  const engine = new Engine({ config, dictionaries, detectors: createDetectors(), now: () => 0 });
  engine.attachCheckpointState('profiles', new ProfileRecorder(dictionaries, engine.clock));
  return engine;
}

const dictionaries = createDictionaries();
const engine = build(dictionaries);
const profiles = new ProfileRecorder(dictionaries, engine.clock);
const sim = new Simulation(resolveOptions({ outDir: '.', seed: arg('seed', 1), subscribers, days, scenario: 'mixed' }));
engine.reference.addCells(sim.world.geo.cells);
const dedupe = new RecordDeduplicator({ horizonMs: dedupeHorizonMs(config) });
const stats = new IngestStats();
let fed = 0;
let hour = 0;
console.log(`checkpoint benchmark: ${subscribers} subscribers, ${days} day(s), sample every ${everyHours} h; node ${process.version}`);
for (const records of sim.batches()) {
  engine.reference.addSubscribers(sim.world.subscribers.slice(fed));
  fed = sim.world.subscribers.length;
  for (let i = 0; i < records.length; i += 8192) {
    const batch = decodeCdrRecords(records.slice(i, i + 8192).map((p) => p.record), {
      homeCountryCode: config.homeCountryCode, dictionaries, stats, dedupe, sourceName: 'sim',
    });
    engine.ingest('sim', batch);
    profiles.record(batch);
  }
  if (++hour % everyHours !== 0) continue;
  const t0 = performance.now();
  const state = engine.checkpoint();
  const t1 = performance.now();
  const tables: Record<string, Table> = { ...state.tables, ...dictionaryTables(dictionaries) };
  const bytes: Record<string, number> = {};
  const files: Record<string, Uint8Array> = {};
  for (const [name, table] of Object.entries(tables)) {
    files[name] = tableToIPC(table, 'file');
    bytes[name] = files[name].byteLength;
  }
  const t2 = performance.now();
  const read: Record<string, Table> = {};
  for (const [name, file] of Object.entries(files)) read[name] = tableFromIPC(file);
  const freshDictionaries = createDictionaries();
  restoreDictionaries(freshDictionaries, read);
  const fresh = build(freshDictionaries);
  fresh.restore({ tables: Object.fromEntries(Object.entries(read).filter(([n]) => n.startsWith('state_'))), meta: state.meta });
  const t3 = performance.now();
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  const active = engine.windows.active;
  const top = Object.entries(bytes).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, b]) => `${n} ${(b / 1e6).toFixed(2)} MB`).join(', ');
  console.log(`hour ${hour}: ${active} active subscribers, ${stats.accepted} records; checkpoint ${(total / 1e6).toFixed(2)} MB `
    + `(${Math.round(total / active)} B/subscriber; ${top}); encode ${(t1 - t0).toFixed(0)} ms, IPC ${(t2 - t1).toFixed(0)} ms, `
    + `restore ${(t3 - t2).toFixed(0)} ms; ${(((t1 - t0) + (t2 - t1)) * 1000 / active).toFixed(1)} µs/subscriber to write`);
}
