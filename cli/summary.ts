/** The run summary printed by replay and start: records, rejects per reason, duplicates, findings per type. */
import type { Finding } from '../core/finding.js';
import type { IngestStats } from '../ingest/index.js';
import type { EngineStats } from '../engine/engine.js';

export interface RunSummary {
  recordsRead: number;
  recordsAccepted: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  duplicatesDropped: number;
  lateApplied: number;
  tooLate: number;
  flowsRead: number;
  flowsRejectedByReason: Record<string, number>;
  findingsByType: Record<string, number>;
  findingsTotal: number;
  elapsedMs: number;
  recordsPerSecond: number;
}

export function summarise(stats: IngestStats, engine: EngineStats, findings: Finding[], elapsedMs: number,
  flows: { flowsRead: number; flowRejects: Record<string, number> } = { flowsRead: 0, flowRejects: {} }): RunSummary {
  const findingsByType: Record<string, number> = {};
  for (const f of findings) findingsByType[f.type] = (findingsByType[f.type] ?? 0) + 1;
  return {
    recordsRead: stats.read,
    recordsAccepted: stats.accepted,
    rejected: stats.rejectedTotal,
    rejectedByReason: Object.fromEntries(stats.reasonsByCount()),
    duplicatesDropped: stats.duplicates,
    lateApplied: engine.lateApplied,
    tooLate: engine.tooLate,
    flowsRead: flows.flowsRead,
    flowsRejectedByReason: flows.flowRejects,
    findingsByType,
    findingsTotal: findings.length,
    elapsedMs: Math.round(elapsedMs),
    recordsPerSecond: elapsedMs > 0 ? Math.round(stats.read / (elapsedMs / 1000)) : 0,
  };
}

export function formatSummary(s: RunSummary): string {
  const lines = [
    'summary',
    `  records read          ${s.recordsRead}`,
    `  records accepted      ${s.recordsAccepted}`,
    `  records rejected      ${s.rejected}`,
    ...Object.entries(s.rejectedByReason).map(([reason, n]) => `    ${reason.padEnd(26)} ${n}`),
    `  duplicates dropped    ${s.duplicatesDropped}`,
    `  late, applied         ${s.lateApplied}`,
    ...(s.flowsRead > 0 || Object.keys(s.flowsRejectedByReason).length > 0 ? [
      `  flows read            ${s.flowsRead}`,
      `  flows rejected        ${Object.values(s.flowsRejectedByReason).reduce((a, b) => a + b, 0)}`,
      ...Object.entries(s.flowsRejectedByReason).map(([reason, n]) => `    ${reason.padEnd(26)} ${n}`),
    ] : []),
    `  too late (stored, not in windows) ${s.tooLate}`,
    `  findings              ${s.findingsTotal}`,
    ...Object.entries(s.findingsByType).sort().map(([type, n]) => `    ${type.padEnd(26)} ${n}`),
    `  elapsed               ${(s.elapsedMs / 1000).toFixed(1)} s (${s.recordsPerSecond} records/s)`,
  ];
  return lines.join('\n') + '\n';
}
