/**
 * Flow files through the flow engine (Contract 2): goflow2 JSON lines or binary, exporter map
 * from configuration, sites placed in provinces from the cells feed.
 */
import { readFileSync } from 'node:fs';
import { ErrorCodes, TelsentryError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { FlowEngine } from './flows/index.js';
import { readFlows, validateExporters, type ExporterConfig, type RejectCounts } from '../ingest/flows/index.js';
import type { ReferenceData } from './reference.js';

export interface FlowReplayResult {
  findings: Finding[];
  flowsRead: number;
  rejects: RejectCounts;
}

export function loadExporters(path: string): ExporterConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `cannot read exporter map ${path}: ${(cause as Error).message}`, { cause });
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { exporters?: unknown }).exporters;
  if (!Array.isArray(list)) throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `${path}: expected a JSON array of {address, siteId, operator} or {"exporters": [...]}`);
  return validateExporters(list as ExporterConfig[]);
}

export async function replayFlowFiles(files: string[], options: { exporters?: ExporterConfig[]; reference: ReferenceData; timeZone: string }): Promise<FlowReplayResult> {
  const engine = new FlowEngine({ timeZone: options.timeZone, sites: options.reference.sites() });
  const latest = new Map<string, Finding>();
  engine.onFinding((finding) => latest.set(finding.id, finding));
  const rejects: RejectCounts = {};
  let flowsRead = 0;
  for (const path of files) {
    for await (const batch of readFlows(path, { exporters: options.exporters, dictionaries: engine.flowDictionaries, rejects })) {
      flowsRead += batch.length;
      engine.ingest(batch);
    }
  }
  engine.flush();
  return { findings: [...latest.values()], flowsRead, rejects };
}
