/**
 * SIM-box evidence and score for one SIM, from its 24 h window features plus device,
 * registration and co-location evidence. Pure function of its inputs: easy to test by hand.
 */
import type { WindowFeatures } from '../../engine/features.js';
import type { SubscriberRegistration } from '../../engine/reference.js';
import type { SimboxThresholds } from './thresholds.js';

export interface SimboxInputs {
  day: WindowFeatures;
  /** IMSIs seen on the SIM's current IMEI in 24 h (0 when no IMEI). */
  imsisOnImei: number;
  registration: RegistrationEvidence | undefined;
  /** Event time of the evaluation, for SIM age. */
  nowMs: number;
  /** Other suspected SIMs active in the same cell within the farm window. */
  farmCellSuspects: number;
  /** Handsets (IMEIs) this SIM used in the last hour. */
  imeisLastHour?: number;
  /** The SIM's handset carried another SIM already raised as bypass. */
  handsetOfFlaggedSim?: boolean;
}

export interface RegistrationEvidence {
  plan: SubscriberRegistration['plan'];
  customerType: SubscriberRegistration['customerType'];
  activatedAtMs: number;
  /** Prepaid SIMs the same dealer activated that day. */
  dealerSameDay: number;
  /** SIMs registered on the same identity document. */
  simsOnId: number;
}

export interface EvidenceItem {
  name: string;
  llr: number;
  /** Readable evidence; built only when a finding is raised (scoring runs for every caller in every pane). */
  detail: () => string;
}

export interface SimboxScore {
  /** Log-likelihood ratio of behaviour alone (calls, callees, callbacks, SMS/data, mobility), without the prior. */
  behaviourLlr: number;
  probability: number;
  logOdds: number;
  items: EvidenceItem[];
  /** False when there is too little traffic to judge behaviour. */
  eligible: boolean;
}

const DAY_MS = 86_400_000;

