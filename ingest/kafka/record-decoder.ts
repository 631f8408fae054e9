/**
 * Plain CDR records from a Kafka payload → one CdrBatch, validated by ingest's CdrRowDecoder
 * (the same rules, reasons and dedupe as the file readers), record by record through a
 * RecordCursor (see record-cursor.ts).
 */
import { allocCdrBatch, type CdrBatch } from '../../core/cdr.js';
import type { Dictionaries } from '../../core/dictionary.js';
import { CdrRowDecoder, DecodeOutcome } from '../cdr-decoder.js';
import type { RecordDeduplicator } from '../dedupe.js';
import type { RejectReason } from '../reasons.js';
import type { RawCdr } from './payload-decode.js';
import { newObjectRows, ObjectCursor, type RecordCursor } from './record-cursor.js';

export interface RecordRejection {
  /** Which cursor (message) and which record in it. */
  cursor: number;
  index: number;
  reason: RejectReason;
  detail: string;
}

export interface RecordsDecodeResult {
  batch: CdrBatch;
  /** Batch slot → cursor (message) its record came from. */
  acceptedCursor: Int32Array;
  rejected: RecordRejection[];
  duplicates: number;
}

export class KafkaRecordDecoder {
  private readonly objectRows = newObjectRows();
  private readonly rowDecoder: CdrRowDecoder;

  constructor(homeCountryCode: string, dictionaries: Dictionaries, dedupe: RecordDeduplicator | undefined) {
    this.rowDecoder = new CdrRowDecoder(homeCountryCode, dictionaries, dedupe);
  }

  /** Plain records (one message's worth) → batch. */
  decode(records: readonly RawCdr[]): RecordsDecodeResult {
    return this.decodeCursors([new ObjectCursor(records, this.objectRows)]);
  }

  objectCursor(records: readonly RawCdr[]): RecordCursor {
    return new ObjectCursor(records, this.objectRows);
  }

  /** The records of several messages (in order) → one batch. */
  decodeCursors(cursors: readonly RecordCursor[]): RecordsDecodeResult {
    let total = 0;
    for (const cursor of cursors) total += cursor.count;
    const batch = allocCdrBatch(total);
    const acceptedCursor = new Int32Array(total);
    const rejected: RecordRejection[] = [];
    let duplicates = 0;
    let n = 0;
    for (let c = 0; c < cursors.length; c++) {
      const cursor = cursors[c]!;
      for (let i = 0; i < cursor.count; i++) {
        const outcome = this.rowDecoder.decode(cursor.row(i), batch, n);
        if (outcome === DecodeOutcome.accepted) acceptedCursor[n++] = c;
        else if (outcome === DecodeOutcome.duplicate) duplicates++;
        else rejected.push({ cursor: c, index: i, reason: this.rowDecoder.reason, detail: this.rowDecoder.detail });
      }
    }
    batch.length = n;
    return { batch, acceptedCursor: acceptedCursor.subarray(0, n), rejected, duplicates };
  }
}
