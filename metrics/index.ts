/**
 * Public entry of the metrics module. The engine and CLI create one TelsentryMetrics,
 * call its record/set methods once per batch, and serve it with startMetricsServer.
 */

// Registry and per-batch recording API
export { TelsentryMetrics } from './telsentry_metrics.js';
export type { TelsentryMetricsOptions, FindingForMetrics, ApiStatusCode } from './telsentry_metrics.js';

// Cumulative ingest/engine counters → increments, per batch
export { StatsSync, recordIngestByOperator } from './stats_sync.js';
export type { IngestCounters, EngineCounters } from './stats_sync.js';

// HTTP exposition (/metrics, /healthz)
export { startMetricsServer } from './server.js';
export type { MetricsServer, MetricsServerOptions } from './server.js';

// Label bounds
export { BoundedLabel, OTHER_LABEL_VALUE, UNKNOWN_LABEL_VALUE } from './bounded_label.js';
export type { BoundedLabelOptions } from './bounded_label.js';
export {
  MAX_OPERATORS, MAX_PROVINCES, MAX_SOURCES, MAX_REJECT_REASONS, MAX_FLOW_DROP_REASONS, MAX_TOPICS, MAX_API_METHODS,
  DETECTION_DELAY_BUCKETS_SECONDS, API_LATENCY_BUCKETS_SECONDS, GRPC_STATUS_NAMES,
} from './limits.js';
