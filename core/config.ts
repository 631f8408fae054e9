/**
 * Engine configuration: one options type, one defaults constant, one validator run once.
 * Messages name the field, the limit and the value.
 */
import { readFileSync } from 'node:fs';
import { configError, ErrorCodes, TelsentryError } from './errors.js';

export interface TelsentryConfig {
  /** Country calling code of the home network, digits (Viet Nam: 84). */
  homeCountryCode: string;
  /** IANA zone in which night and business hours are judged. */
  timeZone: string;
  /** Watermark = highest event time seen − allowedDisorderMs. CDRs arrive late from mediation. */
  allowedDisorderMs: number;
  /** Records older than watermark − allowedLatenessMs are counted and stored but not applied to windows. */
  allowedLatenessMs: number;
  /** A source with no records for this long (processing time) no longer holds the watermark back. */
  sourceIdleTimeoutMs: number;
  /** Subscribers with no event for this long (event time) are evicted from window state. */
  idleKeyEvictMs: number;
  /** Local hours [start, end) counted as night. */
  nightStartHour: number;
  nightEndHour: number;
  /** Directory for the DuckDB file and dead letters. */
  dataDir: string;
  grpcPort: number;
  grpcHost: string;
  metricsPort: number;
  metricsHost: string;
}

export const DEFAULT_CONFIG: Readonly<TelsentryConfig> = Object.freeze({
  homeCountryCode: '84',
  timeZone: 'Asia/Ho_Chi_Minh',
  allowedDisorderMs: 600_000, // 10 min: DESIGN.md default, CDR mediation batches arrive minutes late
  allowedLatenessMs: 3_600_000, // 1 h
  sourceIdleTimeoutMs: 30_000, // 30 s of processing time
  idleKeyEvictMs: 172_800_000, // 48 h: two full 24 h windows with nothing left to expire
  nightStartHour: 0,
  nightEndHour: 6,
  dataDir: './data',
  grpcPort: 50051,
  grpcHost: '127.0.0.1',
  metricsPort: 9464,
  metricsHost: '127.0.0.1',
});

function checkInt(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw configError(field, `an integer in [${min}, ${max}]`, value);
  }
}

export function validateConfig(input: Partial<TelsentryConfig>): TelsentryConfig {
  const known = new Set(Object.keys(DEFAULT_CONFIG));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw configError(key, `one of the known options (${[...known].join(', ')})`, key);
  }
  const config: TelsentryConfig = { ...DEFAULT_CONFIG, ...input };
  if (!/^[1-9]\d{0,2}$/.test(config.homeCountryCode)) {
    throw configError('homeCountryCode', '1–3 digits not starting with 0', config.homeCountryCode);
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: config.timeZone });
  } catch {
    throw configError('timeZone', 'an IANA time zone name', config.timeZone);
  }
  checkInt('allowedDisorderMs', config.allowedDisorderMs, 0, 86_400_000);
  checkInt('allowedLatenessMs', config.allowedLatenessMs, 0, 43_200_000); // ≤ 12 h: a late record must still fall inside the 24 h window it updates
  checkInt('sourceIdleTimeoutMs', config.sourceIdleTimeoutMs, 100, 86_400_000);
  checkInt('idleKeyEvictMs', config.idleKeyEvictMs, 86_400_000, 30 * 86_400_000);
  checkInt('nightStartHour', config.nightStartHour, 0, 23);
  checkInt('nightEndHour', config.nightEndHour, 0, 23);
  checkInt('grpcPort', config.grpcPort, 0, 65_535);
  checkInt('metricsPort', config.metricsPort, 0, 65_535);
  if (typeof config.dataDir !== 'string' || config.dataDir === '') throw configError('dataDir', 'a non-empty path', config.dataDir);
  return config;
}

/**
 * How far back a repeat of (operator, record_id) is recognised: everything the engine can still
 * take (disorder + lateness) plus an hour for mediation re-sends.
 */
export function dedupeHorizonMs(config: TelsentryConfig): number {
  return config.allowedDisorderMs + config.allowedLatenessMs + 3_600_000;
}

/** Reads a JSON config file (keys as in TelsentryConfig) and validates it over the defaults. */
export function loadConfigFile(path: string): TelsentryConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `cannot read config file ${path}: ${(cause as Error).message}`, { cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw configError(path, 'a JSON object', parsed);
  }
  return validateConfig(parsed as Partial<TelsentryConfig>);
}
