/**
 * Validates one Contract-1 row (as byte offsets) and writes it into a CdrBatch slot.
 * Everything is checked before anything is interned, so a rejected row leaves no trace
 * in the dictionaries; the detail of a rejection names the field and its bad value.
 */
import { ANSWERED_NA, CDR_FIELDS, Direction, EventKind, TrunkIn, type CdrBatch } from '../core/cdr.js';
import { Dictionary, type Dictionaries } from '../core/dictionary.js';
import { ByteInterner, byteInternerFor } from './byte-interner.js';
import { digitInternerFor, type DigitInterner } from './digit-interner.js';
import { OwnerValueCache } from './owner-cache.js';
import type { RecordDeduplicator } from './dedupe.js';
import { isAllDigits, parseEventTimeMs, parseNumber } from './field-parse.js';
import { normaliseMsisdnBytes } from './msisdn.js';
import type { RejectReason } from './reasons.js';
import type { RowView } from './row.js';

// Schema indices (positions in CDR_FIELDS).
const RECORD_ID = 0, OPERATOR = 1, EVENT = 2, DIRECTION = 3, START_TIME = 4, DURATION = 5, ANSWERED = 6,
  RING = 7, CALLER = 8, CALLEE = 9, IMSI = 10, IMEI = 11, CELL_ID = 12, TRUNK_IN = 13, BYTES = 14, CAUSE = 15;

/** Record ids longer than this are not ids (a shifted column, a pasted blob); they also bloat evidence. */
export const MAX_RECORD_ID_BYTES = 128;
/** Contract 1 field limits. */
const IMSI_MIN_DIGITS = 14, IMSI_MAX_DIGITS = 15; // ITU-T E.212: MCC+MNC+MSIN, 15 max; 14 seen with 2-digit MNC
const IMEI_MIN_DIGITS = 14, IMEI_MAX_DIGITS = 16; // IMEI without check digit (14), with (15), IMEISV (16)

/** Release causes come from a short list; up to this many distinct ones share one string each. */
const MAX_CACHED_CAUSES = 4_096;

export const DecodeOutcome = { accepted: 0, duplicate: 1, rejected: 2 } as const;
export type DecodeOutcome = (typeof DecodeOutcome)[keyof typeof DecodeOutcome];

const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const VOICE = ascii('voice'), SMS = ascii('sms'), DATA = ascii('data'), MO = ascii('mo'), MT = ascii('mt');
const TRUE = ascii('true'), FALSE = ascii('false');
const INTERNATIONAL = ascii('international'), NATIONAL = ascii('national'), ONNET = ascii('onnet');

function equals(buf: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[s + i] !== word[i]) return false;
  return true;
}

/** digits '-' digits …: `groups` lengths as [min,max] pairs, e.g. MCC-MNC = [3,3],[2,3]. */
function matchesDigitGroups(buf: Uint8Array, s: number, e: number, groups: readonly number[]): boolean {
  let i = s;
  for (let g = 0; g < groups.length; g += 2) {
    if (g > 0) {
      if (i >= e || buf[i] !== 45) return false;
      i++;
    }
    const from = i;
    while (i < e && buf[i]! >= 48 && buf[i]! <= 57) i++;
    const len = i - from;
    if (len < groups[g]! || len > groups[g + 1]!) return false;
  }
  return i === e;
}
const OPERATOR_GROUPS = [3, 3, 2, 3]; // MCC-MNC
const CELL_GROUPS = [3, 3, 2, 3, 1, 5, 1, 10]; // MCC-MNC-LAC-CI; LAC 16 bit, CI up to 28 bit (LTE ECI)

export function isOperatorCode(buf: Uint8Array, s: number, e: number): boolean {
  return matchesDigitGroups(buf, s, e, OPERATOR_GROUPS);
}
export function isCellId(buf: Uint8Array, s: number, e: number): boolean {
  return matchesDigitGroups(buf, s, e, CELL_GROUPS);
}

