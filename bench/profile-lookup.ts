/**
 * Profile lookup latency through the real gRPC API (issue 6 target: p99 ≤ 20 ms at 200 requests/s
 * with a million subscribers stored). Builds (or reuses) a DuckDB file of N subscribers × D days
 * of daily features, contacts, cells and devices, plus reference cells and findings about some
 * of the subscribers; starts the API in this process and drives GetProfile from a child process.
 *
 * The load is open-loop: request i is due at start + i/rate whatever the earlier ones did, and
 * its latency is counted from that due time (so a stalled server or generator cannot hide
 * latency by sending less: no coordinated omission).
 *
 *   npm run build && node dist/bench/profile-lookup.js --subscribers 1000000 --days 7 --rate 200 --seconds 30 --store /tmp/profile-1m.duckdb
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sha256Hex } from '../api/auth.js';
import { startApiServer } from '../api/server.js';
import { Store } from '../store/index.js';
import { buildProfileWorld, msisdnOf, storedSubscribers, type WorldSize } from './profile-lookup-world.js';
import { runLoad, type LoadPlan, type LoadResult } from './profile-lookup-load.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    subscribers: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '7' },
    findings: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    'warmup-seconds': { type: 'string', default: '5' },
    /** keep the built store here and reuse it on the next run (building 1M × 7 days takes minutes) */
    store: { type: 'string' },
    'load-generator': { type: 'string' },
    /** DuckDB's `threads` for the whole instance (default: one per core); an experiment, the store does not set it */
    'duckdb-threads': { type: 'string' },
  },
});

if (values['load-generator'] !== undefined) {
  // child process: the load generator, so its event loop never shares a thread with the server
  const plan = JSON.parse(values['load-generator']) as LoadPlan;
  const result = await runLoad(plan);
  process.send!(result, () => process.exit(0));
} else {
  await main();
}

async function main(): Promise<void> {
  const size: WorldSize = { subscribers: Number(values.subscribers), days: Number(values.days), findings: Number(values.findings) };
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values['warmup-seconds']);
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts')) throw new Error('run the compiled bench: npm run build && node dist/bench/profile-lookup.js (the load generator is forked as a plain node process)');

  const tempDir = values.store === undefined ? mkdtempSync(join(tmpdir(), 'telsentry-bench-')) : undefined;
  const path = values.store ?? join(tempDir!, 'bench.duckdb');
  const reused = existsSync(path);
  const buildStarted = Date.now();
  const store = await Store.open(path);
  const openSeconds = (Date.now() - buildStarted) / 1000;
  let buildSeconds = 0;
  if (!reused || (await storedSubscribers(store)) !== size.subscribers * size.days) {
    if (reused) throw new Error(`${path} holds another world; remove it or give another --store`);
    const started = Date.now();
    await buildProfileWorld(store, size, (line) => console.error(line));
    buildSeconds = (Date.now() - started) / 1000;
  }
  if (values['duckdb-threads'] !== undefined) await store.write((connection) => connection.run(`SET threads = ${Number(values['duckdb-threads'])}`));
  const server = await startApiServer({ store, port: 0, auth: { tokens: [{ sha256: sha256Hex('bench'), principal: 'bench', role: 'investigator' }] } });

  const plan: LoadPlan = {
    address: `127.0.0.1:${server.port}`, token: 'bench', rate, seconds, warmupSeconds, subscribers: size.subscribers, days: size.days,
    sampleMsisdn: msisdnOf(0),
  };
  const loadBefore = loadavg()[0]!;
  const cpuBefore = process.cpuUsage();
  const child = fork(self, ['--load-generator', JSON.stringify(plan)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = await new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
  });
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(JSON.stringify({
    ...size, duckdbThreads: values['duckdb-threads'] ?? 'default', dailyRowsPerTable: size.subscribers * size.days, reusedStore: reused, openSeconds: +openSeconds.toFixed(1), buildSeconds: +buildSeconds.toFixed(1),
    ...result,
    serverCpuSeconds: +serverCpuSeconds.toFixed(1),
    serverCpuMsPerRequest: +((serverCpuSeconds * 1000) / (result.requests + result.warmupRequests)).toFixed(2),
    serverRssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    loadAverage1m: { before: +loadBefore.toFixed(2), after: +loadavg()[0]!.toFixed(2) },
  }, null, 2));
  await server.close();
  await store.close();
  if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
}
