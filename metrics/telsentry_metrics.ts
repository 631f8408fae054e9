/**
 * All telsentry metrics on one private Registry (not prom-client's global one, so a
 * process or a test can hold several). The engine calls the record/set methods once
 * per batch, never per record; every label value passes through a BoundedLabel.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { FINDING_TYPES, SEVERITIES } from '../core/finding.js';
import type { Finding } from '../core/finding.js';
import { BoundedLabel, OTHER_LABEL_VALUE } from './bounded_label.js';
import { ZeroFirstCounter, ZeroFirstHistogram } from './zero_first_counter.js';
import {
  API_LATENCY_BUCKETS_SECONDS, API_METHOD_PATTERN, CODE_PATTERN, DETECTION_DELAY_BUCKETS_SECONDS,
  GRPC_STATUS_NAMES, MAX_API_METHODS, MAX_FLOW_DROP_REASONS, MAX_OPERATORS, MAX_PROVINCES, MAX_REJECT_REASONS, MAX_SOURCES,
  MAX_TOPICS, OPERATOR_PATTERN, REASON_PATTERN, TOPIC_PATTERN,
} from './limits.js';

/** Values of the `kind` label of the dictionary gauges. */
export const DICTIONARY_KINDS = ['imsi', 'msisdn', 'imei', 'cell', 'operator'] as const;
export type DictionaryKind = (typeof DICTIONARY_KINDS)[number];

export interface TelsentryMetricsOptions {
  /** Collect Node.js process metrics (process_*, nodejs_*). Default true. */
  defaultMetrics?: boolean;
  /** Operators (MCC-MNC) admitted up front, e.g. from configuration. */
  knownOperators?: readonly string[];
  /** Provinces admitted up front, e.g. from the cells reference feed. */
  knownProvinces?: readonly string[];
  /** Version reported by telsentry_build_info. */
  version?: string;
}

/** The parts of a Contract 3 finding that metrics look at. */
export type FindingForMetrics = Pick<Finding, 'type' | 'severity' | 'operator' | 'province' | 'first_event_at' | 'detected_at'>;

/** prom-client default gauges with a counter's suffix. */
const MISNAMED_DEFAULT_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export type ApiStatusCode = (typeof GRPC_STATUS_NAMES)[number] | number;

export class TelsentryMetrics {
  readonly registry: Registry;

  readonly labelOverflows: ZeroFirstCounter<'label'>;
  readonly buildInfo: Gauge<'version'>;
  readonly ingestRecords: ZeroFirstCounter<'operator' | 'source'>;
  readonly ingestRejected: ZeroFirstCounter<'source' | 'reason'>;
  readonly ingestDuplicates: ZeroFirstCounter<'source'>;
  readonly lateRecords: ZeroFirstCounter<'source' | 'outcome'>;
  readonly watermarkLag: Gauge<'source'>;
  readonly watermarkTimestamp: Gauge;
  readonly windowStateBytes: Gauge;
  readonly windowActiveKeys: Gauge;
  readonly windowBytesPerKey: Gauge;
  readonly dictionaryValues: Gauge<'kind'>;
  readonly dictionaryBytes: Gauge<'kind'>;
  readonly findingsRaised: ZeroFirstCounter<'type' | 'severity' | 'operator' | 'province'>;
  readonly findingsUpdated: Counter<'type' | 'severity'>;
  readonly detectionDelay: Histogram<'type'>;
  readonly kafkaConsumerLag: Gauge<'topic'>;
  readonly deadLetters: ZeroFirstCounter<'source' | 'reason'>;
  readonly apiRequests: ZeroFirstCounter<'method' | 'code'>;
  readonly apiRequestDuration: ZeroFirstHistogram<'method'>;
  readonly auditWrites: Counter<'outcome'>;
  readonly flowsReceived: ZeroFirstCounter<'operator' | 'source'>;
  readonly flowBytes: ZeroFirstCounter<'operator'>;
  readonly flowsDropped: ZeroFirstCounter<'reason'>;
  readonly liveStreamClients: Gauge;
  readonly liveStreamDropped: Counter;

  readonly operators: BoundedLabel;
  readonly provinces: BoundedLabel;
  readonly sources: BoundedLabel;
  readonly rejectReasons: BoundedLabel;
  readonly flowDropReasons: BoundedLabel;
  readonly topics: BoundedLabel;
  readonly apiMethods: BoundedLabel;
  private readonly findingTypes: BoundedLabel;
  private readonly severities: BoundedLabel;

