/** Columnar inputs of the store's bulk writes and the DuckDB column types they fill, in table order. */
import { BIGINT, DATE, DOUBLE, INTEGER, TINYINT, UINTEGER, VARCHAR, type DuckDBType } from '@duckdb/node-api';

export interface DailyFeatureColumns {
  length: number;
  /** YYYY-MM-DD, local day in the configured zone */
  day: string[];
  operator: string[];
  imsi: string[];
  msisdn: string[];
  moVoice: Uint32Array;
  mtVoice: Uint32Array;
  moVoiceAnswered: Uint32Array;
  moDurationS: Float64Array;
  moSms: Uint32Array;
  mtSms: Uint32Array;
  dataSessions: Uint32Array;
  dataBytes: Float64Array;
  nightMoVoice: Uint32Array;
  intlMoVoice: Uint32Array;
  distinctCallees: Uint32Array;
  distinctCells: Uint32Array;
  distinctImeis: Uint32Array;
  calleesNoCallback: Uint32Array;
}

export interface LateRecordColumns {
  length: number;
  recordId: string[];
  operator: string[];
  startMs: Float64Array;
  imsi: string[];
  event: string[];
  direction: string[];
  caller: string[];
  callee: string[];
  receivedLateByMs: Float64Array;
}

/** Per subscriber, day and counterpart number (profile: top contacts). */
export interface DailyContactColumns {
  length: number;
  day: string[];
  operator: string[];
  imsi: string[];
  msisdn: string[];
  contact: string[];
  callsOut: Uint32Array;
  callsIn: Uint32Array;
  smsOut: Uint32Array;
  smsIn: Uint32Array;
  durationS: Float64Array;
}

/** Per subscriber, day and cell (profile: cells with province) — or, with `imei`, per device. */
export interface DailyPlaceColumns {
  length: number;
  day: string[];
  operator: string[];
  imsi: string[];
  msisdn: string[];
  /** cell_id for daily_cells, imei for daily_devices */
  key: string[];
  events: Uint32Array;
}

export interface CellRow {
  cellId: string;
  siteId: string;
  lat: number | null;
  lon: number | null;
  province: string;
  district: string;
}

export const FINDINGS_STAGING_TYPES: readonly DuckDBType[] = [
  INTEGER, VARCHAR, VARCHAR, VARCHAR, TINYINT, DOUBLE, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,
  VARCHAR, BIGINT, VARCHAR, BIGINT, VARCHAR, VARCHAR,
];

export const DAILY_FEATURE_TYPES: readonly DuckDBType[] = [
  DATE, VARCHAR, VARCHAR, VARCHAR, UINTEGER, UINTEGER, UINTEGER, DOUBLE, UINTEGER, UINTEGER, UINTEGER, DOUBLE,
  UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER,
];

export const LATE_RECORD_TYPES: readonly DuckDBType[] = [
  VARCHAR, VARCHAR, BIGINT, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, BIGINT,
];

export const DAILY_CONTACT_TYPES: readonly DuckDBType[] = [
  DATE, VARCHAR, VARCHAR, VARCHAR, VARCHAR, UINTEGER, UINTEGER, UINTEGER, UINTEGER, DOUBLE,
];

export const DAILY_PLACE_TYPES: readonly DuckDBType[] = [DATE, VARCHAR, VARCHAR, VARCHAR, VARCHAR, UINTEGER];
