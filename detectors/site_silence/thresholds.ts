/**
 * Site / cell silence from CDRs: every threshold in one place with the source of its default.
 * A cell's records are close to a Poisson stream at its expected rate λ per minute, so k
 * minutes with no records happen by chance with probability e^(−λk). We raise when λ·k passes
 * a fixed amount of evidence, and only for cells busy enough to reach it within minutes —
 * quieter cells (and every cell at night) cannot be told apart from normal quiet.
 */
export interface SiteSilenceThresholds {
  /** −ln(probability of the silence by chance) needed to raise: 18.4 ≈ a one-in-10⁸ chance. */
  evidenceNats: number;
  /** A cell must be able to reach the evidence within this many silent minutes to be judged. */
  maxDetectionMinutes: number;
  /** Never raise on fewer silent minutes than this (a switch file boundary can look like a gap). */
  minSilentMinutes: number;
  /**
   * One sector dark while the rest of its site carries traffic is an equipment fault rather
   * than a cut cable, and a sector's few users can leave it together (a shift, a lunch bell):
   * wait this long before raising it.
   */
  minSectorSilentMinutes: number;
  /** A minute with at most this share of λ records still counts as silent ("near zero"). */
  nearZeroShare: number;
  /** Minutes of history before a unit's recent level is trusted. */
  warmupMinutes: number;
  /** Half-lives of the recent per-minute levels, minutes; the lower level is expected. */
  levelHalfLifeMinutes: number;
  fastLevelHalfLifeMinutes: number;
  /** Weight of the newest week in the time-of-week / time-of-day baselines. */
  baselineWeight: number;
  /** The operator's whole feed counts as stopped below this share of its own recent level. */
  operatorFeedDownShare: number;
  /** …judged only when the operator's recent level is at least this many records a minute. */
  operatorMinLevel: number;
  /**
   * Subscribers with more outgoing calls + SMS than this in the last hour are machines (farms,
   * spam senders, autodiallers): they start and stop together, so they do not set the
   * many-independent-users level a site's silence is judged against (their records still
   * prove the site is on air).
   */
  machineOutgoingPerHour: number;
  /**
   * The e^(−λk) argument needs many independent users: the half hour before the silence must
   * have been carried by at least this many (participation ratio of per-subscriber counts).
   */
  minEffectiveSubscribers: number;
  /** Grace after a planned maintenance window for traffic to come back before raising. */
  maintenanceGraceMs: number;
  /** Silence this long escalates the finding to critical. */
  criticalSilentMinutes: number;
}

export const SITE_SILENCE_THRESHOLDS: Readonly<SiteSilenceThresholds> = Object.freeze({
  // Many thousands of cells are each tested every minute; a one-in-10⁸ per-test false-alarm
  // chance keeps a national network to well under one false alarm a day even with bursty
  // (over-dispersed) traffic (Bonferroni-style bound; engineering judgement).
  evidenceNats: 18.4,
  // Issue 3: raise within 15 minutes of the stop; 12 leaves room for mediation disorder.
  maxDetectionMinutes: 12,
  minSilentMinutes: 3,
  minSectorSilentMinutes: 15, // longer than a crowd takes to walk out; site cuts still raise within 12 min
  nearZeroShare: 0.1,
  warmupMinutes: 60,
  levelHalfLifeMinutes: 20,
  fastLevelHalfLifeMinutes: 5, // follows the evening fall-off, so night quiet is not read as silence
  baselineWeight: 0.5,
  // A feed cut at the mediation/Kafka side drops every cell of the operator at once; a site
  // fault removes a small share (operator-side alarms in ITU-T M.3400 fault management terms).
  operatorFeedDownShare: 0.2,
  operatorMinLevel: 5,
  // Busy-hour traffic per subscriber is a fraction of a call an hour (ITU-T E.500-series traffic
  // engineering, ~0.02–0.1 Erlang per subscriber); a call or SMS every two minutes all hour is
  // no person (engineering judgement).
  machineOutgoingPerHour: 30,
  // A group of phones (a SIM farm in a van, a bus, a shift) can leave a cell together; twenty
  // independent users falling silent in the same minute is the site (engineering judgement).
  minEffectiveSubscribers: 20,
  maintenanceGraceMs: 600_000, // 10 min for cells to come back on air and phones to re-attach
  criticalSilentMinutes: 60,
});
