/**
 * Dead letters on a Kafka topic: the original key and value (or the rejected record's text),
 * the reason in the `telsentry-reason` header, a readable detail and where it came from.
 * Consumers of the DLQ branch on the header, never on the detail text.
 */
import {
  DETAIL_HEADER, REASON_HEADER, SOURCE_OFFSET_HEADER, SOURCE_PARTITION_HEADER, SOURCE_TOPIC_HEADER,
  type MessageRejectReason,
} from './formats.js';
import { KafkaOutput, type ProducerOptions } from './producer.js';
import type { MessageHeader } from './rdkafka.js';
import type { RejectReason } from '../reasons.js';

/** Details are for people reading the DLQ; keep headers small. */
const DETAIL_MAX_CHARS = 512;

export interface KafkaDeadLetter {
  sourceTopic: string;
  partition: number;
  offset: number;
  key: Buffer | string | null | undefined;
  value: Buffer;
  reason: MessageRejectReason | RejectReason;
  detail: string;
}

/** What the consumer needs from a dead-letter destination (a fake in unit tests). */
export interface DeadLetterSink {
  send(letter: KafkaDeadLetter): Promise<void>;
  flush(): Promise<void>;
}

export class DeadLetterProducer implements DeadLetterSink {
  readonly topic: string;
  readonly output: KafkaOutput;

  constructor(opts: ProducerOptions & { topic: string }) {
    this.topic = opts.topic;
    this.output = new KafkaOutput(opts);
  }

  connect(): Promise<void> {
    return this.output.connect();
  }

  send(letter: KafkaDeadLetter): Promise<void> {
    const headers: MessageHeader[] = [
      { [REASON_HEADER]: letter.reason },
      { [DETAIL_HEADER]: letter.detail.slice(0, DETAIL_MAX_CHARS) },
      { [SOURCE_TOPIC_HEADER]: letter.sourceTopic },
      { [SOURCE_PARTITION_HEADER]: String(letter.partition) },
      { [SOURCE_OFFSET_HEADER]: String(letter.offset) },
    ];
    const key = letter.key === undefined || letter.key === null ? null : letter.key.toString();
    return this.output.send(this.topic, letter.value, key, headers);
  }

  flush(): Promise<void> {
    return this.output.flush();
  }

  close(): Promise<void> {
    return this.output.close();
  }
}
