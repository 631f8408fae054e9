/**
 * Profile lookup latency through the real gRPC API (issue 6 target: p99 ≤ 20 ms at 200 requests/s
 * with a million subscribers stored). Builds a DuckDB file of N subscribers × D days of daily
 * features (+ contacts, cells, devices), starts the API, and sends GetProfile at a fixed rate.
 *
 *   npx vite-node bench/profile-lookup.ts -- --subscribers 100000 --days 7 --rate 200 --seconds 20
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient } from '../api/client.js';
import { sha256Hex } from '../api/auth.js';
import { startApiServer } from '../api/server.js';
import { Store } from '../store/index.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    subscribers: { type: 'string', default: '100000' },
    days: { type: 'string', default: '7' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
  },
});
const subscribers = Number(values.subscribers);
const days = Number(values.days);
const rate = Number(values.rate);
const seconds = Number(values.seconds);

const msisdnOf = (i: number): string => `849${String(i).padStart(8, '0')}`;
const imsiOf = (i: number): string => `45204${String(i).padStart(10, '0')}`;
const CHUNK = 50_000;

async function build(store: Store): Promise<void> {
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10);
    for (let start = 0; start < subscribers; start += CHUNK) {
      const n = Math.min(CHUNK, subscribers - start);
      const ids = Array.from({ length: n }, (_, k) => start + k);
      const u = (f: (i: number) => number) => Uint32Array.from(ids, f);
      const text = (f: (i: number) => string) => ids.map(f);
      await store.appendDailyFeatures({
        length: n, day: text(() => day), operator: text(() => '452-04'), imsi: text(imsiOf), msisdn: text(msisdnOf),
        moVoice: u((i) => i % 40), mtVoice: u((i) => i % 30), moVoiceAnswered: u((i) => i % 20), moDurationS: Float64Array.from(ids, (i) => (i % 40) * 60),
        moSms: u((i) => i % 5), mtSms: u((i) => i % 7), dataSessions: u((i) => i % 9), dataBytes: Float64Array.from(ids, (i) => i * 1000),
        nightMoVoice: u((i) => i % 3), intlMoVoice: u((i) => i % 2), distinctCallees: u((i) => i % 25), distinctCells: u((i) => 1 + (i % 4)),
        distinctImeis: u(() => 1), calleesNoCallback: u((i) => i % 6),
      });
      await store.appendDailyContacts({
        length: n, day: text(() => day), operator: text(() => '452-04'), imsi: text(imsiOf), msisdn: text(msisdnOf), contact: text((i) => msisdnOf((i * 7919 + d) % subscribers)),
        callsOut: u((i) => i % 10), callsIn: u((i) => i % 4), smsOut: u(() => 0), smsIn: u(() => 1), durationS: Float64Array.from(ids, (i) => i % 600),
      });
      for (const table of ['daily_cells', 'daily_devices'] as const) {
        await store.appendDailyPlaces(table, {
          length: n, day: text(() => day), operator: text(() => '452-04'), imsi: text(imsiOf), msisdn: text(msisdnOf),
          key: text((i) => (table === 'daily_cells' ? `452-04-${i % 500}-${i % 97}` : `3569380${String(i).padStart(8, '0')}`)), events: u((i) => 1 + (i % 50)),
        });
      }
    }
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const dir = mkdtempSync(join(tmpdir(), 'telsentry-bench-'));
const store = await Store.open(join(dir, 'bench.duckdb'));
const buildStarted = Date.now();
await build(store);
const buildS = (Date.now() - buildStarted) / 1000;
const server = await startApiServer({ store, port: 0, auth: { tokens: [{ sha256: sha256Hex('bench'), principal: 'bench', role: 'investigator' }] } });
const client = new ApiClient({ address: `127.0.0.1:${server.port}`, token: 'bench' });

const latenciesMs: number[] = [];
let failures = 0;
const total = rate * seconds;
const intervalMs = 1000 / rate;
const started = performance.now();
const inFlight: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const due = started + i * intervalMs;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const sentAt = performance.now();
  const msisdn = msisdnOf(Math.floor(Math.random() * subscribers));
  inFlight.push(client.call('SubscriberService', 'GetProfile', { subject: { kind: 'SUBJECT_KIND_MSISDN', value: msisdn }, case_reference: 'BENCH-1', history_days: days })
    .then(() => void latenciesMs.push(performance.now() - sentAt), () => void (failures += 1)));
}
await Promise.all(inFlight);
const elapsedS = (performance.now() - started) / 1000;
latenciesMs.sort((a, b) => a - b);
const result = {
  subscribers, days, dailyRows: subscribers * days, buildSeconds: buildS,
  targetRate: rate, achievedRate: Math.round(latenciesMs.length / elapsedS), requests: total, failures,
  p50Ms: +percentile(latenciesMs, 50).toFixed(2), p95Ms: +percentile(latenciesMs, 95).toFixed(2), p99Ms: +percentile(latenciesMs, 99).toFixed(2), maxMs: +(latenciesMs.at(-1) ?? NaN).toFixed(2),
  rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
};
console.log(JSON.stringify(result, null, 2));
client.close();
await server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
