/**
 * Child process of the crash test: runs KafkaRunner with the CountingEngine until it has
 * seen TOTAL records, prints `progress <total>` and `checkpoint <seq> total <total>` lines,
 * takes a last checkpoint and writes the per-record counts to RESULT. The test kills it with
 * SIGKILL mid-stream.
 */
import { writeFileSync } from 'node:fs';
import { createDictionaries } from '../../../core/dictionary.js';
import { KafkaRunner } from '../../../ingest/kafka/runner.js';
import { CountingEngine } from './counting-engine.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} not set`);
  return value;
};
const TOTAL = Number(env('CRASH_TOTAL'));
const dictionaries = createDictionaries();
const engine = new CountingEngine(dictionaries, TOTAL);
const runner = new KafkaRunner(engine, {
  consumer: {
    brokers: env('CRASH_BROKERS'), groupId: env('CRASH_GROUP'), topics: [{ topic: env('CRASH_TOPIC'), format: 'protobuf' }],
    deadLetterTopic: env('CRASH_DLQ'), maxMessagesPerPoll: 3, // slow on purpose: the test must catch it mid-stream
  },
  findingsTopic: env('CRASH_FINDINGS'),
  checkpointDir: env('CRASH_CHECKPOINTS'),
  checkpointIntervalMs: 150,
}, { dictionaries, onCheckpoint: (seq) => console.log(`checkpoint ${seq} total ${engine.total}`) });
console.log(`restored ${runner.restoredSeq} total ${engine.total}`);
await runner.start();
const deadline = Date.now() + 240_000;
while (engine.total < TOTAL && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  console.log(`progress ${engine.total}`);
}
await runner.stop();
writeFileSync(env('CRASH_RESULT'), JSON.stringify({ total: engine.total, seen: [...engine.seen], checkpoints: runner.checkpoints }));
console.log(`done ${engine.total}`);
