/** Simulator options: one type, one defaults constant, one validator run once. */
import { configError } from '../core/errors.js';

export const SCENARIO_NAMES = ['default', 'small-farms', 'large-farms', 'rotating', 'stealth', 'fake-incoming', 'mobile-farms', 'mixed'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface SimulationOptions {
  /** Ordinary subscribers' SIMs (dual-SIM second lines included); confounders and fraud SIMs come on top. */
  subscribers: number;
  days: number;
  seed: number;
  /** ISO date-time with offset; simulation starts here. */
  start: string;
  operators?: string[];
  homeCountryCode?: string;
  timeZone?: string;
  scenario: ScenarioName;
  outDir: string;
  format: 'csv' | 'jsonl';
  gzip: boolean;
  onProgress?: (p: { records: number; simulatedMs: number }) => void;
}

export type ResolvedOptions = Required<Omit<SimulationOptions, 'onProgress'>> & Pick<SimulationOptions, 'onProgress'> & { startMs: number; endMs: number };

export const SIMULATION_DEFAULTS = {
  subscribers: 20_000,
  days: 2,
  seed: 1,
  start: '2026-11-02T00:00:00+07:00', // a Monday, local midnight in Viet Nam
  operators: ['452-01', '452-02', '452-04'], // MobiFone, VinaPhone, Viettel
  homeCountryCode: '84',
  timeZone: 'Asia/Ho_Chi_Minh',
  scenario: 'default' as ScenarioName,
  format: 'csv' as const,
  gzip: true,
};

/** Below this the farms and campaigns outnumber the people they call; above, memory grows ~1 kB per subscriber. */
const MIN_SUBSCRIBERS = 500;
const MAX_SUBSCRIBERS = 2_000_000;
const MAX_DAYS = 31;

export function resolveOptions(input: Partial<SimulationOptions> & { outDir: string }): ResolvedOptions {
  const o = { ...SIMULATION_DEFAULTS, ...stripUndefined(input), outDir: input.outDir };
  if (!Number.isInteger(o.subscribers) || o.subscribers < MIN_SUBSCRIBERS || o.subscribers > MAX_SUBSCRIBERS) {
    throw configError('subscribers', `an integer in [${MIN_SUBSCRIBERS}, ${MAX_SUBSCRIBERS}]`, o.subscribers);
  }
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > MAX_DAYS) throw configError('days', `an integer in [1, ${MAX_DAYS}]`, o.days);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffff_ffff) throw configError('seed', 'an integer in [0, 4294967295]', o.seed);
  const startMs = Date.parse(o.start);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(o.start) || Number.isNaN(startMs)) {
    throw configError('start', 'an ISO-8601 date-time with offset', o.start);
  }
  if (!(SCENARIO_NAMES as readonly string[]).includes(o.scenario)) throw configError('scenario', `one of ${SCENARIO_NAMES.join(', ')}`, o.scenario);
  if (o.format !== 'csv' && o.format !== 'jsonl') throw configError('format', "'csv' or 'jsonl'", o.format);
  if (typeof o.gzip !== 'boolean') throw configError('gzip', 'a boolean', o.gzip);
  if (!Array.isArray(o.operators) || o.operators.length === 0 || new Set(o.operators).size !== o.operators.length
    || o.operators.some((op) => !/^\d{3}-\d{2,3}$/.test(op))) {
    throw configError('operators', 'a non-empty list of distinct MCC-MNC codes', o.operators);
  }
  if (!/^[1-9]\d{0,2}$/.test(o.homeCountryCode)) throw configError('homeCountryCode', '1–3 digits not starting with 0', o.homeCountryCode);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: o.timeZone });
  } catch {
    throw configError('timeZone', 'an IANA time zone name', o.timeZone);
  }
  if (typeof o.outDir !== 'string' || o.outDir === '') throw configError('outDir', 'a non-empty path', o.outDir);
  return { ...o, outDir: o.outDir, operators: [...o.operators], startMs, endMs: startMs + o.days * 86_400_000 };
}

function stripUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
