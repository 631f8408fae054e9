/**
 * Seeded flow simulator: goflow2 JSON lines for several sites (diurnal traffic, sampling),
 * with the scenario's injected anomalies on the last day and a truth file in the shape the
 * evaluation matches on: {"fraud":[{type, subject:{kind,value}, first_fraud_at}]}.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { FindingType, Subject } from '../../core/finding.js';
import { MINUTE_MS } from '../../core/time.js';
import type { ExporterConfig } from '../../ingest/flows/exporters.js';
import { Random } from './random.js';
import { DEFAULT_INJECTIONS, DEFAULT_SITES, DIURNAL, type Injection, type SimSite } from './scenario.js';

export interface SimulateFlowsOptions {
  seed?: number;
  /** Days simulated; injections happen on the last one, earlier days seed the baselines. */
  days?: number;
  /** Epoch ms of local midnight of the first day. */
  startMs?: number;
  /** Normal flow records per site per minute at the peak hour (before the site's scale). */
  baseFlowsPerMinute?: number;
  sites?: readonly SimSite[];
  injections?: readonly Injection[];
}

export interface FlowTruthEntry {
  type: FindingType;
  subject: Subject;
  first_fraud_at: string;
}

export interface FlowTruth {
  fraud: FlowTruthEntry[];
}

export interface SimulatedFlows {
  truth: FlowTruth;
  exporters: ExporterConfig[];
  /** JSON lines, minute by minute, ordered by flow end within each minute. */
  lines(): Generator<string>;
}

export const SIMULATE_FLOWS_DEFAULTS = {
  seed: 7,
  days: 2,
  startMs: Date.UTC(2026, 10, 15, 17, 0), // Monday 2026-11-16 00:00 in Asia/Ho_Chi_Minh (UTC+7)
  baseFlowsPerMinute: 14,
} as const;

const FLOOD_FLOWS_PER_MINUTE = 150; // spoofed sources per minute in a flood's sampled records
const CDN_SOURCES = ['203.0.113.10', '203.0.113.11', '203.0.113.12', '203.0.113.13'];

interface FlowLine {
  endNs: bigint;
  text: string;
}

export function simulateFlows(opts: SimulateFlowsOptions = {}): SimulatedFlows {
  const days = opts.days ?? SIMULATE_FLOWS_DEFAULTS.days;
  const startMs = opts.startMs ?? SIMULATE_FLOWS_DEFAULTS.startMs;
  const sites = opts.sites ?? DEFAULT_SITES;
  const injections = opts.injections ?? DEFAULT_INJECTIONS;
  const lastDay = days - 1;
  const truth: FlowTruth = { fraud: [] };
  for (const inj of injections) {
    const entry = truthOf(inj, sites, startMs + (lastDay * 1440 + inj.startMinute) * MINUTE_MS);
    if (entry !== null) truth.fraud.push(entry);
  }
  truth.fraud.sort((a, b) => a.first_fraud_at.localeCompare(b.first_fraud_at));
  const exporters = sites.map((s) => ({ address: s.exporter, siteId: s.siteId, operator: s.operator }));
  return {
    truth,
    exporters,
    *lines() {
      const random = new Random(opts.seed ?? SIMULATE_FLOWS_DEFAULTS.seed);
      const base = opts.baseFlowsPerMinute ?? SIMULATE_FLOWS_DEFAULTS.baseFlowsPerMinute;
      let sequence = 0;
      for (let m = 0; m < days * 1440; m++) {
        const day = Math.floor(m / 1440);
        const minuteOfDay = m % 1440;
        const minuteMs = startMs + m * MINUTE_MS;
        const out: FlowLine[] = [];
        const active = injections.filter((inj) => (inj.everyDay || day === lastDay) && minuteOfDay >= inj.startMinute && minuteOfDay < inj.startMinute + inj.minutes);
        sites.forEach((site, index) => {
          const here = active.filter((inj) => inj.site === index);
          if (here.some((inj) => inj.kind === 'site_silence')) return; // link cut: the exporter goes quiet
          const write = (f: Omit<FlowSpec, 'site'>): void => {
            out.push(render({ ...f, site }, minuteMs, random, ++sequence));
          };
          let multiplier = 1;
          for (const inj of here) {
            if (inj.kind === 'traffic_spike') multiplier *= inj.rate ?? 1;
            if (inj.kind === 'evening_peak') multiplier *= (inj.rate ?? 1) * (day === lastDay ? inj.lastDayFactor ?? 1 : 1);
          }
          const lambda = base * site.scale * diurnal(minuteOfDay) * multiplier;
          for (let n = random.poisson(lambda); n > 0; n--) write(normalFlow(site, random));
          for (const inj of here) injectFlows(inj, site, lambda, random, write);
        });
        out.sort((a, b) => (a.endNs < b.endNs ? -1 : a.endNs > b.endNs ? 1 : 0));
        for (const line of out) yield line.text;
      }
    },
  };
}

/** Writes the JSON lines (gzip when `path` ends in .gz) and returns the truth. */
export async function writeSimulatedFlows(path: string, opts: SimulateFlowsOptions = {}): Promise<SimulatedFlows & { lineCount: number }> {
  const sim = simulateFlows(opts);
  const file = createWriteStream(path);
  const sink = path.endsWith('.gz') ? createGzip() : null;
  if (sink) sink.pipe(file);
  const target = sink ?? file;
  let lineCount = 0;
  for (const line of sim.lines()) {
    lineCount++;
    if (!target.write(`${line}\n`)) await once(target, 'drain');
  }
  target.end();
  await once(file, 'finish');
  return { ...sim, lineCount };
}

