/**
 * goflow2's Kafka payloads: `-format=bin`, each message value one or more
 * varint-length-delimited FlowMessages, or `-format=json`, one or more JSON flow lines.
 * For the Kafka consumer: feed each message value, take FlowBatches from onBatch, flush at
 * the end of a poll.
 */
import { countReject, createFlowDictionaries, type FlowBatch, type FlowDictionaries, type RejectCounts } from './batch.js';
import { ExporterMap, type ExporterConfig } from './exporters.js';
import { GoflowJsonDecoder } from './goflow-json.js';
import { GoflowProtobufDecoder } from './goflow-pb.js';
import { DEFAULT_BATCH_CAPACITY, FlowBatchWriter } from './writer.js';

export interface GoflowPayloadDecoderOptions {
  exporters?: readonly ExporterConfig[];
  dictionaries?: FlowDictionaries;
  onBatch: (batch: FlowBatch) => void;
  batchSize?: number;
  /** goflow2's -format: 'protobuf' (bin, the default) or 'json'. */
  format?: 'protobuf' | 'json';
}

export class GoflowPayloadDecoder {
  readonly rejects: RejectCounts = {};
  private readonly writer: FlowBatchWriter;
  private readonly decoder: GoflowProtobufDecoder;
  private readonly json: GoflowJsonDecoder | null;

  constructor(opts: GoflowPayloadDecoderOptions) {
    const dictionaries = opts.dictionaries ?? createFlowDictionaries();
    this.writer = new FlowBatchWriter(new ExporterMap(opts.exporters ?? [], dictionaries), dictionaries, opts.onBatch, opts.batchSize ?? DEFAULT_BATCH_CAPACITY);
    this.decoder = new GoflowProtobufDecoder(this.writer, this.rejects);
    this.json = opts.format === 'json' ? new GoflowJsonDecoder(this.writer, this.rejects) : null;
  }

  /** Decodes one Kafka message value; a value that does not frame exactly is counted, its good frames kept. */
  decodePayload(payload: Uint8Array): void {
    if (this.json !== null) {
      for (const line of Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8').split('\n')) {
        if (line.trim() !== '') this.json.decodeLine(line);
      }
      return;
    }
    const used = this.decoder.decodeDelimited(payload);
    if (used >= 0 && used < payload.length) countReject(this.rejects, 'truncated_frame');
  }

  flush(): void {
    this.writer.flush();
  }
}
