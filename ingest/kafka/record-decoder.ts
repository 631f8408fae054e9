/**
 * Plain CDR records from a Kafka payload → one CdrBatch, validated by ingest's CdrRowDecoder
 * (the same rules, reasons and dedupe as the file readers): each record is laid into a row
 * with JsonlScanner.loadObject, the path JSON Lines files take.
 */
import { allocCdrBatch, CDR_FIELDS, type CdrBatch } from '../../core/cdr.js';
import type { Dictionaries } from '../../core/dictionary.js';
import { CdrRowDecoder, DecodeOutcome } from '../cdr-decoder.js';
import type { RecordDeduplicator } from '../dedupe.js';
import { JsonlScanner } from '../jsonl-scanner.js';
import type { RejectReason } from '../reasons.js';
import type { RawCdr } from './payload-decode.js';

export interface RecordRejection {
  /** Index into the records handed to decode(). */
  index: number;
  reason: RejectReason;
  detail: string;
}

export interface RecordsDecodeResult {
  batch: CdrBatch;
  /** Batch slot → index of its record in the input, for tracing a record back to its message. */
  acceptedIndex: Int32Array;
  rejected: RecordRejection[];
  duplicates: number;
}

const IGNORE_ROWS = { onRow: (): void => {}, onReject: (): void => {} };

export class KafkaRecordDecoder {
  private readonly rows = new JsonlScanner(CDR_FIELDS, IGNORE_ROWS);
  private readonly rowDecoder: CdrRowDecoder;

  constructor(homeCountryCode: string, dictionaries: Dictionaries, dedupe: RecordDeduplicator | undefined) {
    this.rowDecoder = new CdrRowDecoder(homeCountryCode, dictionaries, dedupe);
  }

  decode(records: readonly RawCdr[]): RecordsDecodeResult {
    const batch = allocCdrBatch(records.length);
    const acceptedIndex = new Int32Array(records.length);
    const rejected: RecordRejection[] = [];
    let duplicates = 0;
    let n = 0;
    for (let i = 0; i < records.length; i++) {
      const row = this.rows.loadObject(records[i]!, '');
      const outcome = this.rowDecoder.decode(row, batch, n);
      if (outcome === DecodeOutcome.accepted) acceptedIndex[n++] = i;
      else if (outcome === DecodeOutcome.duplicate) duplicates++;
      else rejected.push({ index: i, reason: this.rowDecoder.reason, detail: this.rowDecoder.detail });
    }
    batch.length = n;
    return { batch, acceptedIndex: acceptedIndex.subarray(0, n), rejected, duplicates };
  }
}
