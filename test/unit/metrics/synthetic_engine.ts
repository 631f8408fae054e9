/**
 * Drives TelsentryMetrics the way the engine does (one call per batch) with synthetic
 * values: every metric gets series, findings of every type, several operators and
 * provinces. Used by the unit tests and by the Prometheus integration test until (and
 * besides) the real engine serves /metrics.
 */
import { FINDING_TYPES, SEVERITIES } from '../../../core/finding.js';
import type { TelsentryMetrics } from '../../../metrics/index.js';

export const SYNTHETIC_OPERATORS = ['452-01', '452-02', '452-04', '452-05', '452-07'];
export const SYNTHETIC_PROVINCES = ['Hà Nội', 'Hồ Chí Minh', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ', 'Quảng Ninh'];
export const SYNTHETIC_SOURCES = ['simulator', 'kafka'];
export const SYNTHETIC_REJECT_REASONS = ['invalid:imsi', 'invalid:start_time', 'missing:caller'];
export const SYNTHETIC_API_METHODS = ['/telsentry.v1.Findings/ListFindings', '/telsentry.v1.Findings/StreamFindings', '/telsentry.v1.Subscribers/GetProfile'];

export interface SyntheticStep {
  /** Event time the step ends at, ms. */
  eventTimeMs: number;
  /** Step number from 0. */
  step: number;
}

const BATCH_RECORDS = 500;
const MINUTE_MS = 60_000;

/** A deterministic pseudo-random sequence (mulberry32) so runs are repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class SyntheticEngine {
  private readonly random: () => number;
  private eventTimeMs: number;
  private step = 0;
  private activeKeys = 0;

  constructor(private readonly metrics: TelsentryMetrics, private readonly subscribers = 100_000, seed = 7) {
    this.random = seededRandom(seed);
    this.eventTimeMs = Date.parse('2026-11-01T00:00:00+07:00');
    for (const source of SYNTHETIC_SOURCES) metrics.declareSource(source, SYNTHETIC_REJECT_REASONS);
    metrics.declareApiMethods(SYNTHETIC_API_METHODS);
  }

  /** One engine batch per operator and one minute of event time. */
  advance(): SyntheticStep {
    const { metrics, random } = this;
    for (const operator of SYNTHETIC_OPERATORS) {
      for (const source of SYNTHETIC_SOURCES) {
        metrics.recordIngest(operator, source, BATCH_RECORDS + Math.floor(random() * 100));
        metrics.recordFlows(operator, source, 50 + Math.floor(random() * 10), 1_500_000 + Math.floor(random() * 100_000));
      }
    }
    for (const source of SYNTHETIC_SOURCES) {
      metrics.recordRejects(source, SYNTHETIC_REJECT_REASONS[this.step % SYNTHETIC_REJECT_REASONS.length], 1 + Math.floor(random() * 5));
      metrics.recordDuplicates(source, 1 + Math.floor(random() * 3));
      metrics.recordLate(source, Math.floor(random() * 20), Math.floor(random() * 2));
      metrics.recordDeadLetters(source, SYNTHETIC_REJECT_REASONS[0], 1);
      metrics.setWatermarkLag(source, 600_000 + random() * 30_000);
      metrics.setKafkaLag(`telsentry.cdr.${source}`, Math.floor(random() * 1_000));
    }
    metrics.recordFlowDrops('unknown_exporter', 1 + Math.floor(random() * 3));
    this.eventTimeMs += MINUTE_MS;
    metrics.setWatermark(this.eventTimeMs - 600_000);
    this.activeKeys = Math.min(this.subscribers, this.activeKeys + Math.floor(this.subscribers / 20));
    metrics.setWindowState(this.activeKeys * 1_024, this.activeKeys);
    // Dictionaries hold every identifier ever seen: numbers outgrow subscribers (callees outside the network).
    metrics.setDictionaries({
      imsi: { size: this.activeKeys, byteLength: this.activeKeys * 17 },
      msisdn: { size: this.activeKeys * 3, byteLength: this.activeKeys * 51 },
      cell: { size: 500, byteLength: 55_000 },
    });

    // Every finding type raised at least once in the first steps, then a random trickle.
    const type = FINDING_TYPES[this.step % FINDING_TYPES.length];
    const severity = SEVERITIES[(this.step * 7) % SEVERITIES.length];
    const finding = {
      type, severity,
      operator: SYNTHETIC_OPERATORS[this.step % SYNTHETIC_OPERATORS.length],
      province: SYNTHETIC_PROVINCES[this.step % SYNTHETIC_PROVINCES.length],
      first_event_at: new Date(this.eventTimeMs - (5 + Math.floor(random() * 120)) * MINUTE_MS).toISOString(),
      detected_at: new Date(this.eventTimeMs).toISOString(),
    };
    metrics.recordFindingRaised(finding);
    if (this.step % 2 === 1) metrics.recordFindingUpdated(finding);

    for (const method of SYNTHETIC_API_METHODS) metrics.recordApiRequest(method, this.step % 10 === 9 ? 'PERMISSION_DENIED' : 0, random() * 0.05);
    metrics.recordAuditWrite(true);
    metrics.setLiveStreamClients(1 + (this.step % 3));
    if (this.step % 4 === 0) metrics.recordLiveStreamDropped(1);
    return { eventTimeMs: this.eventTimeMs, step: this.step++ };
  }
}
