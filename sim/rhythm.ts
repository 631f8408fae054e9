/**
 * Daily rhythms: the share of a day's activity falling in each local hour. Shapes follow
 * the aggregate hourly call profiles reported from operator CDRs (Candia et al. 2008,
 * "Uncovering individual and collective human dynamics from mobile phone records",
 * J. Phys. A 41: a trough at 3–5 h, a morning rise, a midday plateau and an evening peak).
 * Each curve is normalised to sum to 1 so `perDay * curve[h]` is an hourly rate.
 */

function normalise(weights: readonly number[]): Float64Array {
  const sum = weights.reduce((s, w) => s + w, 0);
  return Float64Array.from(weights, (w) => w / sum);
}

/** Ordinary subscribers' voice/SMS activity by local hour 0..23: quiet at night. */
export const HUMAN_VOICE = normalise([
  0.6, 0.3, 0.15, 0.1, 0.12, 0.4, 1.5, 3.5, 5.5, 6.5, 6.8, 6.6, 5.6, 5.2, 5.8, 6.2, 6.4, 6.6, 6.8, 7.0, 6.6, 5.4, 3.6, 1.8,
]);

/** Data sessions: flatter, late-evening heavy (video, social apps), background sync at night. */
export const HUMAN_DATA = normalise([
  2.2, 1.4, 1.0, 0.9, 0.9, 1.2, 2.4, 3.8, 4.6, 4.8, 4.9, 5.2, 5.8, 5.4, 4.9, 4.9, 5.0, 5.4, 6.0, 6.6, 7.0, 7.0, 6.0, 4.0,
]);

/** Night-shift workers: awake and calling from evening to morning, asleep around noon. */
export const NIGHT_SHIFT_VOICE = normalise([
  4.5, 4.0, 3.5, 3.2, 3.0, 3.2, 3.8, 3.0, 1.2, 0.4, 0.2, 0.2, 0.2, 0.3, 0.8, 2.5, 4.5, 5.5, 6.0, 6.2, 6.0, 5.6, 5.2, 4.8,
]);

/** Enterprise lines: business hours (Vietnamese offices ~8–12, 13:30–17:30, lunch dip). */
export const BUSINESS_HOURS = normalise([
  0, 0, 0, 0, 0, 0, 0, 0.5, 8, 10, 10, 9, 3, 7, 10, 10, 9, 4, 0.5, 0, 0, 0, 0, 0,
]);

/** Delivery drivers: 7 h–21 h with a lunch dip and an evening rush. */
export const DELIVERY_HOURS = normalise([
  0, 0, 0, 0, 0, 0, 0.2, 3, 8, 10, 10, 8, 4, 6, 9, 10, 10, 9, 7, 4, 1.5, 0.3, 0, 0,
]);

/** Consumer-triggered SMS (OTP): follows when people shop and log in, never quite zero. */
export const CONSUMER_OTP = normalise([
  1.2, 0.7, 0.4, 0.3, 0.3, 0.6, 1.8, 3.8, 5.5, 6.2, 6.5, 6.3, 5.8, 5.6, 5.9, 6.0, 6.0, 6.1, 6.4, 6.7, 6.8, 6.2, 4.6, 2.5,
]);

/** Robocall / SMS-spam campaigns: an automated day shift, 8 h–20 h. */
export const CAMPAIGN_HOURS = normalise([
  0, 0, 0, 0, 0, 0, 0, 0.5, 8, 9, 9, 9, 8, 8, 9, 9, 9, 9, 8, 6, 0.5, 0, 0, 0,
]);

/** Weekday factor by local day of week (0 = Sunday): lighter weekends. */
export const WEEKDAY_FACTOR = [0.8, 1, 1, 1, 1, 1.05, 0.9];
export const BUSINESS_WEEKDAY_FACTOR = [0, 1, 1, 1, 1, 1, 0.5];
