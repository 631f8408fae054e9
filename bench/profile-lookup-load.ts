/**
 * Open-loop GetProfile load (runs in the benchmark's child process). Request i is due at
 * start + i/rate and is sent then, or at once if the generator is behind; its latency is
 * measured from its due time, so time a request waited to be sent is counted too.
 */
import { ApiClient } from '../api/client.js';
import { imeiOf, imsiOf, msisdnOf } from './profile-lookup-world.js';

export interface LoadPlan {
  address: string;
  token: string;
  rate: number;
  seconds: number;
  /** sent at the same rate first, not counted (JIT, statement caches, DuckDB buffers) */
  warmupSeconds: number;
  subscribers: number;
  days: number;
  sampleMsisdn: string;
}

export interface LoadResult {
  targetRate: number;
  achievedRate: number;
  requests: number;
  warmupRequests: number;
  failures: number;
  firstFailure: string;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  /** how late the generator sent its requests (its own lag is in the latencies already) */
  maxSendLagMs: number;
  generatorCpuSeconds: number;
  /** of the sample lookups: rows in each part of one profile (checks the bench reads real data) */
  sampleProfile: Record<string, number>;
}

const KINDS = ['msisdn', 'imsi', 'imei'] as const;
const SUBJECT_KIND = { msisdn: 'SUBJECT_KIND_MSISDN', imsi: 'SUBJECT_KIND_IMSI', imei: 'SUBJECT_KIND_IMEI' } as const;
const VALUE_OF = { msisdn: msisdnOf, imsi: imsiOf, imei: imeiOf } as const;

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const client = new ApiClient({ address: plan.address, token: plan.token, timeoutMs: 10_000 });
  const sample = await client.call<Record<string, unknown[]>>('SubscriberService', 'GetProfile', {
    subject: { kind: 'SUBJECT_KIND_MSISDN', value: plan.sampleMsisdn }, case_reference: 'BENCH-1', history_days: plan.days,
  });
  const sampleProfile = Object.fromEntries(['imsis', 'history', 'top_contacts', 'cells', 'devices', 'findings'].map((k) => [k, sample[k]?.length ?? 0]));

  const warmup = Math.round(plan.rate * plan.warmupSeconds);
  const total = warmup + Math.round(plan.rate * plan.seconds);
  const latenciesMs = new Float64Array(total);
  const done = new Uint8Array(total);
  let failures = 0;
  let firstFailure = '';
  let maxSendLagMs = 0;
  const intervalMs = 1000 / plan.rate;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    const kind = KINDS[i % KINDS.length]!; // msisdn, IMSI and IMEI lookups in turn
    const subscriber = Math.floor(Math.random() * plan.subscribers);
    inFlight.push(client.call('SubscriberService', 'GetProfile', {
      subject: { kind: SUBJECT_KIND[kind], value: VALUE_OF[kind](subscriber) }, case_reference: 'BENCH-1', history_days: plan.days,
    }).then(
      () => {
        latenciesMs[i] = performance.now() - due;
        done[i] = 1;
      },
      (error: Error) => {
        failures += 1;
        firstFailure ||= error.message;
      },
    ));
  }
  await Promise.all(inFlight);
  const measuredStart = started + warmup * intervalMs;
  const elapsedS = (performance.now() - measuredStart) / 1000;
  const measured = Float64Array.from(latenciesMs.subarray(warmup).filter((_, k) => done[warmup + k] === 1)).sort();
  const cpu = process.cpuUsage(cpuBefore);
  client.close();
  const ms = (value: number): number => +value.toFixed(2);
  return {
    targetRate: plan.rate, achievedRate: Math.round(measured.length / elapsedS), requests: total - warmup, warmupRequests: warmup, failures, firstFailure,
    p50Ms: ms(percentile(measured, 50)), p95Ms: ms(percentile(measured, 95)), p99Ms: ms(percentile(measured, 99)), p999Ms: ms(percentile(measured, 99.9)),
    maxMs: ms(measured.at(-1) ?? NaN), maxSendLagMs: ms(maxSendLagMs), generatorCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1), sampleProfile,
  };
}
