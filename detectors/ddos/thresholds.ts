/**
 * DDoS (volumetric / packet-rate flood toward one destination) thresholds, in one place.
 * Absolute floors follow FastNetMon's per-host defaults (fastnetmon.conf: threshold_pps =
 * 20000, threshold_mbps = 1000, threshold_flows = 3500); the baseline multiplier keeps a
 * destination that is always busy (a CDN cache, a DNS resolver) from being a flood by size
 * alone, as RFC 4732 §3 notes that legitimate flash crowds and floods differ mainly in
 * being unusual for that target.
 */
export interface DdosThresholds {
  /** Packets per second toward one address (after sampling) that can be a flood. */
  floorPps: number;
  /** Bits per second toward one address that can be a flood. */
  floorBps: number;
  /** A flood must also be this many times the destination's usual per-minute volume. */
  baselineMultiplier: number;
  /** Destinations above this share of a floor get a baseline and are re-checked at minute close. */
  candidateShare: number;
  /** Severity steps: value / floor at or above each step. */
  highRatio: number;
  criticalRatio: number;
  /** EWMA weight of a destination's per-minute baseline. */
  baselineAlpha: number;
  /** Minutes of baseline before the multiplier applies (until then the floors alone decide). */
  baselineMinMinutes: number;
}

export const DDOS_THRESHOLDS: Readonly<DdosThresholds> = Object.freeze({
  floorPps: 20_000, // FastNetMon threshold_pps default
  floorBps: 1_000_000_000, // FastNetMon threshold_mbps = 1000
  baselineMultiplier: 5, // FastNetMon's "average + 5x" style relative ban; flash crowds rarely exceed 2–3x
  candidateShare: 0.1,
  highRatio: 5,
  criticalRatio: 20,
  baselineAlpha: 0.05, // ≈ 20 candidate minutes of memory
  baselineMinMinutes: 10,
});

export const DDOS_DETECTOR = 'ddos@1';
