/**
 * Mass calling (robocalls, call spam): every threshold in one place, with where its default
 * comes from. No regulator publishes a single "calls per hour" line; these follow the traits
 * regulators and the literature name — high fan-out, short or unanswered calls, no call-backs,
 * sequential dialling — set well clear of ordinary and consent-based business calling.
 */
export interface MassCallingThresholds {
  /** Outgoing calls in the last hour before a SIM is judged at all. */
  minCalls1h: number;
  /** Distinct callees / outgoing calls in the last hour. */
  minFanoutShare: number;
  /** (unanswered + answered-under-10-s) / outgoing calls in the last hour. */
  minUnwantedShare: number;
  /** Callees who called back within 24 h / distinct callees: above this the contacts are reciprocated. */
  maxCallbackShare: number;
  /** |Δ callee number| at most this counts as a sequential dialling step. */
  sequentialGap: number;
  /** Sequential step share that marks range dialling (raises severity). */
  sequentialShare: number;
  /** Outgoing calls in the last hour at which severity is high regardless of pattern. */
  highCalls1h: number;
  /** A SIM quiet this long starts a new episode (a new finding id). */
  episodeGapMs: number;
}

export const MASS_CALLING_THRESHOLDS: Readonly<MassCallingThresholds> = Object.freeze({
  // A call every ~70 s for an hour. Person-to-person mobile use is a few calls an hour at peak;
  // Decree 91/2020/NĐ-CP lets an advertiser call a recipient at most once a day, so a line that
  // needs 50 distinct callees an hour is an autodialler or a call centre (engineering judgement).
  minCalls1h: 50,
  // Robocall lists rarely repeat a number within the hour (Ofcom persistent-misuse guidance:
  // repeat calls to the same number are a separate, lesser pattern).
  minFanoutShare: 0.8,
  // Person-to-person answer rate is 70–85 % in operator statistics; robocalls are mostly
  // unanswered or hung up within seconds (FCC robocall reports; Ofcom abandoned/silent calls).
  // A consent-based telemarketer's calls are answered and last minutes, so it stays below 0.7.
  minUnwantedShare: 0.7,
  // Customers of a legitimate caller call back (reciprocated contacts); robocall targets do not.
  maxCallbackShare: 0.1,
  // Autodiallers step through a range by 1, sometimes skipping a few (Murynets & Jover, IMC 2012).
  sequentialGap: 10,
  sequentialShare: 0.5,
  highCalls1h: 200,
  episodeGapMs: 86_400_000, // 24 h: one campaign per day at most is still the same episode
});