export class CdrRowDecoder {
  reason: RejectReason = 'malformed_row';
  detail = '';
  private readonly homeCc: Uint8Array;
  private readonly numbers = Buffer.alloc(96); // caller at 0, callee at 48
  private callerLen = 0;
  private calleeLen = 0;
  private readonly operators: ByteInterner;
  // A file usually holds one operator: remember the last one's bytes and id.
  private readonly lastOperator = new Uint8Array(8);
  private lastOperatorLen = 0;
  private lastOperatorId = 0;
  private readonly imsis: DigitInterner;
  private readonly imeis: DigitInterner;
  private readonly cells: ByteInterner;
  private readonly msisdns: DigitInterner;
  /** The served subscriber's own number and device, memoised per IMSI id. */
  private readonly servedMsisdnByImsi: OwnerValueCache;
  private readonly imeiByImsi: OwnerValueCache;
  /** Private cache so a repeated cause costs no string allocation; not an id space anyone sees. */
  private readonly causes = new ByteInterner(new Dictionary(), MAX_CACHED_CAUSES);

  constructor(
    homeCountryCode: string,
    dictionaries: Dictionaries,
    private readonly dedupe: RecordDeduplicator | undefined,
  ) {
    this.homeCc = ascii(homeCountryCode);
    this.operators = byteInternerFor(dictionaries.operator);
    this.imsis = digitInternerFor(dictionaries.imsi);
    this.imeis = digitInternerFor(dictionaries.imei);
    this.cells = byteInternerFor(dictionaries.cell);
    this.msisdns = digitInternerFor(dictionaries.msisdn);
    this.servedMsisdnByImsi = new OwnerValueCache(this.msisdns);
    this.imeiByImsi = new OwnerValueCache(this.imeis);
  }

  private fail(reason: RejectReason, row: RowView, k: number, why: string): DecodeOutcome {
    this.reason = reason;
    const value = row.text(k);
    this.detail = `${CDR_FIELDS[k]} ${JSON.stringify(value.length > 80 ? value.slice(0, 80) + '…' : value)}: ${why}`;
    return DecodeOutcome.rejected;
  }

  private missing(reason: RejectReason, k: number, why: string): DecodeOutcome {
    this.reason = reason;
    this.detail = `${CDR_FIELDS[k]} is empty or absent: ${why}`;
    return DecodeOutcome.rejected;
  }

