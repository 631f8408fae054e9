/**
 * SMS spam: every threshold in one place with the source of its default. Two kinds of sender
 * (GSMA FF.21 and the GSMA 7726 spam-reporting service name both): a single SIM blasting a
 * list, and a farm of SIMs in one place each staying under per-SIM limits. Either way the
 * sender is a machine: regular timing and/or sequential recipients, one message each.
 */
export interface SmsSpamThresholds {
  /** Distinct recipients in the last 1–2 hours for a single sender to be judged. */
  minRecipients: number;
  /** Distinct recipients / messages: spam goes to each number once. */
  minFanoutShare: number;
  /** Messages in one minute that count as a burst (evidence and severity). */
  burstPerMinute: number;
  /** Coefficient of variation of inter-message gaps at or below which timing is machine-regular. */
  maxRegularCv: number;
  /** Gaps needed before timing is judged. */
  minGapsForTiming: number;
  /** Sequential-recipient share (|Δ| ≤ sequentialGap) that marks range sending. */
  sequentialShare: number;
  sequentialGap: number;
  /** Farm: SIMs in one cell each sending to its own disjoint list. */
  farmMinSims: number;
  /** Farm: per-SIM distinct recipients in the window (under any per-SIM limit, over human use). */
  farmMinRecipientsPerSim: number;
  /** Farm: union of recipients / sum of per-SIM recipients (1 = fully disjoint lists). */
  farmMinDisjointShare: number;
  /**
   * Bulk one-way sending, whatever the pacing: a SIM that sent this many messages today, one
   * each to many numbers (minFanoutShare over at least farmMinRecipientsPerSim recipients)…
   */
  bulkMinPerDay: number;
  /** …while receiving at most this share back (incoming / outgoing SMS over 24 h). */
  bulkMaxReplyShare: number;
  /** Messages a day at which severity is high. */
  highPerDay: number;
  episodeGapMs: number;
}

export const SMS_SPAM_THRESHOLDS: Readonly<SmsSpamThresholds> = Object.freeze({
  // Decree 91/2020/NĐ-CP caps an advertiser at 3 messages a day per consenting recipient, and
  // people send a few SMS a day (Ofcom Communications Market Report); 30 distinct recipients
  // within 1–2 hours from one SIM is bulk sending (engineering judgement).
  minRecipients: 30,
  minFanoutShare: 0.8,
  burstPerMinute: 10,
  // Human and customer-triggered messages (e.g. bank OTPs) arrive as a Poisson process, CV ≈ 1;
  // a sending script paces messages, CV well under 0.5 (Xu et al., "SMS spam detection using
  // noncontent features", IEEE Intelligent Systems 2012: temporal regularity features).
  maxRegularCv: 0.35,
  minGapsForTiming: 20,
  // Murynets & Jover, IMC 2012: spammers send to sequential number blocks.
  sequentialShare: 0.5,
  sequentialGap: 10,
  // A farm is several SIMs in one place; five co-located machine senders with disjoint lists is
  // not a coincidence of people texting (engineering judgement; GSMA FF.21 SIM-farm indicators).
  farmMinSims: 5,
  farmMinRecipientsPerSim: 10,
  farmMinDisjointShare: 0.9,
  // A random-timed sender escapes the pacing and sequence tests, but people text in
  // conversations — most messages are answered (Xu et al. 2012: spammers' sent/received ratio is
  // extreme) — and a person reaches a handful of people a day (Ofcom), not a hundred strangers.
  // Decree 91/2020/NĐ-CP requires advertisers to register and recipients to consent, so legitimate
  // bulk senders (OTP, brandname) are enterprise registrations, which this rule leaves out.
  bulkMinPerDay: 100,
  bulkMaxReplyShare: 0.1,
  highPerDay: 500,
  episodeGapMs: 86_400_000,
});