  constructor(options: TelsentryMetricsOptions = {}) {
    const registry = new Registry();
    this.registry = registry;
    const registers = [registry];
    if (options.defaultMetrics ?? true) {
      collectDefaultMetrics({ register: registry });
      // Gauges named *_total break the naming convention (promtool check metrics); each only
      // sums the per-type gauge of the same name without the suffix, which stays.
      for (const name of MISNAMED_DEFAULT_GAUGES) registry.removeSingleMetric(name);
    }

    this.labelOverflows = new ZeroFirstCounter({
      name: 'telsentry_metrics_label_overflow_total', registers, labelNames: ['label'],
      help: 'Label values folded into "other" because they were malformed or past the label\'s bound of distinct values.',
    });
    const overflow = (label: string): void => this.labelOverflows.inc({ label });
    this.operators = new BoundedLabel({ name: 'operator', maxValues: MAX_OPERATORS, pattern: OPERATOR_PATTERN, known: options.knownOperators }, overflow);
    this.provinces = new BoundedLabel({ name: 'province', maxValues: MAX_PROVINCES, known: options.knownProvinces }, overflow);
    this.sources = new BoundedLabel({ name: 'source', maxValues: MAX_SOURCES, pattern: CODE_PATTERN }, overflow);
    this.rejectReasons = new BoundedLabel({ name: 'reason', maxValues: MAX_REJECT_REASONS, pattern: REASON_PATTERN }, overflow);
    this.flowDropReasons = new BoundedLabel({ name: 'flow_drop_reason', maxValues: MAX_FLOW_DROP_REASONS, pattern: REASON_PATTERN }, overflow);
    this.topics = new BoundedLabel({ name: 'topic', maxValues: MAX_TOPICS, pattern: TOPIC_PATTERN }, overflow);
    this.apiMethods = new BoundedLabel({ name: 'method', maxValues: MAX_API_METHODS, pattern: API_METHOD_PATTERN }, overflow);
    this.findingTypes = new BoundedLabel({ name: 'type', maxValues: FINDING_TYPES.length, known: FINDING_TYPES, closed: true }, overflow);
    this.severities = new BoundedLabel({ name: 'severity', maxValues: SEVERITIES.length, known: SEVERITIES, closed: true }, overflow);
    for (const label of ['operator', 'province', 'source', 'reason', 'flow_drop_reason', 'topic', 'method', 'type', 'severity']) this.labelOverflows.inc({ label }, 0);

    this.buildInfo = new Gauge({ name: 'telsentry_build_info', help: 'Always 1; the version label says which telsentry build runs.', labelNames: ['version'], registers });
    this.buildInfo.set({ version: options.version ?? 'dev' }, 1);

    this.ingestRecords = new ZeroFirstCounter({ name: 'telsentry_ingest_records_total', help: 'Records accepted by ingest (CDR, SMS, data), by operator and source.', labelNames: ['operator', 'source'], registers });
    this.ingestRejected = new ZeroFirstCounter({ name: 'telsentry_ingest_rejected_records_total', help: 'Records rejected by validation, by source and reject reason.', labelNames: ['source', 'reason'], registers });
    this.ingestDuplicates = new ZeroFirstCounter({ name: 'telsentry_ingest_duplicate_records_total', help: 'Repeats of (operator, record_id) dropped as duplicates, by source.', labelNames: ['source'], registers });
    this.lateRecords = new ZeroFirstCounter({ name: 'telsentry_ingest_late_records_total', help: 'Records behind the watermark: outcome="applied" within allowed lateness, "too_late" stored but not applied to windows.', labelNames: ['source', 'outcome'], registers });
    this.watermarkLag = new Gauge({ name: 'telsentry_watermark_lag_seconds', help: 'Event time of the newest record from the source minus the engine watermark, in seconds.', labelNames: ['source'], registers });
    this.watermarkTimestamp = new Gauge({ name: 'telsentry_watermark_timestamp_seconds', help: 'Engine event-time watermark as a Unix timestamp in seconds.', registers });
    this.windowStateBytes = new Gauge({ name: 'telsentry_window_state_bytes', help: 'Bytes held by keyed window state (typed arrays and sketches).', registers });
    this.windowActiveKeys = new Gauge({ name: 'telsentry_window_active_keys', help: 'Keys (subscribers, devices, cells) with live window state.', registers });
    this.windowBytesPerKey = new Gauge({ name: 'telsentry_window_state_bytes_per_key', help: 'Window state bytes divided by active keys: memory per active subscriber.', registers });
    // Interned identifiers are never evicted: these grow with every distinct IMSI, number, IMEI and cell seen.
    this.dictionaryValues = new Gauge({ name: 'telsentry_dictionary_values', help: 'Distinct identifiers interned since start or restore, by kind (imsi, msisdn, imei, cell, operator); never evicted.', labelNames: ['kind'], registers });
    this.dictionaryBytes = new Gauge({ name: 'telsentry_dictionary_bytes', help: 'Bytes held by the identifier dictionaries, by kind.', labelNames: ['kind'], registers });

    this.findingsRaised = new ZeroFirstCounter({ name: 'telsentry_findings_raised_total', help: 'New findings raised, by type, severity, operator and province.', labelNames: ['type', 'severity', 'operator', 'province'], registers });
    this.findingsUpdated = new Counter({ name: 'telsentry_findings_updated_total', help: 'Updates (same id, new score or evidence) of findings already raised, by type and severity.', labelNames: ['type', 'severity'], registers });
    this.detectionDelay = new Histogram({ name: 'telsentry_detection_delay_seconds', help: 'Event time from a finding\'s first evidence to its raise, in seconds, by type.', labelNames: ['type'], buckets: DETECTION_DELAY_BUCKETS_SECONDS, registers });
    // Closed label sets start at zero, so rate() and increase() see their first event.
    for (const type of FINDING_TYPES) {
      this.detectionDelay.zero({ type });
      for (const severity of SEVERITIES) this.findingsUpdated.inc({ type, severity }, 0);
    }

    this.kafkaConsumerLag = new Gauge({ name: 'telsentry_kafka_consumer_lag_messages', help: 'Messages behind the high watermark, summed over this instance\'s partitions, by topic.', labelNames: ['topic'], registers });
    this.deadLetters = new ZeroFirstCounter({ name: 'telsentry_dead_letter_messages_total', help: 'Messages written to the dead-letter store, by source and reason.', labelNames: ['source', 'reason'], registers });

    this.apiRequests = new ZeroFirstCounter({ name: 'telsentry_api_requests_total', help: 'gRPC requests finished, by method and status code.', labelNames: ['method', 'code'], registers });
    this.apiRequestDuration = new ZeroFirstHistogram({ name: 'telsentry_api_request_duration_seconds', help: 'gRPC request latency in seconds, by method.', labelNames: ['method'], buckets: API_LATENCY_BUCKETS_SECONDS, registers });
    this.auditWrites = new Counter({ name: 'telsentry_audit_writes_total', help: 'Audit log entries, outcome="written" or "failed".', labelNames: ['outcome'], registers });
    for (const outcome of ['written', 'failed']) this.auditWrites.inc({ outcome }, 0);

    this.flowsReceived = new ZeroFirstCounter({ name: 'telsentry_flows_received_total', help: 'Network flow records accepted, by operator and source.', labelNames: ['operator', 'source'], registers });
    this.flowBytes = new ZeroFirstCounter({ name: 'telsentry_flow_bytes_total', help: 'Bytes carried by accepted flows (scaled by sampling rate), by operator.', labelNames: ['operator'], registers });
    this.flowsDropped = new ZeroFirstCounter({ name: 'telsentry_flows_dropped_total', help: 'Network flow records dropped, by reason.', labelNames: ['reason'], registers });

    this.liveStreamClients = new Gauge({ name: 'telsentry_live_stream_clients', help: 'Clients subscribed to the live findings stream.', registers });
    this.liveStreamDropped = new Counter({ name: 'telsentry_live_stream_dropped_messages_total', help: 'Findings not delivered to a live-stream client because its buffer was full.', registers });
  }

