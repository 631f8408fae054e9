/** Builds FlowBatches from plain flow descriptions and runs them through a FlowEngine. */
import type { Finding } from '../../../core/finding.js';
import { createFlowDictionaries, emptyFlowRow, type FlowBatch } from '../../../ingest/flows/batch.js';
import { ExporterMap } from '../../../ingest/flows/exporters.js';
import { parseIPv4 } from '../../../ingest/flows/address.js';
import { FlowBatchWriter } from '../../../ingest/flows/writer.js';
import { FlowEngine, type FlowEngineOptions } from '../../../engine/flows/flow-engine.js';

export const T0 = Date.UTC(2026, 10, 16, 0, 0); // a Monday, 07:00 in Asia/Ho_Chi_Minh
export const MIN = 60_000;

export interface TestFlow {
  t: number;
  src: string;
  dst: string;
  bytes: number;
  packets: number;
  /** Exporter index into SITES. */
  site?: number;
  dstPort?: number;
}

export const SITES = [
  { address: '10.255.0.1', siteId: 'S1', operator: '452-04' },
  { address: '10.255.0.2', siteId: 'S2', operator: '452-01' },
];

export class Harness {
  readonly engine: FlowEngine;
  readonly findings: Finding[] = [];
  private readonly dictionaries = createFlowDictionaries();
  private readonly exporters = new ExporterMap(SITES, this.dictionaries);

  constructor(opts: FlowEngineOptions = {}) {
    this.engine = new FlowEngine({ dictionaries: this.dictionaries, sites: { S1: { province: 'Hà Nội', district: 'Ba Đình' } }, ...opts });
    this.engine.onFinding((f) => this.findings.push(f));
  }

  ingest(flows: TestFlow[]): void {
    const batches: FlowBatch[] = [];
    const writer = new FlowBatchWriter(this.exporters, this.dictionaries, (b) => batches.push(b));
    const row = emptyFlowRow();
    for (const f of flows) {
      row.exporter = SITES[f.site ?? 0]!.address;
      row.srcV4 = parseIPv4(f.src);
      row.dstV4 = parseIPv4(f.dst);
      row.bytes = f.bytes;
      row.packets = f.packets;
      row.dstPort = f.dstPort ?? 443;
      row.proto = 6;
      writer.appendRowMs(row, f.t - 1000, f.t);
    }
    writer.flush();
    for (const b of batches) this.engine.ingest(b);
  }

  latest(type: string): Finding[] {
    const byId = new Map<string, Finding>();
    for (const f of this.findings) if (f.type === type) byId.set(f.id, f);
    return [...byId.values()];
  }
}

/** `perMinute` ordinary flows per minute per site over [fromMin, toMin), deterministic. */
export function background(fromMin: number, toMin: number, perMinute: number, site = 0, scale = 1): TestFlow[] {
  const flows: TestFlow[] = [];
  for (let m = fromMin; m < toMin; m++) {
    for (let i = 0; i < perMinute; i++) {
      flows.push({ t: T0 + m * MIN + ((i * 997) % 59_000), src: `198.51.${i % 200}.${(m % 250) + 1}`, dst: `100.64.${site}.${(i % 250) + 1}`, bytes: 200_000 * scale * (1 + ((i * 31 + m) % 7) / 10), packets: 200 * scale, site });
    }
  }
  return flows;
}
