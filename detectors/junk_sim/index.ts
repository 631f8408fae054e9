/**
 * junk_sim: registrations made to be burnt — an identity document over the per-operator SIM
 * cap, a dealer activating faster than in-person checks allow, a SIM that goes from activation
 * straight to heavy one-way traffic — and a per-dealer risk roll-up, because operators must
 * answer for their dealers. Registrations are looked up (once per IMSI) as SIMs appear in
 * traffic, so an identity or dealer is judged on the SIMs actually in use.
 */
import { Direction, EventKind } from '../../core/cdr.js';
import type { Severity } from '../../core/finding.js';
import { configError } from '../../core/errors.js';
import type { SubscriberRegistration } from '../../engine/reference.js';
import { grow } from '../../engine/growable.js';
import { placeFields, placeOf } from '../common/place.js';
import type { ClosedPane, Detector, DetectorContext } from '../detector.js';
import { RegistrationIndex, type DealerState, type IdentityState } from './registry.js';
import { JUNK_SIM_THRESHOLDS, type JunkSimThresholds } from './thresholds.js';

export interface JunkSimOptions {
  thresholds?: Partial<JunkSimThresholds>;
  /**
   * Also raise a junk_sim finding on each fresh SIM in heavy one-way use. Off by default: such a
   * SIM is what the simbox / spam / mass-calling detectors name; here it is evidence against the
   * dealer and identity that produced it (the per-dealer roll-up), so no finding is duplicated.
   */
  raiseSimFindings?: boolean;
}

