/**
 * Window-state memory benchmark and equivalence probe (issue 2, BENCHMARKS.md "Window state").
 *
 *   node dist/bench/window-state.js --dir DIR [--every-pane]
 *
 * Replays the simulator output in DIR (simulation-files.txt or bench-files.json) through the engine with
 * every CDR detector, and prints: window-state bytes per structure at the peak (sampled after every
 * pane and closed hour), bytes per active subscriber, peak RSS, and two digests — of the sorted findings and of
 * every subscriber's 1 h / 24 h features read after each closed hour (and, with --every-pane, after
 * each pane for the subscribers in it). Two builds that print the same digests computed the same windows.
 * It also prints the identifier dictionaries' bytes (Dictionary.byteLength).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../core/config.js';
import { createDictionaries } from '../core/dictionary.js';
import { createDetectors, type Detector, type DetectorContext } from '../detectors/index.js';
import { Engine } from '../engine/engine.js';
import { replayFiles } from '../engine/file-replay.js';
import { IngestStats } from '../ingest/index.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

function inputs(dir: string): { cdrFiles: string[]; subscribersFile?: string; cellsFile?: string; testCallsFile?: string } {
  if (existsSync(join(dir, 'bench-files.json'))) {
    const made = JSON.parse(readFileSync(join(dir, 'bench-files.json'), 'utf8')) as { cdr: string[]; subscribers: string };
    return { cdrFiles: made.cdr, subscribersFile: made.subscribers };
  }
  const names = readdirSync(dir);
  const optional = (name: string): string | undefined => (names.includes(name) ? join(dir, name) : undefined);
  return {
    cdrFiles: names.filter((n) => n.startsWith('cdr-')).sort().map((n) => join(dir, n)),
    subscribersFile: optional('subscribers.csv'), cellsFile: optional('cells.csv'), testCallsFile: optional('test_calls.csv'),
  };
}

const featureHash = createHash('sha256');
const values = new Float64Array(64);

function hashSlot(ctx: DetectorContext, slot: number): void {
  const w = ctx.windows;
  let n = 0;
  values[n++] = slot;
  values[n++] = w.imsiId[slot]!;
  for (const window of ['1h', '24h'] as const) {
    for (const v of Object.values(w.features(slot, window))) values[n++] = v;
    values[n++] = w.imsisOnImei(w.lastImeiId[slot]!, window);
  }
  featureHash.update(new Uint8Array(values.buffer, 0, n * 8));
}

const everyPane = process.argv.includes('--every-pane');
let peak = { bytes: 0, active: 0, breakdown: {} as Record<string, number>, occupancy: {} as Record<string, number> };
/** Peak of the window state, sampled after every pane and every closed hour. */
function sample(ctx: DetectorContext): void {
  const breakdown = ctx.windows.memoryBreakdown();
  const bytes = Object.values(breakdown).reduce((a, b) => a + b, 0);
  if (bytes > peak.bytes) peak = { bytes, active: ctx.windows.active, breakdown, occupancy: ctx.windows.occupancy() };
}

const probe: Detector = {
  name: 'window-probe', version: 1,
  onPane(pane, ctx) {
    sample(ctx);
    if (!everyPane) return;
    for (let i = 0; i < pane.slots.length; i++) hashSlot(ctx, pane.slots[i]!);
  },
  onHourClosed(_hourEndMs, ctx) {
    for (const slot of ctx.windows.slots()) hashSlot(ctx, slot);
    sample(ctx);
  },
};

const dir = arg('dir', 'data/sim');
const engine = new Engine({ config: validateConfig({}), dictionaries: createDictionaries(), detectors: [...createDetectors(), probe] });
const t0 = performance.now();
await replayFiles(inputs(dir), { engine, stats: new IngestStats() });
const seconds = (performance.now() - t0) / 1000;
const findings = engine.findings().map((f) => JSON.stringify(f)).sort();
const perSubscriber: Record<string, number> = {};
for (const [name, bytes] of Object.entries(peak.breakdown)) perSubscriber[name] = Math.round((bytes / Math.max(1, peak.active)) * 10) / 10;
const d = engine.dictionaries;

/** Bytes of the identifier dictionaries: not window state, and unbounded (every IMSI, number, IMEI and cell ever seen). */
const dictionaryBytes = Object.values(d).reduce((sum, dictionary) => sum + dictionary.byteLength, 0);
process.stdout.write(JSON.stringify({
  dir, seconds: Math.round(seconds), findings: findings.length,
  findingsDigest: createHash('sha256').update(findings.join('\n')).digest('hex').slice(0, 16),
  featureDigest: featureHash.digest('hex').slice(0, 16),
  peakStateBytes: peak.bytes, activeSubscribers: peak.active,
  bytesPerSubscriber: Math.round(peak.bytes / Math.max(1, peak.active)),
  perSubscriber, occupancy: peak.occupancy,
  dictionaries: { imsi: d.imsi.size, msisdn: d.msisdn.size, imei: d.imei.size, cell: d.cell.size },
  dictionaryBytes,
  dictionaryBytesPerSubscriber: Math.round(dictionaryBytes / Math.max(1, peak.active)),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
}, null, 1) + '\n');
