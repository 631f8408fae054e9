/**
 * mass_calling: a SIM placing many short, mostly unanswered calls to many distinct numbers,
 * whose callees do not call back, often walking a number range. Judged on the engine's 1 h /
 * 24 h subscriber windows; the sequential-dialling share is kept here per slot.
 */
import { Direction, EventKind } from '../../core/cdr.js';
import type { Severity } from '../../core/finding.js';
import { configError } from '../../core/errors.js';
import { Counter } from '../../engine/features.js';
import { EpisodeTracker } from '../common/episodes.js';
import { placeFields, placeOf } from '../common/place.js';
import { addSample } from '../common/samples.js';
import { SequenceTracker } from '../common/sequence.js';
import type { ClosedPane, Detector, DetectorContext } from '../detector.js';
import { MASS_CALLING_THRESHOLDS, type MassCallingThresholds } from './thresholds.js';

export interface MassCallingOptions {
  thresholds?: Partial<MassCallingThresholds>;
}

export function createMassCallingDetector(options: MassCallingOptions = {}): Detector {
  const t: MassCallingThresholds = { ...MASS_CALLING_THRESHOLDS, ...options.thresholds };
  if (!(t.minCalls1h >= 1)) throw configError('mass_calling.minCalls1h', 'at least 1', t.minCalls1h);
  const sequence = new SequenceTracker(t.sequentialGap);
  const episodes = new EpisodeTracker<number>(t.episodeGapMs);
  const samples = new Map<number, string[]>();

  function judge(ctx: DetectorContext, slot: number, nowMs: number, paneSamples: string[]): void {
    const w = ctx.windows;
    if (w.counter(slot, Counter.moVoice, '1h') < t.minCalls1h) return; // cheap gate before building features
    const calls = w.features(slot, '1h');
    if (calls.outgoingCalls < t.minCalls1h) return;
    const fanout = calls.distinctCallees / calls.outgoingCalls;
    const answered = Math.round(calls.answeredRatio * calls.outgoingCalls);
    const unwanted = (calls.outgoingCalls - answered + calls.shortAnsweredCalls) / calls.outgoingCalls;
    const day = w.features(slot, '24h');
    const callbackShare = day.distinctCallees > 0 ? day.calleesCalledBack / day.distinctCallees : 0;
    if (fanout < t.minFanoutShare || unwanted < t.minUnwantedShare || callbackShare > t.maxCallbackShare) return;
    const seq = sequence.share(slot, nowMs);
    const msisdnId = w.msisdnId[slot]!;
    const kept = samples.get(msisdnId) ?? [];
    for (const id of paneSamples) addSample(kept, id);
    samples.set(msisdnId, kept);
    const episode = episodes.touch(msisdnId, Math.max(w.firstSeenMinute[slot]! * 60_000, nowMs - 3_600_000), nowMs);
    const ranged = seq.steps >= 10 && seq.share >= t.sequentialShare;
    const severity: Severity = calls.outgoingCalls >= t.highCalls1h || ranged ? 'high' : 'medium';
    const score = Math.min(1, 0.5 + 0.2 * unwanted + 0.15 * seq.share + 0.15 * Math.min(1, calls.outgoingCalls / t.highCalls1h));
    const place = placeOf(ctx, w.lastCellId[slot]!);
    const imei = ctx.dictionaries.imei.value(w.lastImeiId[slot]!);
    ctx.raise({
      type: 'mass_calling', severity, score,
      subject: { kind: 'msisdn', value: ctx.dictionaries.msisdn.value(msisdnId) },
      related: [{ kind: 'imsi' as const, value: ctx.dictionaries.imsi.value(w.imsiId[slot]!) },
        ...(imei === '' ? [] : [{ kind: 'imei' as const, value: imei }])],
      operator: ctx.dictionaries.operator.value(w.operatorId[slot]!),
      ...placeFields(place),
      episodeKey: EpisodeTracker.keyOf(episode.startMs),
      firstEventMs: episode.startMs,
      evidence: {
        outgoing_calls_1h: calls.outgoingCalls,
        distinct_callees_1h: calls.distinctCallees,
        answered_share_1h: round(calls.answeredRatio),
        unanswered_or_under_10s_share_1h: round(unwanted),
        mean_answered_duration_s: round(calls.meanDurationS),
        callees_called_back_24h: day.calleesCalledBack,
        distinct_callees_24h: day.distinctCallees,
        sequential_dialling_share: round(seq.share),
        cell: place.cell,
        sample_record_ids: kept,
      },
    }, nowMs);
  }

  return {
    name: 'mass_calling',
    version: 1,
    checkpointState: { sequence, episodes, samples },
    onPane(pane: ClosedPane, ctx: DetectorContext): void {
      const r = pane.records;
      const perSlot = new Map<number, string[]>();
      for (let i = 0; i < r.length; i++) {
        if (r.event[i] !== EventKind.voice || r.direction[i] !== Direction.mo || r.peerMsisdnId[i] === 0) continue;
        const slot = pane.slots[i]!;
        sequence.observe(slot, ctx.dictionaries.msisdn.value(r.peerMsisdnId[i]!), r.startMs[i]!);
        let ids = perSlot.get(slot);
        if (ids === undefined) perSlot.set(slot, ids = []);
        if (ids.length < 5 && r.answered[i] !== 1) ids.push(r.recordId[i]!);
      }
      for (const [slot, ids] of perSlot) judge(ctx, slot, pane.endMs, ids);
    },
    onHourClosed(hourEndMs: number): void {
      episodes.evict(hourEndMs - 2 * t.episodeGapMs);
      for (const msisdnId of samples.keys()) if (episodes.get(msisdnId) === undefined) samples.delete(msisdnId);
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