interface FlowSpec {
  site: SimSite;
  src: string;
  dst: string;
  proto: number;
  srcPort: number;
  dstPort: number;
  /** Sampled counts (what the router's sampled record says). */
  packets: number;
  bytes: number;
  maxDurationMs: number;
}

function normalFlow(site: SimSite, random: Random): Omit<FlowSpec, 'site'> {
  const packets = 1 + random.poisson(7);
  const tcp = random.next() < 0.8;
  return {
    src: `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
    dst: `${site.customerPrefix}.${random.int(0, 255)}.${random.int(1, 254)}`,
    proto: tcp ? 6 : 17, srcPort: tcp ? 443 : random.int(1024, 65535), dstPort: random.int(32768, 60999),
    packets, bytes: packets * random.int(400, 1400), maxDurationMs: 30_000,
  };
}

function injectFlows(inj: Injection, site: SimSite, lambda: number, random: Random, write: (f: Omit<FlowSpec, 'site'>) => void): void {
  const bpp = inj.bytesPerPacket ?? 1000;
  switch (inj.kind) {
    case 'ddos': {
      const packets = Math.max(1, Math.round(((inj.rate ?? 0) * 60) / (FLOOD_FLOWS_PER_MINUTE * site.samplingRate)));
      const amplified = bpp > 500;
      const v6 = (inj.address ?? '').includes(':');
      for (let i = 0; i < FLOOD_FLOWS_PER_MINUTE; i++) {
        write({
          src: v6 ? `2001:db8:${random.int(1, 0xfff).toString(16)}::${random.int(1, 0xffff).toString(16)}` : `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
          dst: inj.address!, proto: amplified ? 17 : 6, srcPort: amplified ? 53 : random.int(1024, 65535), dstPort: amplified ? random.int(1024, 65535) : 80,
          packets, bytes: packets * bpp, maxDurationMs: 5_000,
        });
      }
      return;
    }
    case 'scan_horizontal':
      for (let i = 0; i < (inj.rate ?? 0); i++) {
        write({ src: inj.address!, dst: `${site.customerPrefix}.${random.int(0, 255)}.${random.int(1, 254)}`, proto: 6, srcPort: random.int(40000, 65000), dstPort: inj.rate! > 100 ? 23 : 445, packets: 1, bytes: bpp, maxDurationMs: 1_000 });
      }
      return;
    case 'scan_vertical':
      for (let i = 0; i < (inj.rate ?? 0); i++) {
        write({ src: inj.address!, dst: `${site.customerPrefix}.0.20`, proto: 6, srcPort: 51515, dstPort: random.int(1, 10_000), packets: 1, bytes: bpp, maxDurationMs: 1_000 });
      }
      return;
    case 'cdn_burst':
      for (let n = random.poisson(lambda * ((inj.rate ?? 1) - 1)); n > 0; n--) {
        const packets = 1 + random.poisson(7);
        write({ src: CDN_SOURCES[random.int(0, CDN_SOURCES.length - 1)]!, dst: `${site.customerPrefix}.${random.int(0, 255)}.${random.int(1, 254)}`, proto: 6, srcPort: 443, dstPort: random.int(32768, 60999), packets, bytes: packets * 1400, maxDurationMs: 30_000 });
      }
      return;
    default:
      return;
  }
}

function render(f: FlowSpec, minuteMs: number, random: Random, sequence: number): FlowLine {
  const startNs = BigInt(minuteMs) * 1_000_000n + BigInt(Math.floor(random.next() * 60e9));
  const endNs = startNs + BigInt(Math.floor(random.next() * f.maxDurationMs * 1e6));
  const receivedNs = endNs + BigInt(random.int(50, 2000)) * 1_000_000n;
  const v6 = f.dst.includes(':');
  const protoName = f.proto === 6 ? 'TCP' : f.proto === 17 ? 'UDP' : '';
  const text = `{"type":"IPFIX","time_received_ns":${receivedNs},"sequence_num":${sequence},"sampling_rate":${f.site.samplingRate},` +
    `"sampler_address":"${f.site.exporter}","time_flow_start_ns":${startNs},"time_flow_end_ns":${endNs},"bytes":${f.bytes},"packets":${f.packets},` +
    `"src_addr":"${f.src}","dst_addr":"${f.dst}","etype":"${v6 ? 'IPv6' : 'IPv4'}","proto":"${protoName}","src_port":${f.srcPort},"dst_port":${f.dstPort},` +
    `"in_if":1,"out_if":2,"src_as":0,"dst_as":0}`;
  return { endNs, text };
}

function diurnal(minuteOfDay: number): number {
  const hour = minuteOfDay / 60;
  const h0 = Math.floor(hour);
  const frac = hour - h0;
  return DIURNAL[h0]! * (1 - frac) + DIURNAL[(h0 + 1) % 24]! * frac;
}

function truthOf(inj: Injection, sites: readonly SimSite[], atMs: number): FlowTruthEntry | null {
  const at = new Date(atMs).toISOString();
  const site = sites[inj.site]!;
  switch (inj.kind) {
    case 'ddos': return { type: 'ddos', subject: { kind: 'ip', value: inj.address! }, first_fraud_at: at };
    case 'scan_horizontal': case 'scan_vertical': return { type: 'scan', subject: { kind: 'ip', value: inj.address! }, first_fraud_at: at };
    case 'traffic_spike': return { type: 'traffic_spike', subject: { kind: 'site', value: site.siteId }, first_fraud_at: at };
    case 'site_silence': return { type: 'site_silence', subject: { kind: 'site', value: site.siteId }, first_fraud_at: at };
    default: return null; // confounders are not fraud
  }
}
