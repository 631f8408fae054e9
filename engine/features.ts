/**
 * The per-subscriber window features. Counters are summed over 1-minute panes into a
 * sliding 1 h window and hourly panes into a sliding 24 h window; distinct counts come from
 * PairTables. Durations are kept in whole deciseconds and bytes in KiB so that adding a
 * pane and later subtracting it is exact integer arithmetic.
 */
export const Counter = {
  moVoice: 0,
  mtVoice: 1,
  moVoiceAnswered: 2,
  /** Sum of answered outgoing talk time, deciseconds. */
  moDurationDs: 3,
  /** Sum of squared answered outgoing durations, in (10 s)² units, for the standard deviation. */
  moDurationSq: 4,
  /** Answered outgoing calls shorter than 20 s (recorded-message length). */
  moShortAnswered: 5,
  moSms: 6,
  mtSms: 7,
  dataSessions: 8,
  dataKib: 9,
  /** Outgoing voice calls placed in local night hours. */
  nightMoVoice: 10,
  /** Outgoing voice calls to numbers outside the home country. */
  intlMoVoice: 11,
  /** Incoming voice calls delivered over an international trunk. */
  mtIntlTrunk: 12,
  /** Incoming voice calls from a subscriber in the same cell at the time (a farm calling itself). */
  mtVoiceColocated: 13,
  /** Outgoing voice calls while the served IMEI also carried other IMSIs in the last hour. */
  moVoiceSharedImei: 14,
} as const;
export type CounterName = keyof typeof Counter;
export const COUNTER_NAMES = Object.keys(Counter) as CounterName[];
export const COUNTER_COUNT = COUNTER_NAMES.length;

export const Distinct = {
  callees: 0,
  callers: 1,
  cells: 2,
  imeis: 3,
  /** Callees that also called this subscriber within the window (24 h only). */
  calleesCalledBack: 4,
} as const;
export type DistinctName = keyof typeof Distinct;
export const DISTINCT_NAMES = Object.keys(Distinct) as DistinctName[];
export const DISTINCT_COUNT = DISTINCT_NAMES.length;

/** A readable snapshot of one subscriber's windows, for detectors' evidence and the API. */
export interface WindowFeatures {
  outgoingCalls: number;
  incomingCalls: number;
  answeredRatio: number;
  meanDurationS: number;
  stdDurationS: number;
  shortAnsweredCalls: number;
  outgoingSms: number;
  incomingSms: number;
  dataSessions: number;
  dataBytes: number;
  nightShare: number;
  internationalShare: number;
  incomingInternationalTrunk: number;
  incomingFromColocated: number;
  callsOnSharedImei: number;
  distinctCallees: number;
  distinctCallers: number;
  distinctCells: number;
  distinctImeis: number;
  calleesCalledBack: number;
  /** Share of distinct callees never seen calling back (24 h window; NaN for 1 h). */
  noCallbackShare: number;
}