export function createJunkSimDetector(options: JunkSimOptions = {}): Detector {
  const t: JunkSimThresholds = { ...JUNK_SIM_THRESHOLDS, ...options.thresholds };
  if (!(t.maxSimsPerIdPerOperator >= 1)) throw configError('junk_sim.maxSimsPerIdPerOperator', 'at least 1', t.maxSimsPerIdPerOperator);
  const index = new RegistrationIndex();
  let checked = new Uint8Array(1024);
  /** By IMSI id: activation time of an individual's registration (NaN: none), read per outgoing record. */
  let individualActivatedAt = new Float64Array(1024).fill(Number.NaN);
  const registrations = new Map<number, SubscriberRegistration>();
  const freshFlagged = new Set<string>();
  const ISO = (ms: number): string => new Date(ms).toISOString();

  function raiseIdentity(ctx: DetectorContext, idHash: string, id: IdentityState, cellId: number, nowMs: number): void {
    let worst: [string, Set<string>] | undefined;
    for (const entry of id.perOperator) if (worst === undefined || entry[1].size > worst[1].size) worst = entry;
    if (worst === undefined || worst[1].size <= t.maxSimsPerIdPerOperator) return;
    const [operator, sims] = worst;
    for (const m of sims) {
      const dealer = index.dealers.get(ctx.reference.subscriberByMsisdn(m)?.dealerId ?? '');
      if (dealer?.sims.has(m) === true) dealer.risky.add(m);
    }
    ctx.raise({
      type: 'junk_sim', severity: sims.size > 2 * t.maxSimsPerIdPerOperator ? 'high' : 'medium',
      score: Math.min(1, 0.6 + 0.05 * (sims.size - t.maxSimsPerIdPerOperator)),
      subject: { kind: 'id_hash', value: idHash },
      related: [...sims].slice(0, 20).map((m) => ({ kind: 'msisdn' as const, value: m })),
      operator, ...placeFields(placeOf(ctx, cellId)),
      episodeKey: '', firstEventMs: id.earliestMs,
      evidence: {
        rule: `more than ${t.maxSimsPerIdPerOperator} SIMs on one identity document at one operator (Decree 49/2017/NĐ-CP)`,
        sims_in_use_on_operator: sims.size,
        sims_registered_all_operators: ctx.reference.simsOnIdHash(idHash),
        msisdns: [...sims].slice(0, 20),
      },
    }, nowMs);
  }

  function raiseDealer(ctx: DetectorContext, d: DealerState, cellId: number, nowMs: number): void {
    const burst = d.burstSims >= t.dealerBurstSims;
    const colocated = d.mostInOneCell >= t.dealerColocatedShare * d.burstSims;
    const bulk = (burst && (colocated || d.risky.size > 0)) || d.bulkDayCount >= t.dealerDayBulk;
    const riskyShare = d.sims.size > 0 ? d.risky.size / d.sims.size : 0;
    const risky = d.risky.size >= t.dealerMinRiskySims && riskyShare >= t.dealerMinRiskyShare;
    if (!bulk && !risky) return;
    const severity: Severity = bulk && d.risky.size > 0 ? 'high' : 'medium';
    ctx.raise({
      type: 'junk_sim', severity, score: Math.min(1, 0.5 + (bulk ? 0.25 : 0) + 0.25 * riskyShare),
      subject: { kind: 'dealer', value: d.dealerId },
      related: [...d.risky].slice(0, 20).map((m) => ({ kind: 'msisdn' as const, value: m })),
      operator: d.operator, ...placeFields(placeOf(ctx, cellId)),
      episodeKey: '', firstEventMs: bulk && burst ? d.burstFromMs : d.activations[0] ?? nowMs,
      evidence: {
        most_activations_within_window: d.burstSims,
        window_minutes: t.dealerBurstWindowMs / 60_000,
        burst_started_at: d.burstSims > 0 ? ISO(d.burstFromMs) : '',
        prepaid_activations_same_day: d.bulkDayCount,
        most_sims_first_seen_in_one_cell: d.mostInOneCell,
        sims_in_use: d.sims.size,
        risky_sims: d.risky.size,
        risky_share: Math.round(riskyShare * 1000) / 1000,
        risky_msisdns: [...d.risky].slice(0, 20),
      },
    }, nowMs);
  }

  function raiseFresh(ctx: DetectorContext, reg: SubscriberRegistration, slot: number, cellId: number, nowMs: number): void {
    const f = ctx.windows.features(slot, '1h');
    const out = f.outgoingCalls + f.outgoingSms;
    const incoming = f.incomingCalls + f.incomingSms;
    if (out < t.freshHeavyOutgoing1h || out < t.freshOneWayRatio * Math.max(1, incoming)) return;
    freshFlagged.add(reg.msisdn);
    if (options.raiseSimFindings === true) ctx.raise({
      type: 'junk_sim', severity: 'medium', score: Math.min(1, 0.5 + 0.5 * Math.min(1, out / (4 * t.freshHeavyOutgoing1h))),
      subject: { kind: 'msisdn', value: reg.msisdn },
      related: [{ kind: 'imsi', value: reg.imsi }, ...(reg.dealerId === '' ? [] : [{ kind: 'dealer' as const, value: reg.dealerId }]),
        ...(reg.idHash === '' ? [] : [{ kind: 'id_hash' as const, value: reg.idHash }])],
      operator: reg.operator, ...placeFields(placeOf(ctx, cellId)),
      episodeKey: '', firstEventMs: reg.activatedAtMs,
      evidence: {
        rule: 'heavy one-way use within days of activation',
        activated_at: ISO(reg.activatedAtMs),
        hours_since_activation: Math.round((nowMs - reg.activatedAtMs) / 360_000) / 10,
        outgoing_calls_1h: f.outgoingCalls, outgoing_sms_1h: f.outgoingSms, incoming_1h: incoming,
        distinct_callees_1h: f.distinctCallees, dealer: reg.dealerId,
      },
    }, nowMs);
    const dealer = index.dealers.get(reg.dealerId);
    if (dealer !== undefined) {
      dealer.risky.add(reg.msisdn);
      raiseDealer(ctx, dealer, cellId, nowMs);
    }
  }

  return {
    name: 'junk_sim',
    version: 1,
    checkpointState: {
      index, registrations, freshFlagged,
      get checked(): typeof checked { return checked; }, set checked(v: typeof checked) { checked = v; },
      get individualActivatedAt(): typeof individualActivatedAt { return individualActivatedAt; },
      set individualActivatedAt(v: typeof individualActivatedAt) { individualActivatedAt = v; },
    },
    onPane(pane: ClosedPane, ctx: DetectorContext): void {
      if (ctx.reference.subscriberCount === 0) return; // no registration feed: nothing to judge
      const r = pane.records;
      const fresh = new Map<number, number>();
      for (let i = 0; i < r.length; i++) {
        const imsiId = r.imsiId[i]!;
        checked = grow(checked, imsiId + 1);
        if (checked[imsiId] === 0) {
          checked[imsiId] = 1;
          const reg = ctx.reference.subscriberByImsi(ctx.dictionaries.imsi.value(imsiId));
          if (reg !== undefined) {
            registrations.set(imsiId, reg);
            individualActivatedAt = grow(individualActivatedAt, imsiId + 1, Number.NaN);
            if (reg.customerType === 'individual') individualActivatedAt[imsiId] = reg.activatedAtMs;
            const { identity, dealer } = index.add(reg, ctx.reference.dealerActivationsSameDay(reg), t.dealerBurstWindowMs, r.cellId[i]!);
            if (identity !== undefined) raiseIdentity(ctx, reg.idHash, identity, r.cellId[i]!, pane.endMs);
            if (dealer !== undefined) raiseDealer(ctx, dealer, r.cellId[i]!, pane.endMs);
          }
        }
        if (r.direction[i] !== Direction.mo || r.event[i] === EventKind.data) continue;
        const age = r.startMs[i]! - individualActivatedAt[imsiId]!; // NaN (no individual registration) fails below
        if (!(age >= 0 && age <= t.freshSimAgeMs) || freshFlagged.has(registrations.get(imsiId)!.msisdn)) continue;
        fresh.set(imsiId, i);
      }
      for (const [imsiId, i] of fresh) raiseFresh(ctx, registrations.get(imsiId)!, pane.slots[i]!, r.cellId[i]!, pane.endMs);
    },
  };
}
