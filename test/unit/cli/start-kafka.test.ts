/** `telsentry start` Kafka settings: flags first, then the TELSENTRY_KAFKA_* environment (compose, Kubernetes), then defaults. */
import { describe, expect, it } from 'vitest';
import { TelsentryError } from '../../../core/errors.js';
import { parseFlags } from '../../../cli/args.js';
import { startSpec } from '../../../cli/start.js';
import { KAFKA_START_DEFAULTS, kafkaStartOptions } from '../../../cli/start-kafka.js';
import { RUNNER_DEFAULTS } from '../../../ingest/kafka/runner.js';

const options = (argv: string[], env: NodeJS.ProcessEnv = {}) => kafkaStartOptions(parseFlags(startSpec, argv), env);

describe('start: Kafka options', () => {
  it('no brokers anywhere: the embedded simulator stays the default', () => {
    expect(options([])).toBeUndefined();
    expect(options([], { TELSENTRY_KAFKA_BROKERS: '' })).toBeUndefined();
  });

  it('brokers, group and instance id from the environment, defaults for the rest', () => {
    expect(options([], { TELSENTRY_KAFKA_BROKERS: 'kafka:9092', TELSENTRY_KAFKA_GROUP_ID: 'g1', TELSENTRY_KAFKA_GROUP_INSTANCE_ID: 'telsentry-0' })).toEqual({
      brokers: 'kafka:9092', groupId: 'g1', groupInstanceId: 'telsentry-0', topics: [KAFKA_START_DEFAULTS.topic], format: KAFKA_START_DEFAULTS.format,
      findingsTopic: RUNNER_DEFAULTS.findingsTopic, checkpointIntervalMs: RUNNER_DEFAULTS.checkpointIntervalMs, sideFeeds: [],
    });
  });

  it('flags win over the environment', () => {
    const got = options(['--kafka-brokers', '127.0.0.1:9092', '--kafka-group-id', 'mine', '--kafka-topic', 'a.cdr', '--kafka-topic', 'b.cdr',
      '--kafka-format', 'arrow', '--kafka-findings-topic', 'out', '--checkpoint-interval-ms', '500', '--kafka-max-messages-per-poll', '20'],
    { TELSENTRY_KAFKA_BROKERS: 'kafka:9092', TELSENTRY_KAFKA_GROUP_ID: 'env' });
    expect(got).toEqual({ brokers: '127.0.0.1:9092', groupId: 'mine', topics: ['a.cdr', 'b.cdr'], format: 'arrow', findingsTopic: 'out', checkpointIntervalMs: 500, maxMessagesPerPoll: 20, sideFeeds: [] });
  });

  it('side-feed topics: one per kind, CSV or JSON Lines, distinct topics', () => {
    const brokers = ['--kafka-brokers', '127.0.0.1:9092'];
    expect(options([...brokers, '--kafka-subscribers-topic', 'subs', '--kafka-test-calls-topic', 'tc'])?.sideFeeds).toEqual([
      { kind: 'subscribers', topic: 'subs', format: 'jsonl' }, { kind: 'test_calls', topic: 'tc', format: 'jsonl' },
    ]);
    expect(options([...brokers, '--kafka-cells-topic', 'cells', '--kafka-side-feed-format', 'csv'])?.sideFeeds).toEqual([{ kind: 'cells', topic: 'cells', format: 'csv' }]);
    expect(() => options([...brokers, '--kafka-cells-topic', 'c', '--kafka-side-feed-format', 'xml'])).toThrow(/--kafka-side-feed-format must be one of csv, jsonl/);
    expect(() => options([...brokers, '--kafka-cells-topic', 'x', '--kafka-subscribers-topic', 'x'])).toThrow(/different topics/);
  });

  it('an unknown payload format is refused by name', () => {
    expect(() => options(['--kafka-brokers', '127.0.0.1:9092', '--kafka-format', 'xml'])).toThrow(TelsentryError);
    expect(() => options(['--kafka-brokers', '127.0.0.1:9092', '--kafka-format', 'xml'])).toThrow(/--kafka-format must be one of/);
  });
});
