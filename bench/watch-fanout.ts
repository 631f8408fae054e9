/**
 * Live-stream fan-out (issue 6): N real grpc-js WatchFindings clients in a child process, the API
 * and the store in this one. Findings go through the real path (Store.upsertFindings → commit →
 * WatchHub) at a fixed rate.
 *
 *   phase "all":     every client reads; each must get every finding exactly once, in order.
 *   phase "stalled": client 0 stops reading; the others must still get everything, and this
 *                    process's memory (sampled each second, after a GC) must stay flat.
 *
 *   npm run build && node --expose-gc dist/bench/watch-fanout.js --clients 100 --rate 200 --seconds 30 --stall-seconds 60
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sha256Hex } from '../api/auth.js';
import { startApiServer, type ApiServer } from '../api/server.js';
import { DEFAULT_WATCH_OPTIONS } from '../api/watchHub.js';
import type { Finding } from '../core/finding.js';
import { Store } from '../store/index.js';
import { runClients, type ClientReport, type ClientsPlan, type FromClients, type ToClients } from './watch-fanout-clients.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    clients: { type: 'string', default: '100' },
    /** findings committed per second, in batches every 100 ms */
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    'stall-seconds': { type: 'string', default: '60' },
    /** evidence padding per finding: large enough that an unbounded queue would show in memory */
    'finding-bytes': { type: 'string', default: '2000' },
    'stall-timeout-ms': { type: 'string', default: String(DEFAULT_WATCH_OPTIONS.stallTimeoutMs) },
    'clients-process': { type: 'string' },
  },
});


const BATCHES_PER_SECOND = 10;