export interface BetaRate {
  normalMean: number;
  normalKappa: number;
  bypassMean: number;
  bypassKappa: number;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const logBeta = (a: number, b: number): number => logGamma(a) + logGamma(b) - logGamma(a + b);

const llrCache = new WeakMap<BetaRate, Map<number, number>>();
const LLR_CACHE_MAX = 200_000;

/** Log-likelihood ratio (bypass : normal) of seeing k of n under the two Beta-binomial models; memoised per rate. */
export function betaBinomialLlr(k: number, n: number, rate: BetaRate, cap: readonly [number, number]): number {
  let cache = llrCache.get(rate);
  if (cache === undefined) llrCache.set(rate, (cache = new Map()));
  const key = n * 65_536 + k;
  let llr = n < 65_536 ? cache.get(key) : undefined;
  if (llr === undefined) {
    llr = uncachedLlr(k, n, rate);
    if (cache.size >= LLR_CACHE_MAX) cache.clear();
    if (n < 65_536) cache.set(key, llr);
  }
  return Math.min(cap[1], Math.max(cap[0], llr));
}

function uncachedLlr(k: number, n: number, rate: BetaRate): number {
  const ab = rate.bypassMean * rate.bypassKappa;
  const bb = (1 - rate.bypassMean) * rate.bypassKappa;
  const an = rate.normalMean * rate.normalKappa;
  const bn = (1 - rate.normalMean) * rate.normalKappa;
  return logBeta(k + ab, n - k + bb) - logBeta(ab, bb) - (logBeta(k + an, n - k + bn) - logBeta(an, bn));
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

export function scoreSimbox(input: SimboxInputs, t: SimboxThresholds): SimboxScore {
  const f = input.day;
  const items: EvidenceItem[] = [];
  const eligible = f.outgoingCalls >= t.minOutgoingCalls && f.distinctCallees >= t.minDistinctCallees;
  if (!eligible) return { behaviourLlr: 0, probability: 0, logOdds: t.priorLogOdds, items, eligible };

  // Incoming calls from SIMs in the same cell are a farm calling itself, not a social life.
  const incoming = Math.max(0, f.incomingCalls - f.incomingFromColocated);
  const voice = f.outgoingCalls + incoming;
  const incomingLlr = betaBinomialLlr(incoming, voice, t.incomingShare, t.behaviourLlrCap);
  const callbackLlr = betaBinomialLlr(f.calleesCalledBack, f.distinctCallees, t.callback, t.behaviourLlrCap);
  // A callback is an incoming call: when both point to bypass they are one piece of evidence, not two.
  const bothSuspicious = incomingLlr > 0 && callbackLlr > 0;
  items.push({
    name: 'incoming_share',
    llr: bothSuspicious ? Math.max(incomingLlr, callbackLlr) : incomingLlr,
    detail: () => `${incoming} incoming of ${voice} calls${f.incomingFromColocated > 0 ? ` (${f.incomingFromColocated} more from SIMs in the same cell)` : ''}`,
  });
  items.push({
    name: 'callbacks',
    llr: bothSuspicious ? 0 : callbackLlr,
    detail: () => `${f.calleesCalledBack} of ${f.distinctCallees} called numbers called back`,
  });
  const repeats = Math.max(0, f.outgoingCalls - f.distinctCallees);
  items.push({
    name: 'repeat_callees',
    llr: betaBinomialLlr(repeats, f.outgoingCalls, t.repeatCall, t.behaviourLlrCap),
    detail: () => `${f.outgoingCalls} outgoing calls to ${f.distinctCallees} distinct numbers`,
  });
  const sms = f.outgoingSms + f.incomingSms;
  items.push({
    name: 'sms_share',
    llr: betaBinomialLlr(sms, sms + voice, t.smsShare, t.behaviourLlrCap),
    detail: () => `${sms} SMS beside ${voice} calls`,
  });
  if (f.outgoingCalls >= t.noDataMinCalls && f.dataSessions === 0) {
    items.push({ name: 'no_data', llr: t.noDataLlr, detail: () => 'no data session in 24 h' });
  }
  const answered = Math.round(f.answeredRatio * f.outgoingCalls);
  items.push({
    name: 'answered',
    llr: betaBinomialLlr(answered, f.outgoingCalls, t.answered, t.behaviourLlrCap),
    detail: () => `${answered} of ${f.outgoingCalls} calls answered`,
  });
  if (answered > 0) {
    items.push({
      name: 'short_calls',
      llr: betaBinomialLlr(f.shortAnsweredCalls, answered, t.shortAnswered, t.behaviourLlrCap),
      detail: () => `${f.shortAnsweredCalls} of ${answered} answered calls shorter than 20 s (mean ${Math.round(f.meanDurationS)} s)`,
    });
  }
  if (answered >= t.pitchMinAnswered) {
    // Exponential talk times: log-likelihood ratio of the answered calls' mean under relayed
    // conversations (mean relayedMeanS) against pitches (mean pitchMeanS); only its negative side counts.
    const perCall = Math.log(t.pitchMeanS / t.relayedMeanS) + f.meanDurationS * (1 / t.pitchMeanS - 1 / t.relayedMeanS);
    const llr = Math.max(t.pitchLlr, Math.min(0, answered * perCall));
    if (llr < 0) {
      items.push({
        name: 'short_talk',
        llr,
        detail: () => `${answered} answered calls last ${Math.round(f.meanDurationS)} s on average: more like a pitch or a recorded message than relayed conversations`,
      });
    }
  }
  if (f.distinctCells >= t.veryMobileMinCells) {
    items.push({ name: 'mobile', llr: t.veryMobileLlr, detail: () => `seen in ${f.distinctCells} cells in 24 h` });
  } else if (f.distinctCells >= t.mobileMinCells) {
    items.push({ name: 'mobile', llr: t.mobileLlr, detail: () => `seen in ${f.distinctCells} cells in 24 h` });
  } else if (f.outgoingCalls >= t.voiceOnlyMinCalls && f.distinctCells > 0 && f.distinctCells <= t.staticMaxCells) {
    items.push({ name: 'static', llr: t.staticLlr, detail: () => `all calls from ${f.distinctCells} cell(s)` });
  }
  let behaviourLlr = 0;
  for (const item of items) behaviourLlr += item.llr;
  const perCallCap = t.behaviourLlrPerCall * f.outgoingCalls;
  if (behaviourLlr > perCallCap) {
    items.push({ name: 'few_calls', llr: perCallCap - behaviourLlr, detail: () => `only ${f.outgoingCalls} calls so far: behaviour counts for at most ${round1(perCallCap)}` });
    behaviourLlr = perCallCap;
  }

  if (input.imsisOnImei >= t.sharedImeiManyImsis) {
    items.push({ name: 'shared_device', llr: t.sharedImeiManyLlr, detail: () => `${input.imsisOnImei} SIMs used this handset in 24 h` });
  } else if (input.imsisOnImei >= t.sharedImeiMinImsis) {
    items.push({ name: 'shared_device', llr: t.sharedImeiLlr, detail: () => `${input.imsisOnImei} SIMs used this handset in 24 h` });
  }
  if ((input.imeisLastHour ?? 0) >= t.hoppingMinImeis1h) {
    items.push({ name: 'sim_hopping', llr: t.hoppingLlr, detail: () => `moved between ${input.imeisLastHour} handsets within an hour` });
  }
  if (input.handsetOfFlaggedSim === true) {
    items.push({ name: 'flagged_handset', llr: t.flaggedHandsetLlr, detail: () => 'its handset also carried a SIM already found to be a SIM-box' });
  }
  const reg = input.registration;
  if (reg !== undefined) {
    if (reg.customerType === 'enterprise') items.push({ name: 'enterprise_account', llr: t.enterpriseLlr, detail: () => 'registered enterprise line' });
    else if (reg.plan === 'postpaid') items.push({ name: 'postpaid_account', llr: t.postpaidLlr, detail: () => 'postpaid contract' });
    if (reg.plan === 'prepaid') {
      let registrationLlr = 0;
      const ageDays = (input.nowMs - reg.activatedAtMs) / DAY_MS;
      if (ageDays >= 0 && ageDays <= t.newSimDays) registrationLlr += t.newSimLlr;
      else if (ageDays >= 0 && ageDays <= t.recentSimDays) registrationLlr += t.recentSimLlr;
      if (reg.dealerSameDay >= t.dealerBulkPerDay || reg.simsOnId > t.idHashMaxSims) registrationLlr += t.bulkRegistrationLlr;
      if (registrationLlr > 0) {
        items.push({
          name: 'registration',
          llr: Math.min(t.registrationLlrCap, registrationLlr),
          detail: () => `prepaid, activated ${Math.max(0, Math.floor(ageDays))} day(s) earlier; dealer activated ${reg.dealerSameDay} SIMs that day; ${reg.simsOnId} SIM(s) on the same ID`,
        });
      }
    }
  }
  let farmLlr = 0;
  for (const [minSims, llr] of t.farmCellSteps) if (input.farmCellSuspects >= minSims) farmLlr = llr;
  if (farmLlr > 0) {
    items.push({ name: 'farm_cell', llr: farmLlr, detail: () => `${input.farmCellSuspects} other suspected SIMs active in the same cell` });
  }
  let logOdds = t.priorLogOdds;
  for (const item of items) logOdds += item.llr;
  return { behaviourLlr, probability: logistic(logOdds), logOdds, items, eligible };
}
