/**
 * Wangiri ("one ring and cut"): every threshold in one place with the source of its default.
 * CFCA's Global Fraud Loss Survey (2021, 2023) and GSMA FF.21 describe the pattern: foreign
 * A-numbers, often consecutive numbers of one premium range, ringing many subscribers for a
 * ring or two and hanging up, so that victims call back at a premium rate.
 */
export interface WangiriThresholds {
  /** Distinct local subscribers one foreign number rang in the last 1–2 hours. */
  minTargetsPerNumber: number;
  /** Distinct local subscribers a foreign number range rang (from ≥ minRangeNumbers numbers). */
  minTargetsPerRange: number;
  minRangeNumbers: number;
  /** Share of calls unanswered or answered for at most `maxAnsweredS`. */
  minShortShare: number;
  maxAnsweredS: number;
  /** Mean ring time, when the switch reports it: "one ring" is a few seconds. */
  maxMeanRingS: number;
  /**
   * Trailing digits that vary inside the block a campaign is aggregated over (3 → 1,000
   * numbers); the finding names the tightest prefix holding the numbers actually used.
   */
  rangeSuffixDigits: number;
  /** Local subscribers calling back before severity goes to critical. */
  criticalCallbackCallers: number;
  /** How long a flagged number or range is watched for call-backs. */
  callbackWatchMs: number;
}

export const WANGIRI_THRESHOLDS: Readonly<WangiriThresholds> = Object.freeze({
  // A person abroad calls a handful of relatives; ten different subscribers rung and dropped
  // within an hour from one foreign number is a dialler (engineering judgement; CFCA 2023 notes
  // Wangiri runs at thousands of calls per campaign, so the bar is far below real campaigns).
  minTargetsPerNumber: 10,
  minTargetsPerRange: 20,
  minRangeNumbers: 2,
  // GSMA FF.21: Wangiri calls are released before or right after answer.
  minShortShare: 0.8,
  maxAnsweredS: 3,
  // One or two rings ≈ 3–6 s of alerting (ITU-T E.180 ringing cadence: 1 s on, 4 s off).
  maxMeanRingS: 8,
  // ITU-T E.164 ranges are assigned in blocks; IPRN providers lease blocks of 100–10,000
  // numbers (ITU-T TSB notes on IRSF / number misuse), so the last 3 digits vary in a campaign.
  rangeSuffixDigits: 3,
  criticalCallbackCallers: 5,
  callbackWatchMs: 3 * 86_400_000, // victims call back over the following days
});