  // ── ingest ────────────────────────────────────────────────────────────────
  recordIngest(operator: string, source: string, records: number): void {
    this.ingestRecords.inc({ operator: this.operators.value(operator), source: this.sources.value(source) }, records);
  }

  recordRejects(source: string, reason: string, records: number): void {
    this.ingestRejected.inc({ source: this.sources.value(source), reason: this.rejectReasons.value(reason) }, records);
  }

  recordDuplicates(source: string, records: number): void {
    this.ingestDuplicates.inc({ source: this.sources.value(source) }, records);
  }

  recordLate(source: string, applied: number, tooLate: number): void {
    const label = this.sources.value(source);
    this.lateRecords.inc({ source: label, outcome: 'applied' }, applied);
    this.lateRecords.inc({ source: label, outcome: 'too_late' }, tooLate);
  }

  /** Zero series for a source and the reasons it can reject with, so rates exist before the first reject or dead letter. */
  declareSource(source: string, rejectReasons: readonly string[] = []): void {
    const label = this.sources.value(source);
    this.recordLate(source, 0, 0);
    this.ingestDuplicates.inc({ source: label }, 0);
    for (const reason of rejectReasons) {
      // Every rejected record is also a dead letter: both start at zero for each reason.
      const reasonLabel = this.rejectReasons.value(reason);
      this.ingestRejected.inc({ source: label, reason: reasonLabel }, 0);
      this.deadLetters.inc({ source: label, reason: reasonLabel }, 0);
    }
  }

