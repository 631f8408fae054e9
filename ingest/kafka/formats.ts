/**
 * Payload formats a Kafka topic may carry (configured per topic, or per message with the
 * `telsentry-format` header). The set is closed: anything else is dead-lettered as
 * `unknown_format`.
 */
export const PAYLOAD_FORMATS = ['json', 'jsonl', 'csv', 'protobuf', 'arrow'] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];

const FORMAT_SET: ReadonlySet<string> = new Set(PAYLOAD_FORMATS);

export function isPayloadFormat(value: string): value is PayloadFormat {
  return FORMAT_SET.has(value);
}

/** Header that overrides the topic's configured format for one message. */
export const FORMAT_HEADER = 'telsentry-format';
/** Dead-letter headers: why the message or record was rejected, and where it came from. */
export const REASON_HEADER = 'telsentry-reason';
export const DETAIL_HEADER = 'telsentry-detail';
export const SOURCE_TOPIC_HEADER = 'telsentry-source-topic';
export const SOURCE_PARTITION_HEADER = 'telsentry-source-partition';
export const SOURCE_OFFSET_HEADER = 'telsentry-source-offset';

/**
 * Reasons a whole Kafka message is rejected (record-level reasons are ingest's RejectReason).
 * `processing_failed`: the engine threw on the message's records (a poison message).
 */
export const MESSAGE_REJECT_REASONS = ['malformed_payload', 'unknown_format', 'empty_payload', 'processing_failed'] as const;
export type MessageRejectReason = (typeof MESSAGE_REJECT_REASONS)[number];
