import { describe, expect, it } from 'vitest';
import { validateConsumerOptions } from '../../../ingest/kafka/options.js';
import { PartitionLedger } from '../../../ingest/kafka/partition-ledger.js';

describe('PartitionLedger', () => {
  it('resumes an assigned partition at its checkpoint offset, others at the committed offset', () => {
    const ledger = new PartitionLedger([{ topic: 'cdr', partition: 1, offset: 42 }]);
    expect(ledger.assign('cdr', 1)).toEqual({ topic: 'cdr', partition: 1, offset: 42 });
    expect(ledger.assign('cdr', 0)).toEqual({ topic: 'cdr', partition: 0 });
  });

  it('tracks processed offsets across a revoke and reports lag for owned partitions only', () => {
    const ledger = new PartitionLedger([]);
    ledger.assign('cdr', 0);
    ledger.assign('cdr', 1);
    ledger.processedUpTo('cdr', 0, 10);
    ledger.processedUpTo('cdr', 1, 4);
    ledger.revoke('cdr', 1);
    expect(ledger.processed()).toEqual([{ topic: 'cdr', partition: 0, offset: 10 }, { topic: 'cdr', partition: 1, offset: 4 }]);
    expect(ledger.isAssigned('cdr', 1)).toBe(false);
    expect(ledger.lag(() => 25)).toEqual([{ sourceId: 'cdr/0', topic: 'cdr', partition: 0, nextOffset: 10, highWatermark: 25, lag: 15 }]);
    expect(ledger.lag(() => NaN)[0]!.lag).toBeNaN();
    // Coming back, partition 1 resumes where this member's state ends.
    expect(ledger.assign('cdr', 1)).toEqual({ topic: 'cdr', partition: 1, offset: 4 });
  });

  it('a partition is drained at the log end or when quiet for the idle timeout', () => {
    const ledger = new PartitionLedger([]);
    ledger.assign('cdr', 0);
    ledger.fetched('cdr/0', 5, 1_000);
    expect(ledger.drained('cdr/0', 1_500, 1_000)).toBe(false);
    ledger.reachedEnd('cdr/0', 5);
    expect(ledger.drained('cdr/0', 1_500, 1_000)).toBe(true);
    ledger.fetched('cdr/0', 7, 1_600); // more data after the end
    expect(ledger.drained('cdr/0', 1_700, 1_000)).toBe(false);
    expect(ledger.drained('cdr/0', 2_600, 1_000)).toBe(true);
    expect([...ledger.owned()]).toEqual(['cdr/0']);
  });

  it('reports a quiet partition idle once per quiet spell', () => {
    const ledger = new PartitionLedger([]);
    ledger.assign('cdr', 0);
    ledger.fetched('cdr/0', 1, 1_000);
    expect(ledger.newlyIdle(1_500, 1_000)).toEqual([]);
    expect(ledger.newlyIdle(2_000, 1_000)).toEqual(['cdr/0']);
    expect(ledger.newlyIdle(9_000, 1_000)).toEqual([]);
    ledger.fetched('cdr/0', 2, 9_000);
    expect(ledger.newlyIdle(10_000, 1_000)).toEqual(['cdr/0']);
  });
});

describe('validateConsumerOptions', () => {
  const base = { brokers: '127.0.0.1:19092', groupId: 'g', topics: [{ topic: 'cdr', format: 'protobuf' as const }] };
  it('fills defaults', () => {
    const opts = validateConsumerOptions(base);
    expect(opts.deadLetterTopic).toBe('telsentry.cdr.dlq');
    expect(opts.maxMessagesPerPoll).toBe(1_000);
  });
  it.each([
    [{ brokers: 'localhost' }, /kafka.brokers must be host:port/],
    [{ topics: [] }, /kafka.topics must be a non-empty list/],
    [{ topics: [{ topic: 'cdr', format: 'xml' }] }, /kafka.topics\[0\].format must be one of json, jsonl, csv, protobuf, arrow \(got "xml"\)/],
    [{ topics: [{ topic: 'bad topic', format: 'json' }] }, /kafka.topics\[0\].topic/],
    [{ deadLetterTopic: 'cdr' }, /kafka.deadLetterTopic/],
    [{ maxMessagesPerPoll: 0 }, /kafka.maxMessagesPerPoll must be an integer in \[1, 100000\]/],
    [{ rdkafka: { 'enable.auto.commit': true } }, /kafka.rdkafka.enable.auto.commit must be left unset/],
  ])('rejects %j', (override, message) => {
    expect(() => validateConsumerOptions({ ...base, ...(override as object) })).toThrow(message);
  });
});
