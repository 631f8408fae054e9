/**
 * Contract 1 (canonical CDR) in columnar form. Decoders fill a CdrBatch; the engine
 * reads it column by column. Strings that repeat (operator, IMSI, MSISDN, IMEI, cell)
 * travel as dense integer ids from the shared Dictionaries, so the hot loop never
 * touches a string. Id 0 in every dictionary means "absent".
 */

export const EventKind = { voice: 0, sms: 1, data: 2 } as const;
export type EventKindName = keyof typeof EventKind;
export const EVENT_KIND_NAMES: readonly EventKindName[] = ['voice', 'sms', 'data'];

export const Direction = { mo: 0, mt: 1 } as const;
export type DirectionName = keyof typeof Direction;
export const DIRECTION_NAMES: readonly DirectionName[] = ['mo', 'mt'];

/** Route an `mt` call arrived on; 0 = not given. */
export const TrunkIn = { none: 0, international: 1, national: 2, onnet: 3 } as const;
export type TrunkInName = keyof typeof TrunkIn;
export const TRUNK_IN_NAMES: readonly TrunkInName[] = ['none', 'international', 'national', 'onnet'];

/** `answered` column: voice records carry 0/1; other events carry ANSWERED_NA. */
export const ANSWERED_NA = 2;

export interface CdrBatch {
  length: number;
  /** Event time (seizure), epoch milliseconds. */
  startMs: Float64Array;
  event: Uint8Array;
  direction: Uint8Array;
  answered: Uint8Array;
  /** Seconds; 0 for sms. */
  durationS: Float64Array;
  /** Seconds of ringing; NaN when not given. */
  ringS: Float64Array;
  /** Data bytes; 0 when not data. */
  bytes: Float64Array;
  trunkIn: Uint8Array;
  /** Dictionary ids (see Dictionaries); 0 = absent. */
  operatorId: Uint32Array;
  imsiId: Uint32Array;
  imeiId: Uint32Array;
  cellId: Uint32Array;
  /** Served subscriber's MSISDN (caller for mo, callee for mt). */
  servedMsisdnId: Uint32Array;
  /** The other party's number (callee for mo, caller for mt), E.164 digits; 0 for data. */
  peerMsisdnId: Uint32Array;
  /** Original record ids, kept for evidence and dead letters. */
  recordId: string[];
  /** Release cause or '' */
  cause: string[];
}

export function allocCdrBatch(capacity: number): CdrBatch {
  return {
    length: 0,
    startMs: new Float64Array(capacity),
    event: new Uint8Array(capacity),
    direction: new Uint8Array(capacity),
    answered: new Uint8Array(capacity),
    durationS: new Float64Array(capacity),
    ringS: new Float64Array(capacity),
    bytes: new Float64Array(capacity),
    trunkIn: new Uint8Array(capacity),
    operatorId: new Uint32Array(capacity),
    imsiId: new Uint32Array(capacity),
    imeiId: new Uint32Array(capacity),
    cellId: new Uint32Array(capacity),
    servedMsisdnId: new Uint32Array(capacity),
    peerMsisdnId: new Uint32Array(capacity),
    recordId: new Array<string>(capacity),
    cause: new Array<string>(capacity),
  };
}

/** A plain-object CDR, for tests, the simulator and the JSON decoder's intermediate step. */
export interface CdrRecord {
  record_id: string;
  operator: string;
  event: EventKindName;
  direction: DirectionName;
  start_time: string | number;
  duration_s?: number;
  answered?: boolean;
  ring_s?: number;
  caller?: string;
  callee?: string;
  imsi: string;
  imei?: string;
  cell_id?: string;
  trunk_in?: Exclude<TrunkInName, 'none'> | '';
  bytes?: number;
  cause?: string;
}

export const CDR_FIELDS = [
  'record_id', 'operator', 'event', 'direction', 'start_time', 'duration_s', 'answered', 'ring_s',
  'caller', 'callee', 'imsi', 'imei', 'cell_id', 'trunk_in', 'bytes', 'cause',
] as const;
