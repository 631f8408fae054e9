/** Counters of one CdrKafkaConsumer: records = accepted + duplicates + recordsRejected once all are handed on. */
export class CdrConsumerStats {
  messages = 0;
  records = 0;
  accepted = 0;
  duplicates = 0;
  recordsRejected = 0;
  messagesRejected = 0;
  readonly rejectedByReason = new Map<string, number>();
  deadLettered = 0;

  count(reason: string): void {
    this.rejectedByReason.set(reason, (this.rejectedByReason.get(reason) ?? 0) + 1);
  }
}
