/**
 * The closed, stable set of reasons a record is rejected for. Per-field reasons are
 * generated from each feed's field rules below, so a new rule adds exactly one reason and
 * the summary, dead letters and metrics all speak the same names.
 */

/** Row-level problems found before any field is looked at. */
const ROW_REASONS = ['malformed_row', 'truncated_row', 'row_too_large'] as const;

/** Fields that must be present (for some event kind or feed). */
const MISSING_FIELDS = [
  // Contract 1 CDR
  'record_id', 'operator', 'event', 'direction', 'start_time', 'imsi', 'duration_s', 'answered',
  'caller', 'callee', 'bytes',
  // subscribers
  'msisdn', 'activated_at', 'plan', 'customer_type',
  // cells
  'cell_id', 'site_id', 'lat', 'lon',
  // test_calls
  'test_id', 'called_at', 'b_number', 'original_cli', 'observed_cli',
] as const;

/** Fields whose value has a syntax that can be wrong. */
const INVALID_FIELDS = [
  'record_id', 'operator', 'start_time', 'duration_s', 'answered', 'ring_s', 'caller', 'callee',
  'imsi', 'imei', 'cell_id', 'bytes',
  'msisdn', 'activated_at',
  'lat', 'lon',
  'called_at', 'b_number', 'original_cli', 'observed_cli',
] as const;

/** Closed enumerations: a value outside the set is "unknown", not "invalid". */
const ENUM_FIELDS = ['event', 'direction', 'trunk_in', 'plan', 'customer_type'] as const;

/** Numbers that must be ≥ 0. */
const NON_NEGATIVE_FIELDS = ['duration_s', 'ring_s', 'bytes'] as const;

export type RejectReason =
  | (typeof ROW_REASONS)[number]
  | `missing:${(typeof MISSING_FIELDS)[number]}`
  | `invalid:${(typeof INVALID_FIELDS)[number]}`
  | `unknown:${(typeof ENUM_FIELDS)[number]}`
  | `negative:${(typeof NON_NEGATIVE_FIELDS)[number]}`;

export const REJECT_REASONS: readonly RejectReason[] = Object.freeze([
  ...ROW_REASONS,
  ...MISSING_FIELDS.map((f) => `missing:${f}` as const),
  ...INVALID_FIELDS.map((f) => `invalid:${f}` as const),
  ...ENUM_FIELDS.map((f) => `unknown:${f}` as const),
  ...NON_NEGATIVE_FIELDS.map((f) => `negative:${f}` as const),
]);

const REASON_SET: ReadonlySet<string> = new Set(REJECT_REASONS);

export function isRejectReason(value: string): value is RejectReason {
  return REASON_SET.has(value);
}
