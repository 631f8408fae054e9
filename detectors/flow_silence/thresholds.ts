/**
 * Flow-based site silence (a site or link dropping to near zero against its band: the sign
 * of a cut or stolen cable) thresholds, in one place. The 5-minute hold follows the 5-minute
 * polling interval NMS tools use to declare an interface down (MRTG/Cacti default step
 * 300 s), long enough for routers' 60 s active flow timeouts to have exported twice.
 */
export interface FlowSilenceThresholds {
  /** A minute is silent when bytes and flows are both at or below this share of expected. */
  ratio: number;
  /** Consecutive silent minutes before raising. */
  minutes: number;
  /** Only judge sites expected to carry at least this many flows per minute at this hour. */
  minExpectedFlowsPerMinute: number;
  /** Silent this long (minutes) → high; longer → critical. */
  highMinutes: number;
  criticalMinutes: number;
}

export const FLOW_SILENCE_THRESHOLDS: Readonly<FlowSilenceThresholds> = Object.freeze({
  ratio: 0.1, // 90 % drop: a congested or partly failed link still carries more
  minutes: 5, // MRTG/Cacti 300 s polling step
  minExpectedFlowsPerMinute: 3, // Poisson P(0 flows in 5 min | 3/min) ≈ 3e-7: quiet hours are not cuts
  highMinutes: 15,
  criticalMinutes: 60,
});

export const SITE_SILENCE_DETECTOR = 'site_silence_flows@1';
