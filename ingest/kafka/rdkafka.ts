/**
 * node-rdkafka is CommonJS: one default import here, re-exported with the types the rest
 * of ingest/kafka uses, and small promise wrappers around its callback API.
 */
import Kafka from 'node-rdkafka';
import type { Client, LibrdKafkaError } from 'node-rdkafka';

export const { KafkaConsumer, Producer, AdminClient, CODES } = Kafka;
export type {
  KafkaConsumer as KafkaConsumerClient, Producer as ProducerClient, Message, MessageHeader, TopicPartition,
  TopicPartitionOffset, LibrdKafkaError,
} from 'node-rdkafka';

/** `topic/partition`: the engine's source id for one partition, so it keeps a watermark per partition. */
export function sourceIdOf(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}

export function parseSourceId(sourceId: string): { topic: string; partition: number } {
  const slash = sourceId.lastIndexOf('/');
  return { topic: sourceId.slice(0, slash), partition: Number(sourceId.slice(slash + 1)) };
}

/** Connects a client; rejects after `timeoutMs` (librdkafka retries brokers forever on its own). */
export function connectClient(client: Client<string>, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    client.connect({ timeout: timeoutMs }, (err: LibrdKafkaError | null) => (err ? reject(new Error(`kafka connect: ${err.message}`)) : resolve()));
  });
}

/** Disconnects once; resolves when librdkafka has released the handle (or after `timeoutMs`). */
export function disconnectClient(client: Client<string>, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    client.disconnect(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
