/**
 * SIM-box (interconnect bypass) thresholds, in one place, each with the source of its default.
 *
 * The score is a naive-Bayes sum of log-likelihood ratios (LLR) of independent evidence items
 * on top of a prior, turned into a probability with the logistic function. Behavioural items
 * use per-call binomial likelihoods, so the evidence grows with the number of calls seen and a
 * handful of calls cannot condemn anyone; every item is capped so that no single behaviour
 * decides alone.
 *
 * Sources:
 *  [M14] I. Murynets, M. Zabarankin, R. P. Jover, A. Panagia, "Analysis and Detection of SIMbox
 *        Fraud in Mobility Networks", IEEE INFOCOM 2014: SIM-box SIMs make many outgoing calls to
 *        many distinct callees, receive almost no calls, send almost no SMS, use no data and are
 *        static; normal users' in/out calls are roughly balanced and concentrated on a few contacts.
 *  [S15] R. Sallehuddin et al., "Detecting SIM Box Fraud by Using Support Vector Machine and
 *        Artificial Neural Network", Jurnal Teknologi 2015: total calls, distinct callees,
 *        incoming ratio, call duration as the discriminating CDR features.
 *  [GSMA] GSMA Fraud and Security Group, FF.21 "Fraud Manual" / interconnect bypass guidance:
 *        bypass operators rotate SIMs through GSM-gateway ports (one IMEI, many IMSIs), burn new
 *        prepaid SIMs bought in bulk through dealers, concentrate gateways at one site; test-call
 *        generators (TCG) prove bypass when an international test call arrives with a local CLI.
 *  [VN49] Viet Nam Decree 49/2017/ND-CP (amending Decree 25/2011): at most 3 mobile SIMs per
 *        identity document per operator for individuals.
 *  [DS]  Dual-SIM handsets present one IMEI per slot on most networks but many report one IMEI
 *        for both: two IMSIs on one IMEI is ordinary, three or more within a day is not.
 */
