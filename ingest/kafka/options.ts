/**
 * Kafka ingest options: one type, one defaults constant, one validator run once at
 * construction. Messages name the field, the limit and the value.
 */
import { configError } from '../../core/errors.js';
import { isPayloadFormat, PAYLOAD_FORMATS, type PayloadFormat } from './formats.js';

export interface KafkaTopicSpec {
  topic: string;
  /** How every message on this topic is encoded (a `telsentry-format` header may override it). */
  format: PayloadFormat;
  /** CSV column order for messages without a header row (default: Contract 1 order). */
  csvColumns?: string[];
}

export interface CdrConsumerOptions {
  /** bootstrap list, `host:port[,host:port…]` */
  brokers: string;
  groupId: string;
  clientId: string;
  topics: KafkaTopicSpec[];
  /** Where undecodable messages and rejected records go. */
  deadLetterTopic: string;
  /** Messages taken per consume(n) call: one batch of work between checkpoints' checks. */
  maxMessagesPerPoll: number;
  /** How long one consume(n) waits for messages before returning what it has. */
  pollTimeoutMs: number;
  /** A partition with no message for this long is reported idle so it stops holding the watermark. */
  sourceIdleTimeoutMs: number;
  homeCountryCode: string;
  /** Extra librdkafka properties (security, tuning); they cannot turn auto commit or offset store back on. */
  rdkafka: Record<string, string | number | boolean>;
}

export const CONSUMER_DEFAULTS = Object.freeze({
  clientId: 'telsentry',
  deadLetterTopic: 'telsentry.cdr.dlq',
  maxMessagesPerPoll: 1_000, // node-rdkafka consume(n): 1k amortises the native hop; ~1 MB at 1 KB messages
  pollTimeoutMs: 100, // short enough that stop() returns promptly
  sourceIdleTimeoutMs: 30_000, // same as core DEFAULT_CONFIG.sourceIdleTimeoutMs
  homeCountryCode: '84', // DESIGN.md default: Viet Nam
  rdkafka: {},
});

/** Settings the delivery guarantees rest on: never overridable through `rdkafka`. */
export const PINNED_CONSUMER_SETTINGS = Object.freeze({
  'enable.auto.commit': false,
  'enable.auto.offset.store': false,
  'partition.assignment.strategy': 'cooperative-sticky',
});

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/; // Kafka's legal topic characters and length

export function validateConsumerOptions(
  input: Partial<CdrConsumerOptions> & Pick<CdrConsumerOptions, 'brokers' | 'groupId' | 'topics'>,
): CdrConsumerOptions {
  const opts: CdrConsumerOptions = { ...CONSUMER_DEFAULTS, ...input, rdkafka: { ...(input.rdkafka ?? {}) } };
  if (typeof opts.brokers !== 'string' || !/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/.test(opts.brokers)) {
    throw configError('kafka.brokers', 'host:port[,host:port…]', opts.brokers);
  }
  if (typeof opts.groupId !== 'string' || opts.groupId === '') throw configError('kafka.groupId', 'a non-empty string', opts.groupId);
  if (!Array.isArray(opts.topics) || opts.topics.length === 0) throw configError('kafka.topics', 'a non-empty list', opts.topics);
  const seen = new Set<string>();
  for (const [i, spec] of opts.topics.entries()) {
    if (!TOPIC_NAME.test(spec.topic)) throw configError(`kafka.topics[${i}].topic`, 'a Kafka topic name', spec.topic);
    if (seen.has(spec.topic)) throw configError(`kafka.topics[${i}].topic`, 'listed once', spec.topic);
    seen.add(spec.topic);
    if (!isPayloadFormat(spec.format)) throw configError(`kafka.topics[${i}].format`, `one of ${PAYLOAD_FORMATS.join(', ')}`, spec.format);
  }
  if (!TOPIC_NAME.test(opts.deadLetterTopic) || seen.has(opts.deadLetterTopic)) {
    throw configError('kafka.deadLetterTopic', 'a Kafka topic name not among the input topics', opts.deadLetterTopic);
  }
  checkInt('kafka.maxMessagesPerPoll', opts.maxMessagesPerPoll, 1, 100_000);
  checkInt('kafka.pollTimeoutMs', opts.pollTimeoutMs, 1, 60_000);
  checkInt('kafka.sourceIdleTimeoutMs', opts.sourceIdleTimeoutMs, 100, 86_400_000);
  for (const key of Object.keys(PINNED_CONSUMER_SETTINGS)) {
    if (key in opts.rdkafka) throw configError(`kafka.rdkafka.${key}`, 'left unset (the delivery guarantees depend on it)', opts.rdkafka[key]);
  }
  return opts;
}

function checkInt(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw configError(field, `an integer in [${min}, ${max}]`, value);
  }
}