  /** Decodes `row` into slot `i` of `batch`; on `rejected`, `reason` and `detail` say why. */
  decode(row: RowView, batch: CdrBatch, i: number): DecodeOutcome {
    const buf = row.buf;
    if (row.span(RECORD_ID) === 0) return this.missing('missing:record_id', RECORD_ID, 'required');
    if (row.e - row.s > MAX_RECORD_ID_BYTES) return this.fail('invalid:record_id', row, RECORD_ID, `longer than ${MAX_RECORD_ID_BYTES} bytes`);

    if (row.span(OPERATOR) === 0) return this.missing('missing:operator', OPERATOR, 'required');
    const opS = row.s, opE = row.e;
    if (!isOperatorCode(buf, opS, opE)) return this.fail('invalid:operator', row, OPERATOR, 'expected MCC-MNC like 452-04');

    if (row.span(EVENT) === 0) return this.missing('missing:event', EVENT, 'required');
    let event: number;
    if (equals(buf, row.s, row.e, VOICE)) event = EventKind.voice;
    else if (equals(buf, row.s, row.e, SMS)) event = EventKind.sms;
    else if (equals(buf, row.s, row.e, DATA)) event = EventKind.data;
    else return this.fail('unknown:event', row, EVENT, 'expected voice, sms or data');

    if (row.span(DIRECTION) === 0) return this.missing('missing:direction', DIRECTION, 'required');
    let direction: number;
    if (equals(buf, row.s, row.e, MO)) direction = Direction.mo;
    else if (equals(buf, row.s, row.e, MT)) direction = Direction.mt;
    else return this.fail('unknown:direction', row, DIRECTION, 'expected mo or mt');

    if (row.span(START_TIME) === 0) return this.missing('missing:start_time', START_TIME, 'required');
    const startMs = parseEventTimeMs(buf, row.s, row.e);
    if (startMs !== startMs) {
      return this.fail('invalid:start_time', row, START_TIME, 'expected ISO-8601 with Z or offset, or epoch ms, in years 2000-2099');
    }

    if (row.span(IMSI) === 0) return this.missing('missing:imsi', IMSI, 'required');
    const imsiS = row.s, imsiE = row.e;
    if (imsiE - imsiS < IMSI_MIN_DIGITS || imsiE - imsiS > IMSI_MAX_DIGITS || !isAllDigits(buf, imsiS, imsiE)) {
      return this.fail('invalid:imsi', row, IMSI, `expected ${IMSI_MIN_DIGITS}-${IMSI_MAX_DIGITS} digits`);
    }

    let durationS = 0;
    if (row.span(DURATION) === 0) {
      if (event !== EventKind.sms) return this.missing('missing:duration_s', DURATION, `required for ${event === EventKind.voice ? 'voice' : 'data'}`);
    } else {
      durationS = parseNumber(buf, row.s, row.e);
      if (durationS !== durationS) return this.fail('invalid:duration_s', row, DURATION, 'not a number');
      if (durationS < 0) return this.fail('negative:duration_s', row, DURATION, 'must be >= 0');
      if (event === EventKind.sms) durationS = 0;
    }

    let answered = ANSWERED_NA;
    if (event === EventKind.voice) {
      if (row.span(ANSWERED) === 0) return this.missing('missing:answered', ANSWERED, 'required for voice');
      if (equals(buf, row.s, row.e, TRUE)) answered = 1;
      else if (equals(buf, row.s, row.e, FALSE)) answered = 0;
      else return this.fail('invalid:answered', row, ANSWERED, 'expected true or false');
    }

    let ringS = NaN;
    if (row.span(RING) !== 0) {
      ringS = parseNumber(buf, row.s, row.e);
      if (ringS !== ringS) return this.fail('invalid:ring_s', row, RING, 'not a number');
      if (ringS < 0) return this.fail('negative:ring_s', row, RING, 'must be >= 0');
    }

    const needsNumbers = event !== EventKind.data;
    this.callerLen = 0;
    if (row.span(CALLER) === 0) {
      if (needsNumbers) return this.missing('missing:caller', CALLER, 'required for voice and sms');
    } else {
      this.callerLen = normaliseMsisdnBytes(buf, row.s, row.e, this.homeCc, this.numbers, 0);
      if (this.callerLen < 0) return this.fail('invalid:caller', row, CALLER, 'not a phone number (7-15 digits after normalisation)');
    }
    this.calleeLen = 0;
    if (row.span(CALLEE) === 0) {
      if (needsNumbers) return this.missing('missing:callee', CALLEE, 'required for voice and sms');
    } else {
      this.calleeLen = normaliseMsisdnBytes(buf, row.s, row.e, this.homeCc, this.numbers, 48);
      if (this.calleeLen < 0) return this.fail('invalid:callee', row, CALLEE, 'not a phone number (7-15 digits after normalisation)');
    }

    const imeiLen = row.span(IMEI);
    const imeiS = row.s, imeiE = row.e;
    if (imeiLen !== 0 && (imeiLen < IMEI_MIN_DIGITS || imeiLen > IMEI_MAX_DIGITS || !isAllDigits(buf, imeiS, imeiE))) {
      return this.fail('invalid:imei', row, IMEI, `expected ${IMEI_MIN_DIGITS}-${IMEI_MAX_DIGITS} digits`);
    }
    const cellLen = row.span(CELL_ID);
    const cellS = row.s, cellE = row.e;
    if (cellLen !== 0 && !isCellId(buf, cellS, cellE)) return this.fail('invalid:cell_id', row, CELL_ID, 'expected MCC-MNC-LAC-CI digits');

    let trunkIn: number = TrunkIn.none;
    if (row.span(TRUNK_IN) !== 0) {
      if (equals(buf, row.s, row.e, INTERNATIONAL)) trunkIn = TrunkIn.international;
      else if (equals(buf, row.s, row.e, NATIONAL)) trunkIn = TrunkIn.national;
      else if (equals(buf, row.s, row.e, ONNET)) trunkIn = TrunkIn.onnet;
      else return this.fail('unknown:trunk_in', row, TRUNK_IN, 'expected international, national, onnet or empty');
    }

    let bytes = 0;
    if (event === EventKind.data) {
      if (row.span(BYTES) === 0) return this.missing('missing:bytes', BYTES, 'required for data');
      bytes = parseNumber(buf, row.s, row.e);
      if (bytes !== bytes || !Number.isInteger(bytes)) return this.fail('invalid:bytes', row, BYTES, 'not an integer');
      if (bytes < 0) return this.fail('negative:bytes', row, BYTES, 'must be >= 0');
    }

    // Valid: now intern, dedupe, write.
    const operatorId = this.operatorId(buf, opS, opE);
    const recordId = row.text(RECORD_ID);
    if (this.dedupe !== undefined && this.dedupe.isDuplicate(operatorId, recordId, startMs)) return DecodeOutcome.duplicate;

    const imsiId = this.imsis.intern(buf, imsiS, imsiE);
    const mo = direction === Direction.mo;
    const numbers = this.numbers;
    // The served number goes through the per-IMSI memo; the peer straight to the interner.
    const servedId = mo
      ? this.servedMsisdnByImsi.intern(imsiId, numbers, 0, this.callerLen)
      : this.servedMsisdnByImsi.intern(imsiId, numbers, 48, 48 + this.calleeLen);
    const peerId = event === EventKind.data ? 0
      : mo ? this.msisdns.intern(numbers, 48, 48 + this.calleeLen) : this.msisdns.intern(numbers, 0, this.callerLen);
    batch.startMs[i] = startMs;
    batch.event[i] = event;
    batch.direction[i] = direction;
    batch.answered[i] = answered;
    batch.durationS[i] = durationS;
    batch.ringS[i] = ringS;
    batch.bytes[i] = bytes;
    batch.trunkIn[i] = trunkIn;
    batch.operatorId[i] = operatorId;
    batch.imsiId[i] = imsiId;
    batch.imeiId[i] = this.imeiByImsi.intern(imsiId, buf, imeiS, imeiS + imeiLen);
    batch.cellId[i] = this.cells.intern(buf, cellS, cellS + cellLen);
    batch.servedMsisdnId[i] = servedId;
    batch.peerMsisdnId[i] = peerId;
    batch.recordId[i] = recordId;
    batch.cause[i] = this.cause(row);
    return DecodeOutcome.accepted;
  }

  private cause(row: RowView): string {
    if (row.span(CAUSE) === 0) return '';
    const buf = row.buf;
    const s = row.s, e = row.e;
    const causes = this.causes;
    if (e - s > 20 || row.escaped[row.col[CAUSE]!] === 1 || causes.dictionary.size >= MAX_CACHED_CAUSES) return row.text(CAUSE);
    for (let j = s; j < e; j++) if (buf[j]! >= 0x80) return row.text(CAUSE); // cache keys are latin1
    return causes.dictionary.value(causes.intern(buf, s, e));
  }

  private operatorId(buf: Uint8Array, s: number, e: number): number {
    const len = e - s;
    const last = this.lastOperator;
    if (len === this.lastOperatorLen) {
      let j = 0;
      while (j < len && buf[s + j] === last[j]) j++;
      if (j === len) return this.lastOperatorId;
    }
    last.set(buf.subarray(s, e));
    this.lastOperatorLen = len;
    this.lastOperatorId = this.operators.intern(buf, s, e);
    return this.lastOperatorId;
  }
}
