/**
 * simbox@1 — international-call bypass through banks of local SIMs. Scores each SIM that
 * places calls after every pane in which it called, from its 24 h window (see score.ts and
 * thresholds.ts for the evidence and its sources), and raises a finding on the SIM's number
 * once the posterior probability passes the raise threshold. A test call from abroad that
 * arrived with this SIM's local number as CLI is proof, and raises it at critical severity.
 */
import { Direction, EventKind } from '../../core/cdr.js';
import { Counter, Distinct, type WindowFeatures } from '../../engine/features.js';
import type { Severity, Subject } from '../../core/finding.js';
import type { ClosedPane, Detector, DetectorContext, TestCallEvent } from '../detector.js';
import { scoreSimbox, type RegistrationEvidence, type SimboxScore } from './score.js';
import { SIMBOX_THRESHOLDS, type SimboxThresholds } from './thresholds.js';
import { isBypassTestCall } from '../tcg_bypass/index.js';

const MAX_SAMPLES = 5;

interface SimState {
  samples: string[];
  proofTestId?: string;
  proofAtMs?: number;
}

export interface SimboxOptions {
  thresholds?: Partial<SimboxThresholds>;
}

export function createSimboxDetector(options: SimboxOptions = {}): Detector {
  const t: SimboxThresholds = { ...SIMBOX_THRESHOLDS, ...options.thresholds };
  /** By IMSI id: SIMs under suspicion or raised (bounded by the number of suspects). */
  const sims = new Map<number, SimState>();
  /** By cell id: suspected SIMs (IMSI id → last minute) for the farm-cell evidence. */
  const suspectsByCell = new Map<number, Map<number, number>>();
  /** IMEI id → IMSI id of the first SIM raised on it: those handsets are gateway ports. */
  const flaggedHandsets = new Map<number, number>();
  /** Numbers proven by a test call before the engine saw their SIM. */
  const provenNumbers = new Map<string, TestCallEvent>();

  function farmSuspects(cellId: number, imsiId: number, minute: number): number {
    const suspects = suspectsByCell.get(cellId);
    if (suspects === undefined) return 0;
    let count = 0;
    for (const [other, lastMinute] of suspects) {
      if (minute - lastMinute > t.farmWindowMinutes) suspects.delete(other);
      else if (other !== imsiId) count++;
    }
    return count;
  }

  /** Whether a suspect counts for its cell's farm evidence (thresholds: farmPitchMinAnswered, farmExcludesEnterprise). */
  function couldBeBankPort(ctx: DetectorContext, day: WindowFeatures, imsiId: number): boolean {
    if (t.farmExcludesEnterprise && registrationOf(ctx, imsiId)?.customerType === 'enterprise') return false;
    const answered = Math.round(day.answeredRatio * day.outgoingCalls);
    return !(answered >= t.farmPitchMinAnswered && day.meanDurationS < t.pitchMaxMeanS);
  }

  /**
   * Registration evidence by IMSI id (null: none registered), built once per SIM: a caller is
   * scored after every pane it calls in, and the lookups by string key cost more than the score.
   * Dropped whenever the registration feed changes.
   */
  const registrations = new Map<number, RegistrationEvidence | null>();
  let registrationsVersion = -1;

  function registrationOf(ctx: DetectorContext, imsiId: number): RegistrationEvidence | undefined {
    if (registrationsVersion !== ctx.reference.registrationsVersion) {
      registrations.clear();
      registrationsVersion = ctx.reference.registrationsVersion;
    }
    let evidence = registrations.get(imsiId);
    if (evidence === undefined) registrations.set(imsiId, evidence = lookUpRegistration(ctx, ctx.dictionaries.imsi.value(imsiId)) ?? null);
    return evidence ?? undefined;
  }

  function lookUpRegistration(ctx: DetectorContext, imsi: string): RegistrationEvidence | undefined {
    const reg = ctx.reference.subscriberByImsi(imsi);
    if (reg === undefined) return undefined;
    return {
      plan: reg.plan, customerType: reg.customerType, activatedAtMs: reg.activatedAtMs,
      dealerSameDay: ctx.reference.dealerActivationsSameDay(reg), simsOnId: ctx.reference.simsOnIdHash(reg.idHash),
    };
  }

  function severityOf(score: SimboxScore, outgoingCalls: number, proven: boolean): Severity {
    if (proven) return 'critical';
    if (score.probability >= t.highProbability && outgoingCalls >= t.highSeverityCalls) return 'high';
    return 'medium';
  }

  /** Scores a SIM; raises or updates its finding when the evidence is enough. */
  function evaluate(ctx: DetectorContext, slot: number, atMs: number, minute: number): void {
    const w = ctx.windows;
    const imsiId = w.imsiId[slot]!;
    let state = sims.get(imsiId);
    const proven = state?.proofTestId !== undefined;
    if (!proven && !eligible(w, slot)) {
      // What scoreSimbox would conclude without the rest of the features: too little traffic to judge, so no suspect and nothing to raise.
      if (state !== undefined && !raisedImsis.has(imsiId)) sims.delete(imsiId);
      return;
    }
    const cellId = w.lastCellId[slot]!;
    const imeiId = w.lastImeiId[slot]!;
    const day = w.features(slot, '24h');
    const score = scoreSimbox({
      day,
      imsisOnImei: imeiId === 0 ? 0 : w.imsisOnImei(imeiId, '24h'),
      registration: registrationOf(ctx, imsiId),
      nowMs: atMs,
      farmCellSuspects: cellId === 0 ? 0 : farmSuspects(cellId, imsiId, minute),
      imeisLastHour: w.distinct(slot, Distinct.imeis, '1h'),
      handsetOfFlaggedSim: imeiId !== 0 && (flaggedHandsets.get(imeiId) ?? imsiId) !== imsiId,
    }, t);
    const suspect = score.behaviourLlr >= t.farmSuspectLlr;
    if (suspect && cellId !== 0 && couldBeBankPort(ctx, day, imsiId)) {
      let suspects = suspectsByCell.get(cellId);
      if (suspects === undefined) suspectsByCell.set(cellId, (suspects = new Map()));
      suspects.set(imsiId, minute);
    }
    if (proven || score.probability >= t.raiseProbability) {
      raise(ctx, slot, score, atMs, state, day);
    } else if (suspect && state === undefined) {
      sims.set(imsiId, (state = { samples: [] }));
    } else if (!suspect && state !== undefined && !raisedImsis.has(imsiId)) {
      sims.delete(imsiId);
    }
  }

  /** scoreSimbox's eligibility (enough calls to judge behaviour), read from the two features it needs. */
  function eligible(w: DetectorContext['windows'], slot: number): boolean {
    return w.counter(slot, Counter.moVoice, '24h') >= t.minOutgoingCalls && w.distinct(slot, Distinct.callees, '24h') >= t.minDistinctCallees;
  }

  const raisedImsis = new Set<number>();

  /** `day` is the SIM's 24 h features as just scored. */
  function raise(ctx: DetectorContext, slot: number, score: SimboxScore, atMs: number, state: SimState | undefined, day: WindowFeatures): void {
    const w = ctx.windows;
    const d = ctx.dictionaries;
    const imsiId = w.imsiId[slot]!;
    const msisdn = d.msisdn.value(w.msisdnId[slot]!);
    const imsi = d.imsi.value(imsiId);
    const imei = d.imei.value(w.lastImeiId[slot]!);
    const cell = d.cell.value(w.lastCellId[slot]!);
    const proven = state?.proofTestId !== undefined;
    const subject: Subject = msisdn !== '' ? { kind: 'msisdn', value: msisdn } : { kind: 'imsi', value: imsi };
    const related: Subject[] = [{ kind: 'imsi', value: imsi }];
    if (imei !== '') related.push({ kind: 'imei', value: imei });
    if (cell !== '') related.push({ kind: 'cell', value: cell });
    const cellRef = cell === '' ? undefined : ctx.reference.cell(cell);
    const firstEventMs = w.firstSeenMinute[slot]! * 60_000;
    raisedImsis.add(imsiId);
    const imeiId = w.lastImeiId[slot]!;
    if (imeiId !== 0 && !flaggedHandsets.has(imeiId)) flaggedHandsets.set(imeiId, imsiId);
    ctx.raise({
      type: 'simbox',
      severity: severityOf(score, day.outgoingCalls, proven),
      score: proven ? 1 : score.probability,
      subject,
      related,
      operator: d.operator.value(w.operatorId[slot]!),
      province: cellRef?.province,
      district: cellRef?.district,
      episodeKey: String(w.firstSeenMinute[slot]!),
      firstEventMs,
      evidence: {
        outgoing_calls_24h: day.outgoingCalls,
        incoming_calls_24h: day.incomingCalls,
        incoming_from_same_cell_24h: day.incomingFromColocated,
        distinct_callees_24h: day.distinctCallees,
        callees_called_back_24h: day.calleesCalledBack,
        answered_ratio: round(day.answeredRatio),
        mean_call_duration_s: round(day.meanDurationS),
        sms_24h: day.outgoingSms + day.incomingSms,
        data_sessions_24h: day.dataSessions,
        distinct_cells_24h: day.distinctCells,
        night_share: round(day.nightShare),
        sims_on_handset_24h: w.lastImeiId[slot] === 0 ? 0 : w.imsisOnImei(w.lastImeiId[slot]!, '24h'),
        reasons: score.items.filter((i) => i.llr !== 0).map((i) => `${i.detail()} (${i.llr > 0 ? '+' : ''}${round(i.llr)})`),
        ...(proven ? { test_call_id: state!.proofTestId!, test_call_at: new Date(state!.proofAtMs!).toISOString() } : {}),
        sample_record_ids: state?.samples ?? [],
      },
    }, atMs);
  }

  return {
    name: 'simbox',
    version: 1,
    checkpointState: { sims, suspectsByCell, flaggedHandsets, provenNumbers, raisedImsis },
    onPane(pane: ClosedPane, ctx: DetectorContext): void {
      const { records, slots } = pane;
      /** Slot → record ids of its outgoing calls in this pane (at most MAX_SAMPLES). */
      const callers = new Map<number, string[]>();
      for (let i = 0; i < records.length; i++) {
        if (records.event[i] !== EventKind.voice || records.direction[i] !== Direction.mo) continue;
        const ids = callers.get(slots[i]!) ?? [];
        if (ids.length < MAX_SAMPLES) ids.push(records.recordId[i]!);
        callers.set(slots[i]!, ids);
      }
      for (const [slot, recordIds] of callers) {
        const imsiId = ctx.windows.imsiId[slot]!;
        if (provenNumbers.size > 0) {
          const msisdn = ctx.dictionaries.msisdn.value(ctx.windows.msisdnId[slot]!);
          const proof = provenNumbers.get(msisdn);
          if (proof !== undefined) {
            provenNumbers.delete(msisdn);
            sims.set(imsiId, { ...(sims.get(imsiId) ?? { samples: [] }), proofTestId: proof.testId, proofAtMs: proof.calledAtMs });
          }
        }
        const state = sims.get(imsiId);
        if (state !== undefined) {
          for (const id of recordIds) if (state.samples.length < MAX_SAMPLES) state.samples.push(id);
        }
        evaluate(ctx, slot, pane.endMs, pane.minute);
        const fresh = sims.get(imsiId);
        if (state === undefined && fresh !== undefined) fresh.samples.push(...recordIds.slice(0, MAX_SAMPLES));
      }
    },
    onTestCalls(calls: readonly TestCallEvent[], ctx: DetectorContext): void {
      for (const call of calls) {
        if (!isBypassTestCall(call, ctx.config.homeCountryCode)) continue;
        const msisdnId = ctx.dictionaries.msisdn.lookup(call.observedCli);
        const slot = msisdnId === 0 ? -1 : ctx.windows.slotOfNumber(msisdnId);
        if (slot < 0) {
          provenNumbers.set(call.observedCli, call);
          continue;
        }
        const imsiId = ctx.windows.imsiId[slot]!;
        const state = sims.get(imsiId) ?? { samples: [] };
        state.proofTestId = call.testId;
        state.proofAtMs = call.calledAtMs;
        sims.set(imsiId, state);
        const day = ctx.windows.features(slot, '24h');
        const score = scoreSimbox({ day, imsisOnImei: 0, registration: undefined, nowMs: call.calledAtMs, farmCellSuspects: 0 }, t);
        raise(ctx, slot, score, call.calledAtMs, state, day);
      }
    },
  };

}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