function findingsOf(phase: string, from: number, count: number, padding: string): Finding[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${phase}-${from + i}`, type: 'sms_spam', severity: 'medium', score: 0.7, subject: { kind: 'msisdn', value: `849${String(from + i).padStart(8, '0')}` },
    related: [], operator: '452-04', province: 'Ha Noi', district: 'Cau Giay', first_event_at: '2026-11-21T00:00:00.000Z',
    detected_at: new Date(Date.UTC(2026, 10, 21) + from + i).toISOString(), evidence: { smsOut: 500 + i, padding }, detector: 'sms_spam@1',
  }));
}

interface MemorySample { atS: number; heapUsedMiB: number; externalMiB: number; rssMiB: number; watchClients: number; skippedTotal: number }

const mib = (bytes: number): number => +(bytes / 2 ** 20).toFixed(1);
const gc = (globalThis as { gc?: () => void }).gc;

function sampleMemory(server: ApiServer, startedMs: number): MemorySample {
  gc?.();
  const memory = process.memoryUsage();
  const stats = server.watchStats();
  return {
    atS: Math.round((Date.now() - startedMs) / 1000), heapUsedMiB: mib(memory.heapUsed), externalMiB: mib(memory.external + memory.arrayBuffers),
    rssMiB: mib(memory.rss), watchClients: stats.clients, skippedTotal: stats.skippedTotal,
  };
}

/** Commits `rate × seconds` findings at a fixed rate; samples memory each second while it does. */
async function publish(store: Store, server: ApiServer, phase: string, rate: number, seconds: number, padding: string, samples: MemorySample[]): Promise<number> {
  const total = rate * seconds;
  const perBatch = Math.max(1, Math.round(rate / BATCHES_PER_SECOND));
  const started = Date.now();
  let nextSample = 0;
  for (let sent = 0, batch = 0; sent < total; batch++) {
    const wait = started + (batch * 1000) / BATCHES_PER_SECOND - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const count = Math.min(perBatch, total - sent);
    await store.upsertFindings(findingsOf(phase, sent, count, padding));
    sent += count;
    if (Date.now() - started >= nextSample * 1000) {
      samples.push(sampleMemory(server, started));
      nextSample += 1;
    }
  }
  return (Date.now() - started) / 1000;
}

function summarise(clients: ClientReport[], expected: number) {
  const complete = clients.filter((c) => c.unique === expected && c.missing === 0 && c.duplicates === 0 && c.outOfOrder === 0 && c.skippedAnnounced === 0);
  return { clients: clients.length, everyFindingExactlyOnceInOrder: complete.length, incomplete: clients.filter((c) => !complete.includes(c)) };
}

async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts')) throw new Error('run the compiled bench: npm run build && node --expose-gc dist/bench/watch-fanout.js (the clients are forked as a plain node process)');
  const clients = Number(values.clients);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const stallSeconds = Number(values['stall-seconds']);
  const padding = 'x'.repeat(Number(values['finding-bytes']));
  const stallTimeoutMs = Number(values['stall-timeout-ms']);

  const dir = mkdtempSync(join(tmpdir(), 'telsentry-fanout-'));
  const store = await Store.open(join(dir, 'fanout.duckdb'));
  const server = await startApiServer({
    store, port: 0, auth: { tokens: [{ sha256: sha256Hex('fanout'), principal: 'fanout', role: 'analyst' }] },
    watch: { maxClients: clients + 10, stallTimeoutMs },
  });
  const plan: ClientsPlan = { address: `127.0.0.1:${server.port}`, token: 'fanout', clients };
  const child = fork(self, ['--clients-process', JSON.stringify(plan)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox: FromClients[] = [];
  const waiters: (() => void)[] = [];
  child.on('message', (message) => {
    inbox.push(message as FromClients);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async <T extends FromClients['type']>(type: T): Promise<Extract<FromClients, { type: T }>> => {
    for (;;) {
      const index = inbox.findIndex((message) => message.type === type);
      if (index >= 0) return inbox.splice(index, 1)[0] as Extract<FromClients, { type: T }>;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const toClients = (message: ToClients): void => void child.send(message);
  /** Asks for reports until every reading client has `expected` findings or the deadline passes. */
  const settle = async (phase: string, expected: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      toClients({ type: 'report', phase, expected });
      const report = await next('report');
      const reading = report.clients.filter((c) => !c.stalled);
      if (reading.every((c) => c.unique >= expected) || Date.now() > deadline) return report;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  await next('ready');
  const loadStart = loadavg()[0]!;
  const results: Record<string, unknown> = { clients, findingsPerSecond: rate, findingBytes: padding.length, stallTimeoutMs, gcBeforeSamples: gc !== undefined };

  // phase "all"
  let cpu = process.cpuUsage();
  const allSamples: MemorySample[] = [];
  const allSeconds = await publish(store, server, 'all', rate, seconds, padding, allSamples);
  const allReport = await settle('all', rate * seconds, 60_000);
  let used = process.cpuUsage(cpu);
  results.all = {
    findings: rate * seconds, publishSeconds: +allSeconds.toFixed(1), ...summarise(allReport.clients, rate * seconds),
    messagesDelivered: allReport.clients.reduce((sum, c) => sum + c.received, 0),
    serverCpuSeconds: +((used.user + used.system) / 1e6).toFixed(1), clientsCpuSeconds: +allReport.cpuSeconds.toFixed(1),
    memoryFirst: allSamples[0], memoryLast: allSamples.at(-1),
  };

  // phase "stalled"
  toClients({ type: 'stall', client: 0 });
  cpu = process.cpuUsage();
  const stallSamples: MemorySample[] = [];
  const stallPublishSeconds = await publish(store, server, 'stalled', rate, stallSeconds, padding, stallSamples);
  const stallReport = await settle('stalled', rate * stallSeconds, 60_000);
  used = process.cpuUsage(cpu);
  const healthy = stallReport.clients.filter((c) => !c.stalled);
  const heap = stallSamples.map((s) => s.heapUsedMiB + s.externalMiB);
  const stats = server.watchStats();
  results.stalled = {
    findings: rate * stallSeconds, publishSeconds: +stallPublishSeconds.toFixed(1), ...summarise(healthy, rate * stallSeconds),
    stalledClient: stallReport.clients.find((c) => c.stalled), watchStats: stats,
    serverCpuSeconds: +((used.user + used.system) / 1e6).toFixed(1), clientsCpuSeconds: +(stallReport.cpuSeconds - allReport.cpuSeconds).toFixed(1),
    jsMemoryMiB: { min: Math.min(...heap), max: Math.max(...heap), first: heap[0], last: heap.at(-1) },
    samples: stallSamples,
  };
  results.loadAverage1m = { start: +loadStart.toFixed(2), end: +loadavg()[0]!.toFixed(2) };
  console.log(JSON.stringify(results, null, 2));

  toClients({ type: 'close' });
  await new Promise((resolve) => child.once('exit', resolve));
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

// after every declaration above: main() uses the module's constants
if (values['clients-process'] !== undefined) {
  const plan = JSON.parse(values['clients-process']) as ClientsPlan;
  await runClients(plan, (message) => process.send!(message), (handler) => process.on('message', (message) => handler(message as ToClients)));
  process.disconnect();
} else {
  await main();
}
