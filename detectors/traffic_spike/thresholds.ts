/**
 * Traffic spike (a site or link far above its time-of-week band) thresholds, in one place.
 * The multiplicative cut follows the usual NetFlow anomaly practice of flagging volume well
 * outside the seasonal band (Lakhina et al. 2004, "Diagnosing network-wide traffic
 * anomalies": volume anomalies are several times the normal level); the k·σ cut is the
 * Holt-Winters / Brutlag (2000) confidence band with δ = 3, raised to 4 for 1-minute panes.
 */
export interface TrafficSpikeThresholds {
  /** Minute bytes (excluding traffic toward destinations already raised as ddos) vs band mean. */
  ratio: number;
  /** …and at least this many standard deviations above it. */
  sigmas: number;
  /** Consecutive minutes above the band before raising (one noisy minute is not a spike). */
  minutes: number;
  /** Sites whose expected bytes/minute are below this are too small to judge. */
  minExpectedBytesPerMinute: number;
  highRatio: number;
  criticalRatio: number;
}

export const TRAFFIC_SPIKE_THRESHOLDS: Readonly<TrafficSpikeThresholds> = Object.freeze({
  ratio: 3, // a legitimate evening peak or CDN fill stays under 2–3x its usual hour
  sigmas: 4, // Brutlag's δ = 2–3 on 5-minute data; 1-minute panes are noisier
  minutes: 2,
  minExpectedBytesPerMinute: 1_000_000, // ~133 kbit/s: below this a single download doubles a site
  highRatio: 6,
  criticalRatio: 12,
});

export const TRAFFIC_SPIKE_DETECTOR = 'traffic_spike@1';