export const SIMBOX_THRESHOLDS = {
  /** Prior log-odds that a SIM placing calls is a bypass SIM: ≈1 % of active prepaid SIMs in heavily affected markets [GSMA]. */
  priorLogOdds: Math.log(0.01 / 0.99),
  /** Raise when the posterior probability reaches this; 0.95 keeps the expected false-alarm share at ≤ 5 % of raised findings. */
  raiseProbability: 0.95,
  /** High severity from this probability with at least `highSeverityCalls` outgoing calls. */
  highProbability: 0.995,
  highSeverityCalls: 20,
  /** No behavioural verdict below this many outgoing calls / distinct callees in the 24 h window (shares are noise below it). */
  minOutgoingCalls: 3,
  minDistinctCallees: 3,

  /**
   * Behavioural shares are judged with Beta-binomial likelihoods: each class is a Beta prior
   * over the per-SIM rate (mean, concentration κ). Ordinary users vary widely (κ = 4), bypass SIMs
   * sit tightly near zero (κ = 50). Evidence then grows with the number of calls but saturates,
   * and an in-between rate (a call centre's 10–15 % incoming) counts against bypass.
   */
  /** Share of voice calls that are incoming: ordinary users ≈ 0.45, in/out roughly balanced; bypass ≈ 0.02 [M14][S15]. */
  incomingShare: { normalMean: 0.45, normalKappa: 4, bypassMean: 0.02, bypassKappa: 50 },
  /** Probability an outgoing call goes to a number already called in the window: ordinary users call a small circle [M14][S15]. */
  repeatCall: { normalMean: 0.35, normalKappa: 4, bypassMean: 0.04, bypassKappa: 50 },
  /** Share of distinct callees who call back within 24 h: ordinary ≈ 0.25; bypass ≈ 0.02 (victims see an unknown local CLI) [M14]. */
  callback: { normalMean: 0.25, normalKappa: 4, bypassMean: 0.02, bypassKappa: 50 },
  /** Guard rails: no single behavioural item may move the log-odds further than this. */
  behaviourLlrCap: [-6, 4] as const,
  /**
   * With few calls the behavioural items are not independent (no incoming, no repeats, no SMS all
   * describe one short burst of activity), so together they may claim at most this much evidence
   * per outgoing call. Keeps a bystander with three calls in a farm's cell from being condemned.
   */
  behaviourLlrPerCall: 0.7,

  /**
   * SMS share of a SIM's messages and calls: gateway SIMs carry voice and send next to no SMS
   * (stealthier farms send a few); ordinary users text about as often as they call [M14].
   */
  smsShare: { normalMean: 0.35, normalKappa: 3, bypassMean: 0.03, bypassKappa: 30 },
  /** No data session at all with at least this many outgoing calls: gateway SIMs do not browse [M14]. */
  noDataMinCalls: 10,
  noDataLlr: 0.5,
  /**
   * Answered share of outgoing calls. Bypassed calls are international conversations answered at
   * ordinary rates (ASR ≈ 0.5, ITU-T E.425 network-effectiveness ratios), tightly; other heavy
   * callers spread widely (robocallers ≈ 0.15, people calling friends ≈ 0.8) [S15].
   */
  answered: { normalMean: 0.55, normalKappa: 2, bypassMean: 0.55, bypassKappa: 12 },
  /**
   * Share of answered calls shorter than 20 s. Bypass carries conversations (mean talk time in
   * minutes [S15]); robocalls play a short message and hang up (FCC robocall reports).
   */
  shortAnswered: { normalMean: 0.3, normalKappa: 2, bypassMean: 0.1, bypassKappa: 20 },
  /**
   * Talk time of answered calls. A bypass SIM terminates other people's international
   * conversations, whose length the farm does not choose: minutes on average [S15] (ITU
   * international traffic statistics put the mean international call at 3–4 minutes, hence
   * `relayedMeanS`). Telesales pitches and robocalls last about a minute or less (FCC:
   * prerecorded messages of well under a minute; `pitchMeanS`). With talk times modelled as
   * exponential, the answered calls' mean m over n calls gives the log-likelihood ratio
   * n·[ln(pitchMeanS / relayedMeanS) + m·(1/pitchMeanS − 1/relayedMeanS)] (bypass : pitch), which
   * turns negative below m ≈ 99 s and grows with every answered call. Only its negative side is
   * used (long talks are what everyone else has too), capped at the behavioural cap `pitchLlr`,
   * from `pitchMinAnswered` answered calls (one or two calls say nothing). A step rule from 10
   * answered calls used before let 30 telesales agents in one office be raised in their first
   * hour (eval/blind); this one weighs 6 answered one-minute calls at about −3. The price: a
   * bypass SIM whose first answered calls happen to be short is raised later (in `npm run eval`,
   * one small-farm SIM of 30 whose first 7 answered calls averaged 50 s, by 63 minutes).
   * `pitchMaxMeanS` is the mean under which co-located SIMs are pitching (farm-cell roster below).
   */
  pitchMaxMeanS: 75,
  pitchMinAnswered: 3,
  relayedMeanS: 180,
  pitchMeanS: 60,
  pitchLlr: -6,
  /** Used for the readable evidence text. */
  voiceOnlyMinCalls: 10,
  /** Static: at most this many cells with at least `voiceOnlyMinCalls` calls [M14]; gateways do not move (mobile farms still visit few cells). */
  staticMaxCells: 2,
  staticLlr: 0.5,
  /** Mobility: this many cells in 24 h is how drivers and couriers look, not gateways [M14]; mobile farms in a vehicle visit a few. */
  mobileMinCells: 6,
  mobileLlr: -1.5,
  veryMobileMinCells: 12,
  veryMobileLlr: -3.0,
  /** IMSIs seen on the same IMEI within 24 h: ≥ 3 is SIM rotation through a gateway port [GSMA][DS]. */
  sharedImeiMinImsis: 3,
  sharedImeiLlr: 2.5,
  sharedImeiManyImsis: 5,
  sharedImeiManyLlr: 3.5,

  /** The same SIM on this many handsets within one hour: SIM servers move SIMs between gateway ports [GSMA]; people do not. */
  hoppingMinImeis1h: 2,
  hoppingLlr: 1.0,
  /** The SIM's handset already carried a SIM raised as bypass: that handset is a gateway port [GSMA]. */
  flaggedHandsetLlr: 3.0,
  /** Prepaid SIM activated within this many days of the call: bypass burns fresh SIMs [GSMA]. */
  newSimDays: 7,
  newSimLlr: 1.0,
  recentSimDays: 30,
  recentSimLlr: 0.5,
  /** Bulk activation: one dealer activating this many prepaid SIMs in a day [GSMA], or more SIMs on one ID than the legal cap [VN49]. */
  dealerBulkPerDay: 20,
  idHashMaxSims: 3,
  bulkRegistrationLlr: 1.0,
  registrationLlrCap: 1.5,

  /**
   * Enterprise and postpaid accounts are known customers (call centres, telemarketers, corporate
   * lines) with contract KYC [GSMA: whitelist corporate accounts]; a bypass case against one needs
   * proof (test call) or device evidence on top of behaviour.
   */
  enterpriseLlr: -5.0,
  postpaidLlr: -1.5,

  /**
   * Other suspected SIMs active in the same cell in the last hour: gateways are banks of SIMs at
   * one site [GSMA]. Worth what it does to the prior: in a cell of ~300 users holding ~25 farm
   * SIMs, being there lifts the prior from ≈1 % to ≈8 %, about +2.1 nats; fewer suspects, less.
   */
  farmCellSteps: [[3, 1.0], [8, 1.8], [20, 2.5]] as readonly (readonly [number, number])[],
  /** A SIM counts as a suspect for its cell when its behaviour alone favours bypass by this LLR (≈ 12 : 1). */
  farmSuspectLlr: 2.5,
  /**
   * …but only a SIM that could be a port of a SIM bank. A bank relays other people's conversations,
   * minutes long on average [S15]; co-located one-way callers whose answered calls average under
   * `pitchMaxMeanS` are a telesales floor or a robocall rig, each person on their own phone, and
   * their number says nothing about a gateway. Judged from this many answered calls: a mean of 3
   * exponential-like talk times under 75 s happens for ~25 % of 130 s-mean bypass SIMs and ~75 %
   * of 50 s-mean pitches, and a large bank loses only part of its count to the noise (the steps
   * above), while an office of 30 pitching agents no longer counts as 30 suspects.
   */
  farmPitchMinAnswered: 3,
  /**
   * Registered enterprise lines do not count as bank suspects either: many busy corporate lines in
   * one building are a call centre, a known customer under contract KYC [GSMA: whitelist corporate
   * accounts]; counting them lets a call centre's cold start condemn itself.
   */
  farmExcludesEnterprise: true,
  farmWindowMinutes: 60,
} as const;

export type SimboxThresholds = typeof SIMBOX_THRESHOLDS;