  // ── event time and state ──────────────────────────────────────────────────
  setWatermark(watermarkMs: number): void {
    this.watermarkTimestamp.set(watermarkMs / 1000);
  }

  setWatermarkLag(source: string, lagMs: number): void {
    this.watermarkLag.set({ source: this.sources.value(source) }, lagMs / 1000);
  }

  setWindowState(stateBytes: number, activeKeys: number): void {
    this.windowStateBytes.set(stateBytes);
    this.windowActiveKeys.set(activeKeys);
    this.windowBytesPerKey.set(activeKeys > 0 ? stateBytes / activeKeys : 0);
  }

  /** Sizes of the identifier dictionaries, by kind (the label takes only the five kinds). */
  setDictionaries(sizes: Readonly<Partial<Record<DictionaryKind, { size: number; byteLength: number }>>>): void {
    for (const kind of DICTIONARY_KINDS) {
      const dictionary = sizes[kind];
      if (dictionary === undefined) continue;
      this.dictionaryValues.set({ kind }, dictionary.size);
      this.dictionaryBytes.set({ kind }, dictionary.byteLength);
    }
  }

  // ── findings ──────────────────────────────────────────────────────────────
  recordFindingRaised(finding: FindingForMetrics): void {
    const type = this.findingTypes.value(finding.type);
    this.findingsRaised.inc({
      type, severity: this.severities.value(finding.severity),
      operator: this.operators.value(finding.operator), province: this.provinces.value(finding.province),
    });
    const delaySeconds = (Date.parse(finding.detected_at) - Date.parse(finding.first_event_at)) / 1000;
    // A finding with unparseable or reversed times still counts as raised; it has no delay to observe.
    if (Number.isFinite(delaySeconds) && delaySeconds >= 0) this.detectionDelay.observe({ type }, delaySeconds);
  }

  recordFindingUpdated(finding: Pick<Finding, 'type' | 'severity'>): void {
    this.findingsUpdated.inc({ type: this.findingTypes.value(finding.type), severity: this.severities.value(finding.severity) });
  }

  // ── Kafka and dead letters ────────────────────────────────────────────────
  setKafkaLag(topic: string, messages: number): void {
    this.kafkaConsumerLag.set({ topic: this.topics.value(topic) }, messages);
  }

  recordDeadLetters(source: string, reason: string, messages: number): void {
    this.deadLetters.inc({ source: this.sources.value(source), reason: this.rejectReasons.value(reason) }, messages);
  }

  // ── API ───────────────────────────────────────────────────────────────────
  recordApiRequest(method: string, code: ApiStatusCode, seconds: number): void {
    const methodLabel = this.apiMethods.value(method);
    this.apiRequests.inc({ method: methodLabel, code: statusName(code) });
    this.apiRequestDuration.observe({ method: methodLabel }, seconds);
  }

  /** Zero series for the served methods, so request rates exist before the first call. */
  declareApiMethods(methods: readonly string[]): void {
    for (const method of methods) {
      const methodLabel = this.apiMethods.value(method);
      this.apiRequests.inc({ method: methodLabel, code: 'OK' }, 0);
      this.apiRequestDuration.zero({ method: methodLabel });
    }
  }

  recordAuditWrite(written: boolean): void {
    this.auditWrites.inc({ outcome: written ? 'written' : 'failed' });
  }

  // ── flows ─────────────────────────────────────────────────────────────────
  recordFlows(operator: string, source: string, flows: number, bytes: number): void {
    const operatorLabel = this.operators.value(operator);
    this.flowsReceived.inc({ operator: operatorLabel, source: this.sources.value(source) }, flows);
    this.flowBytes.inc({ operator: operatorLabel }, bytes);
  }

  recordFlowDrops(reason: string, flows: number): void {
    this.flowsDropped.inc({ reason: this.flowDropReasons.value(reason) }, flows);
  }

  // ── live stream ───────────────────────────────────────────────────────────
  setLiveStreamClients(clients: number): void {
    this.liveStreamClients.set(clients);
  }

  recordLiveStreamDropped(messages: number): void {
    this.liveStreamDropped.inc(messages);
  }

  // ── exposition ────────────────────────────────────────────────────────────
  get contentType(): string {
    return this.registry.contentType;
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  /** Number of time series (sample lines) the registry exposes now. */
  async seriesCount(): Promise<number> {
    const metrics = await this.registry.getMetricsAsJSON();
    return metrics.reduce((total, metric) => total + (metric as { values?: unknown[] }).values!.length, 0);
  }
}

function statusName(code: ApiStatusCode): string {
  if (typeof code === 'number') return GRPC_STATUS_NAMES[code] ?? OTHER_LABEL_VALUE;
  return (GRPC_STATUS_NAMES as readonly string[]).includes(code) ? code : OTHER_LABEL_VALUE;
}
