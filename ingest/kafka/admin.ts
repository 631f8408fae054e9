/**
 * Topic management for the runner, the simulator and the tests: topics are created
 * explicitly (the broker has auto.create.topics.enable=false) with their partition counts.
 */
import { AdminClient, connectClient, disconnectClient, Producer, type LibrdKafkaError } from './rdkafka.js';

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor?: number;
  config?: Record<string, string>;
}

const TOPIC_ALREADY_EXISTS = 36; // Kafka protocol error code
const ADMIN_TIMEOUT_MS = 30_000;
const METADATA_POLL_MS = 200;

/** Creates the topics that do not exist yet and waits until every partition has a leader. */
export async function ensureTopics(brokers: string, topics: readonly TopicSpec[]): Promise<void> {
  const admin = AdminClient.create({ 'metadata.broker.list': brokers, 'client.id': 'telsentry-admin' });
  try {
    for (const spec of topics) {
      await new Promise<void>((resolve, reject) => {
        admin.createTopic(
          { topic: spec.topic, num_partitions: spec.partitions, replication_factor: spec.replicationFactor ?? 1, config: spec.config ?? {} },
          ADMIN_TIMEOUT_MS,
          (err: LibrdKafkaError | null) => (err && err.code !== TOPIC_ALREADY_EXISTS ? reject(new Error(`create topic ${spec.topic}: ${err.message}`)) : resolve()),
        );
      });
    }
  } finally {
    admin.disconnect();
  }
  await waitForLeaders(brokers, topics.map((t) => t.topic));
}

/** Number of partitions of `topic` (from broker metadata). */
export async function partitionCount(brokers: string, topic: string): Promise<number> {
  const counts = await leaderCounts(brokers, [topic]);
  const count = counts.get(topic) ?? 0;
  if (count === 0) throw new Error(`topic ${topic} does not exist on ${brokers}`);
  return count;
}

async function waitForLeaders(brokers: string, topics: readonly string[]): Promise<void> {
  const deadline = Date.now() + ADMIN_TIMEOUT_MS;
  for (;;) {
    const counts = await leaderCounts(brokers, topics);
    if (topics.every((t) => (counts.get(t) ?? 0) > 0)) return;
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leader after ${ADMIN_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, METADATA_POLL_MS));
  }
}

/** topic → number of partitions that have a leader. */
async function leaderCounts(brokers: string, topics: readonly string[]): Promise<Map<string, number>> {
  const client = new Producer({ 'metadata.broker.list': brokers, 'client.id': 'telsentry-metadata' });
  await connectClient(client, ADMIN_TIMEOUT_MS);
  try {
    const counts = new Map<string, number>();
    for (const topic of topics) {
      const metadata = await new Promise<import('node-rdkafka').Metadata>((resolve, reject) => {
        client.getMetadata({ topic, timeout: ADMIN_TIMEOUT_MS }, (err: LibrdKafkaError | null, data) => (err ? reject(new Error(err.message)) : resolve(data)));
      }).catch(() => null);
      const entry = metadata?.topics.find((t) => t.name === topic);
      counts.set(topic, entry?.partitions.filter((p) => p.leader >= 0).length ?? 0);
    }
    return counts;
  } finally {
    await disconnectClient(client, ADMIN_TIMEOUT_MS);
  }
}
