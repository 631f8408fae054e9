/**
 * Flow-based site silence (a site or link dropping to near zero against its band: the sign
 * of a cut or stolen cable) thresholds, in one place. The 5-minute hold follows the 5-minute
 * polling interval NMS tools use to declare an interface down (MRTG/Cacti default step
 * 300 s), long enough for routers' 60 s active flow timeouts to have exported twice.
 */
export interface FlowSilenceThresholds {
  /** A minute is silent when bytes and flows are both at or below this share of expected. */
  ratio: number;
  /** Consecutive silent minutes before raising, at least. */
  minutes: number;
  /**
   * …and until the flows expected over the silent run reach this: a quiet site needs a longer
   * run before its silence is evidence (Poisson P(0 flows | λ) = e^−λ).
   */
  minExpectedFlowsInRun: number;
  /** Only judge sites expected to carry at least this many flows per minute at this hour. */
  minExpectedFlowsPerMinute: number;
  /** Silent this long (minutes) → high; longer → critical. */
  highMinutes: number;
  criticalMinutes: number;
}

export const FLOW_SILENCE_THRESHOLDS: Readonly<FlowSilenceThresholds> = Object.freeze({
  ratio: 0.1, // 90 % drop: a congested or partly failed link still carries more
  minutes: 5, // MRTG/Cacti 300 s polling step
  minExpectedFlowsInRun: 15, // e^−15 ≈ 3e-7 chance that a live site sends nothing for the whole run
  minExpectedFlowsPerMinute: 0.5, // below this a run would need > 30 min to be evidence
  highMinutes: 15,
  criticalMinutes: 60,
});

export const SITE_SILENCE_DETECTOR = 'site_silence_flows@1';
