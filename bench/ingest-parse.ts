/**
 * CSV ingest throughput: N synthetic Contract-1 rows, gzipped in memory and written to a
 * temp file, then timed three ways in the same run:
 *   baseline  read + gunzip + split into lines (what any parser must pay)
 *   decode    readCdrs on the same .csv.gz (parse + validate + normalise + intern + batch)
 *   plain     readCdrs on the uncompressed .csv (parse cost without gunzip)
 * Each figure is the best of `repeats` runs. Every run decodes with fresh dictionaries.
 * Usage: npm run build && node dist/bench/ingest-parse.js [rows=1000000] [repeats=3]
 *    or: npx vite-node bench/ingest-parse.ts [rows] [repeats]
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip, gzipSync } from 'node:zlib';
import { createDictionaries } from '../core/dictionary.js';
import { IngestStats, readCdrs, RecordDeduplicator } from '../ingest/index.js';

const DEFAULT_ROWS = 1_000_000;
const DEFAULT_REPEATS = 3;
/**
 * Population shaped like the replay target (≥ 20,000 subscribers over two days):
 * served subscribers, the national numbers they talk to, and foreign numbers (10% of peers).
 */
const SUBSCRIBERS = 20_000;
const NATIONAL_PEERS = 100_000;
const FOREIGN_PEERS = 5_000;

/** xorshift32: reproducible rows without a dependency. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

function syntheticCsv(rows: number): Buffer {
  const rand = rng(42);
  const lines = ['record_id,operator,event,direction,start_time,duration_s,answered,ring_s,caller,callee,imsi,imei,cell_id,trunk_in,bytes,cause'];
  const baseMs = Date.UTC(2026, 10, 1, 0, 0, 0);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  for (let i = 0; i < rows; i++) {
    const sub = Math.floor(rand() * SUBSCRIBERS);
    const foreign = rand() < 0.1;
    const peer = Math.floor(rand() * (foreign ? FOREIGN_PEERS : NATIONAL_PEERS));
    const ms = baseMs + Math.floor((i / rows) * 2 * 86_400_000);
    const d = new Date(ms + 7 * 3_600_000); // written in local time with +07:00, as mediation does
    const time = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}+07:00`;
    const own = `09${pad(sub, 8)}`;
    const other = foreign ? `+1${pad(4_150_000_000 + peer, 10)}` : `84${pad(900_000_000 + peer, 9)}`;
    const mo = rand() < 0.5;
    const kind = rand();
    const imsi = `45204${pad(sub, 10)}`;
    const imei = `35${pad(sub * 7 % 1_000_000_000_000, 12)}`;
    const cell = `452-04-${10 + (sub % 50)}-${(sub * 31) % 2_000}`;
    if (kind < 0.7) {
      const answered = rand() < 0.7;
      lines.push(`v${i},452-04,voice,${mo ? 'mo' : 'mt'},${time},${answered ? Math.floor(rand() * 300) : 0},${answered},${(rand() * 20).toFixed(1)},${mo ? own : other},${mo ? other : own},${imsi},${imei},${cell},${mo ? '' : 'national'},,${answered ? 'normal' : 'no_answer'}`);
    } else if (kind < 0.9) {
      lines.push(`s${i},452-04,sms,${mo ? 'mo' : 'mt'},${time},,,,${mo ? own : other},${mo ? other : own},${imsi},${imei},${cell},,,`);
    } else {
      lines.push(`d${i},452-04,data,mo,${time},${Math.floor(rand() * 3600)},,,,,${imsi},${imei},${cell},,${Math.floor(rand() * 50_000_000)},`);
    }
  }
  return Buffer.from(lines.join('\n') + '\n');
}

async function baselineGunzipSplit(path: string): Promise<number> {
  let lines = 0;
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  createReadStream(path, { highWaterMark: 1024 * 1024 }).pipe(gunzip);
  let carry = 0;
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    let pos = 0;
    while (true) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      lines++;
      pos = nl + 1;
    }
    carry = chunk.length - pos;
  }
  return lines - 1 + (carry > 0 ? 1 : 0); // minus header
}

async function decode(path: string): Promise<{ accepted: number; rejected: number }> {
  const stats = new IngestStats();
  // Horizon as `telsentry replay` sets it: allowed disorder 10 min + lateness 1 h + 1 h.
  const opts = { homeCountryCode: '84', dictionaries: createDictionaries(), stats, dedupe: new RecordDeduplicator({ horizonMs: 7_800_000 }) };
  let rows = 0;
  for await (const batch of readCdrs(path, opts)) rows += batch.length;
  if (rows !== stats.accepted) throw new Error('batch rows and stats disagree');
  return { accepted: stats.accepted, rejected: stats.rejectedTotal };
}

/**
 * Best of `repeats` runs, as wall time and as process CPU time (all threads: zlib runs on
 * the libuv pool). On a shared, loaded machine CPU time is the fairer figure; both are printed.
 */
async function timed<T>(label: string, rows: number, repeats: number, run: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  let bestWallS = Infinity;
  let bestCpuS = Infinity;
  for (let r = 0; r < repeats; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    result = await run();
    bestWallS = Math.min(bestWallS, Number(process.hrtime.bigint() - t0) / 1e9);
    const cpu = process.cpuUsage(cpu0);
    bestCpuS = Math.min(bestCpuS, (cpu.user + cpu.system) / 1e6);
  }
  const rate = (seconds: number): string => Math.round(rows / seconds).toLocaleString('en-US').padStart(11);
  console.log(`${label.padEnd(44)} wall ${bestWallS.toFixed(2).padStart(6)} s ${rate(bestWallS)} rows/s | cpu ${bestCpuS.toFixed(2).padStart(6)} s ${rate(bestCpuS)} rows/s`);
  return result!;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? DEFAULT_ROWS);
  const repeats = Number(process.argv[3] ?? DEFAULT_REPEATS);
  const dir = mkdtempSync(join(tmpdir(), 'telsentry-bench-'));
  try {
    const csv = syntheticCsv(rows);
    const gz = gzipSync(csv, { level: 6 });
    writeFileSync(join(dir, 'cdr.csv'), csv);
    writeFileSync(join(dir, 'cdr.csv.gz'), gz);
    console.log(`node ${process.version}, ${rows.toLocaleString('en-US')} rows, ${(csv.length / rows).toFixed(0)} B/row, csv ${(csv.length / 2 ** 20).toFixed(0)} MiB, gzip ${(gz.length / 2 ** 20).toFixed(0)} MiB`);
    const lines = await timed('baseline: read + gunzip + line split', rows, repeats, () => baselineGunzipSplit(join(dir, 'cdr.csv.gz')));
    if (lines !== rows) throw new Error(`baseline counted ${lines} lines, expected ${rows}`);
    const gzResult = await timed('readCdrs .csv.gz (gunzip+parse+validate)', rows, repeats, () => decode(join(dir, 'cdr.csv.gz')));
    const plainResult = await timed('readCdrs .csv (parse+validate, no gunzip)', rows, repeats, () => decode(join(dir, 'cdr.csv')));
    for (const r of [gzResult, plainResult]) {
      if (r.accepted !== rows || r.rejected !== 0) throw new Error(`expected ${rows} accepted, got ${r.accepted} (${r.rejected} rejected)`);
    }
    console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    if (process.env.KEEP_BENCH_FILES === undefined) rmSync(dir, { recursive: true, force: true }); else console.log(dir);
  }
}

await main();
