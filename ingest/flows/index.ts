/** Network-flow ingest (Contract 2): goflow2 files/stdin and a NetFlow v5/v9/IPFIX UDP collector. */

// Columnar batch and dictionaries
export { allocFlowBatch, createFlowDictionaries, FLOW_REJECT_REASONS } from './batch.js';
export type { FlowBatch, FlowDictionaries, FlowRejectReason, RejectCounts } from './batch.js';

// Exporter → site/operator mapping
export { ExporterMap, validateExporters } from './exporters.js';
export type { ExporterConfig } from './exporters.js';

// Files and stdin (goflow2 JSON lines / delimited protobuf)
export { readFlows } from './read.js';
export type { ReadFlowsOptions, FlowFileFormat } from './read.js';

// UDP collector
export { startFlowCollector, FLOW_COLLECTOR_DEFAULTS } from './collector.js';
export type { FlowCollector, FlowCollectorOptions } from './collector.js';
export { NetflowDecoder } from './netflow/decoder.js';
export type { ExporterStats } from './netflow/state.js';

// Addresses
export { formatIPv4, formatIPv6, parseIPv4, parseIPv6, canonicalAddress } from './address.js';

// goflow2 Kafka payloads (binary format)
export { GoflowPayloadDecoder } from './goflow-kafka.js';
export type { GoflowPayloadDecoderOptions } from './goflow-kafka.js';
