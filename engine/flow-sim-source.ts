/**
 * The embedded default's network flows: the flow simulator's goflow2 JSON lines, paced in the
 * same accelerated event time as the CDR simulator, through the real decoder into the flow
 * engine (ddos, scan, traffic_spike, site_silence from flows).
 */
import { Readable } from 'node:stream';
import { readFlows, type RejectCounts } from '../ingest/flows/index.js';
import { simulateFlows } from '../sim/flows/simulate.js';
import type { FlowEngine } from './flows/index.js';

export interface FlowSimSourceOptions {
  flowEngine: FlowEngine;
  startMs: number;
  days: number;
  seed: number;
  speed: number;
  stopped: () => boolean;
  onFlows?: (flows: number, bytes: number, operator: string) => void;
  rejects: RejectCounts;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Pace on the event time of every this many lines (read from the line, no full JSON parse). */
const PACE_EVERY_LINES = 200;
const TIME_FIELD = /"time_flow_end_ns":"?(\d+)/;

export async function runFlowSimSource(options: FlowSimSourceOptions): Promise<void> {
  const sim = simulateFlows({ seed: options.seed, days: options.days, startMs: options.startMs });
  const started = performance.now();
  async function* paced(): AsyncGenerator<string> {
    let lines = 0;
    for (const line of sim.lines()) {
      if (options.stopped()) return;
      yield line + '\n';
      if (++lines % PACE_EVERY_LINES !== 0) continue;
      const match = TIME_FIELD.exec(line);
      const eventMs = match === null ? Number.NaN : Number(match[1]!.slice(0, -6));
      const aheadMs = options.speed > 0 && Number.isFinite(eventMs) ? (eventMs - options.startMs) / options.speed - (performance.now() - started) : 0;
      await sleep(Math.max(0, aheadMs));
    }
  }
  const input = Readable.from(paced());
  for await (const batch of readFlows('-', { input, format: 'json', exporters: sim.exporters, dictionaries: options.flowEngine.flowDictionaries, rejects: options.rejects })) {
    options.flowEngine.ingest(batch);
    if (options.onFlows !== undefined) {
      let bytes = 0;
      for (let i = 0; i < batch.length; i++) bytes += batch.bytes[i]!;
      options.onFlows(batch.length, bytes, sim.exporters[0]?.operator ?? '');
    }
  }
  options.flowEngine.flush();
}
