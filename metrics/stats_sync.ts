/**
 * Bridges the cumulative counters ingest and the engine already keep (IngestStats,
 * EngineStats) to TelsentryMetrics: each sync call adds only what grew since the last one,
 * so the caller syncs once per batch (or per tick) instead of instrumenting every record.
 */
import type { TelsentryMetrics } from './telsentry_metrics.js';

/** The parts of ingest's IngestStats that metrics read (structural: no import of ingest/). */
export interface IngestCounters {
  duplicates: number;
  readonly rejectedByReason: ReadonlyMap<string, number>;
}

/** The parts of the engine's EngineStats that metrics read. */
export interface EngineCounters {
  lateApplied: number;
  tooLate: number;
  /** −Infinity before the first record. */
  watermarkMs: number;
}

export class StatsSync {
  private duplicates = 0;
  private readonly rejected = new Map<string, number>();
  private lateApplied = 0;
  private tooLate = 0;

  constructor(private readonly metrics: TelsentryMetrics, private readonly source: string) {}

  syncIngest(stats: IngestCounters): void {
    const duplicates = stats.duplicates - this.duplicates;
    if (duplicates > 0) this.metrics.recordDuplicates(this.source, duplicates);
    this.duplicates = stats.duplicates;
    for (const [reason, count] of stats.rejectedByReason) {
      const grown = count - (this.rejected.get(reason) ?? 0);
      if (grown > 0) this.metrics.recordRejects(this.source, reason, grown);
      this.rejected.set(reason, count);
    }
  }

  syncEngine(stats: EngineCounters): void {
    this.metrics.recordLate(this.source, Math.max(0, stats.lateApplied - this.lateApplied), Math.max(0, stats.tooLate - this.tooLate));
    this.lateApplied = stats.lateApplied;
    this.tooLate = stats.tooLate;
    if (Number.isFinite(stats.watermarkMs)) this.metrics.setWatermark(stats.watermarkMs);
  }
}

/**
 * Counts a columnar batch's rows per operator id and records them, one call per operator
 * present. `operatorName` maps a dictionary id to its MCC-MNC code.
 */
export function recordIngestByOperator(
  metrics: TelsentryMetrics, source: string, operatorIds: Uint32Array, length: number, operatorName: (id: number) => string,
): void {
  const counts = new Map<number, number>();
  for (let row = 0; row < length; row++) {
    const id = operatorIds[row];
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const [id, records] of counts) metrics.recordIngest(operatorName(id), source, records);
}
