/**
 * Junk SIMs: registrations that exist to be burnt in fraud. Every threshold in one place with
 * its source. Viet Nam's Decree 49/2017/NĐ-CP (amending Decree 25/2011) caps an individual at
 * three mobile subscriptions per operator per identity document and requires the point of sale
 * to check the document in person; MIC Circular 08/2022 tightened the checks. GSMA FF.21 lists
 * "new subscription with immediate high usage" as the classic subscription-fraud indicator.
 */
export interface JunkSimThresholds {
  /** SIMs one individual may hold on one operator (above this is over the legal cap). */
  maxSimsPerIdPerOperator: number;
  /** Activations by one dealer within `dealerBurstWindowMs` that outpace in-person checks. */
  dealerBurstSims: number;
  dealerBurstWindowMs: number;
  /**
   * A burst alone can be a busy flagship store; it is raised when corroborated: this share of
   * the burst's SIMs first seen in one cell (a batch used together), or any risky SIM.
   */
  dealerColocatedShare: number;
  /** Prepaid activations by one dealer in one day (reference feed) that count as bulk. */
  dealerDayBulk: number;
  /** A SIM this young that is already a heavy one-way sender. */
  freshSimAgeMs: number;
  freshHeavyOutgoing1h: number;
  /** Outgoing / incoming (calls + SMS) at or above which use is one-way. */
  freshOneWayRatio: number;
  /** Dealer roll-up: risky SIMs (heavy fresh use, over-cap identities) and their share of the dealer's SIMs. */
  dealerMinRiskySims: number;
  dealerMinRiskyShare: number;
}

export const JUNK_SIM_THRESHOLDS: Readonly<JunkSimThresholds> = Object.freeze({
  maxSimsPerIdPerOperator: 3, // Decree 49/2017/NĐ-CP, Art. 1(15): at most 3 SIMs per operator per ID
  // In-person verification (document, portrait photo, signature) takes minutes per subscriber;
  // ten in half an hour at one dealer is faster than the rules allow (engineering judgement).
  dealerBurstSims: 10,
  dealerBurstWindowMs: 1_800_000,
  dealerColocatedShare: 0.5, // customers of a shop scatter; a farm's SIMs sit together (engineering judgement)
  dealerDayBulk: 40, // a busy shop's day of in-person registrations (engineering judgement)
  freshSimAgeMs: 3 * 86_400_000, // GSMA FF.21: usage within the first days of the subscription
  freshHeavyOutgoing1h: 30, // a call or SMS every two minutes for an hour, from a SIM days old
  freshOneWayRatio: 5,
  dealerMinRiskySims: 3,
  dealerMinRiskyShare: 0.2,
});
