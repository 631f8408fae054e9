/**
 * Bounds of every label and the histogram buckets, in one place. Each bound caps the
 * number of time series a label can create; values past it are counted as 'other'.
 */

/** Viet Nam has 5 mobile network operators and a few MVNOs (MIC licence list); 16 leaves room. */
export const MAX_OPERATORS = 16;
/** 63 provinces and centrally run cities before the 2025 merger (34 after); 70 leaves room for spelling variants. */
export const MAX_PROVINCES = 70;
/** Ingest sources (kafka, file, stdin, netflow, goflow2, simulator …) are a handful of code paths. */
export const MAX_SOURCES = 16;
/** Reject and dead-letter reasons: ingest/reasons.ts has a closed set of 55; 96 leaves room for new field rules. */
export const MAX_REJECT_REASONS = 96;
/** Flow drop reasons (ingest/flows/): a handful of codes (bad_time, missing_field, unknown_exporter …). */
export const MAX_FLOW_DROP_REASONS = 32;
/** Kafka topics consumed: CDR, flows, side feeds, repartition topics per key kind. */
export const MAX_TOPICS = 32;
/** gRPC methods of the telsentry.v1 services plus health and reflection. */
export const MAX_API_METHODS = 64;

/** Operator label values are MCC-MNC codes (DESIGN.md Contract 1): 452-04. */
export const OPERATOR_PATTERN = /^\d{3}-\d{2,3}$/;
/** Sources are snake_case codes, never free text. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,47}$/;
/** Reasons are snake_case codes, optionally `kind:field` as in ingest/reasons.ts (`missing:imsi`). */
export const REASON_PATTERN = /^[a-z][a-z0-9_]{0,31}(:[a-z][a-z0-9_]{0,31})?$/;
/** Kafka topic names (Kafka's own legal characters). */
export const TOPIC_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** Fully qualified gRPC method, `/package.Service/Method`. */
export const API_METHOD_PATTERN = /^\/?[A-Za-z0-9_.]+\/[A-Za-z0-9_]+$/;

/** gRPC status code names (grpc/doc/statuscodes.md), indexed by numeric code. */
export const GRPC_STATUS_NAMES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
  'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE',
  'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
] as const;

/**
 * Detection delay (event time from first evidence to raise). Detectors look at 1 h and
 * 24 h sliding windows (DESIGN.md Engine), so delays run from a minute to about two days.
 */
export const DETECTION_DELAY_BUCKETS_SECONDS = [
  60, 300, 600, 1_800, 3_600, 3 * 3_600, 6 * 3_600, 12 * 3_600, 86_400, 2 * 86_400,
];

/** API latency: prom-client's default buckets (Prometheus client convention, 5 ms … 10 s). */
export const API_LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
