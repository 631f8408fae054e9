/**
 * Replay benchmark (BENCHMARKS.md): records/s and peak memory of the full engine over a
 * generated gzip CSV file of ≥ 5 million CDRs, beside merely parsing the same files in the
 * same run (the baseline), and window-state bytes per active subscriber.
 *
 *   node dist/bench/replay-throughput.js [--subscribers 120000] [--days 2] [--dir data/bench] [--runs 2] [--phases parse,replay]
 *
 * Phases: parse (decode/validate/dedupe only, one thread), replay (as `telsentry replay`: CDRs
 * decoded on a worker thread, engine on the main thread), replay-inline (everything on one thread).
 *
 * Each measurement runs in a child process of its own so its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dedupeHorizonMs, validateConfig } from '../core/config.js';
import { createDictionaries } from '../core/dictionary.js';
import { createDetectors } from '../detectors/index.js';
import { Engine } from '../engine/engine.js';
import { replayFiles } from '../engine/file-replay.js';
import { IngestStats, readCdrs, RecordDeduplicator } from '../ingest/index.js';
import { simulate } from '../sim/index.js';

interface PhaseResult {
  phase: string;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMb: number;
  cpuSeconds: number;
  /** CPU of the main (engine) thread alone: with a free core for the parse worker, it bounds throughput. */
  mainThreadCpuSeconds: number;
  activeSubscribers?: number;
  stateBytes?: number;
  stateBytesPerSubscriber?: number;
  findings?: number;
}

/** utime + stime of this process's main thread, from /proc (Linux), in seconds. */
function mainThreadCpuSeconds(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // fields 14 and 15 of stat(5), in clock ticks (USER_HZ = 100)
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

async function runPhase(phase: string, files: string[], subscribersFile: string): Promise<PhaseResult> {
  const stats = new IngestStats();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuSeconds();
  const t0 = performance.now();
  let extra: Partial<PhaseResult> = {};
  if (phase === 'parse') {
    // Baseline: decode, validate and dedupe every row, nothing else.
    const dictionaries = createDictionaries();
    const dedupe = new RecordDeduplicator({ horizonMs: dedupeHorizonMs(validateConfig({})) }) // the horizon replay uses;
    for (const path of files) for await (const _batch of readCdrs(path, { homeCountryCode: '84', dictionaries, stats, dedupe })) { /* drain */ }
  } else {
    const engine = new Engine({ config: validateConfig({}), dictionaries: createDictionaries(), detectors: createDetectors() });
    let peakState = { bytes: 0, active: 0 };
    await replayFiles({ cdrFiles: files, subscribersFile }, {
      engine, stats, progressEveryRecords: 250_000, parseInWorker: phase === 'replay',
      onProgress: () => {
        const bytes = engine.windows.byteLength;
        if (bytes > peakState.bytes) peakState = { bytes, active: engine.windows.active };
      },
    });
    extra = {
      activeSubscribers: peakState.active, stateBytes: peakState.bytes,
      stateBytesPerSubscriber: Math.round(peakState.bytes / Math.max(1, peakState.active)), findings: engine.ledger.size,
    };
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    phase, records: stats.read, seconds: Math.round(seconds * 100) / 100, recordsPerSecond: Math.round(stats.read / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    mainThreadCpuSeconds: Math.round((mainThreadCpuSeconds() - main0) * 100) / 100, ...extra,
  };
}

async function main(): Promise<void> {
  const phase = arg('phase', '');
  const dir = arg('dir', 'data/bench');
  if (phase !== '') {
    const made = JSON.parse(readFileSync(join(dir, 'bench-files.json'), 'utf8')) as { cdr: string[]; subscribers: string };
    process.stdout.write(JSON.stringify(await runPhase(phase, made.cdr, made.subscribers)) + '\n');
    return;
  }
  const subscribers = Number(arg('subscribers', '120000'));
  const days = Number(arg('days', '2'));
  const runs = Number(arg('runs', '2'));
  if (!existsSync(join(dir, 'bench-files.json'))) {
    process.stderr.write(`bench: generating ${subscribers} subscribers × ${days} days into ${dir}…\n`);
    const made = await simulate({ outDir: dir, seed: 42, subscribers, days, scenario: 'default', format: 'csv', gzip: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'bench-files.json'), JSON.stringify({ cdr: made.files.cdr, subscribers: made.files.subscribers, records: made.records }));
  }
  const self = fileURLToPath(import.meta.url);
  const results: PhaseResult[] = [];
  for (let run = 0; run < runs; run++) {
    for (const p of arg('phases', 'parse,replay').split(',')) {
      const out = execFileSync(process.execPath, [self, '--phase', p, '--dir', dir], { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, UV_THREADPOOL_SIZE: '4' } });
      const result = JSON.parse(out.trim().split('\n').pop()!) as PhaseResult;
      results.push(result);
      process.stderr.write(`bench: run ${run + 1} ${p}: ${JSON.stringify(result)}\n`);
    }
  }
  const best = (p: string): PhaseResult | undefined => results.filter((r) => r.phase === p).sort((a, b) => b.recordsPerSecond - a.recordsPerSecond)[0];
  const parse = best('parse');
  const ratio = (r: PhaseResult | undefined): number | undefined => (r === undefined || parse === undefined ? undefined : Math.round((r.recordsPerSecond / parse.recordsPerSecond) * 100) / 100);
  const replay = best('replay');
  const inline = best('replay-inline');
  process.stdout.write(JSON.stringify({ parse, replay, inline, replayToParseRatio: ratio(replay), inlineToParseRatio: ratio(inline) }, null, 2) + '\n');
}

await main();
