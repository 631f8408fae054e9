/**
 * sms_spam: a SIM (or a farm of SIMs in one cell) sending one message each to many numbers,
 * paced by a machine (regular gaps) and/or walking a number range. A bank's OTP sender also
 * reaches many numbers, but its messages are triggered by customers: Poisson timing, no
 * sequence — so it stays quiet.
 */
import { Direction, EventKind } from '../../core/cdr.js';
import type { Severity } from '../../core/finding.js';
import { configError } from '../../core/errors.js';
import { EpisodeTracker } from '../common/episodes.js';
import { placeFields, placeOf } from '../common/place.js';
import { addSample } from '../common/samples.js';
import { SequenceTracker } from '../common/sequence.js';
import { Counter } from '../../engine/features.js';
import type { ClosedPane, Detector, DetectorContext } from '../detector.js';
import { SenderStats, type SenderSummary } from './sender.js';
import { SMS_SPAM_THRESHOLDS, type SmsSpamThresholds } from './thresholds.js';

export interface SmsSpamOptions {
  thresholds?: Partial<SmsSpamThresholds>;
}

interface Judged {
  msisdnId: number;
  slot: number;
  summary: SenderSummary;
  sequentialShare: number;
  regular: boolean;
}

interface Farm {
  cellId: number;
  members: number[];
  recipients: number;
}

export function createSmsSpamDetector(options: SmsSpamOptions = {}): Detector {
  const t: SmsSpamThresholds = { ...SMS_SPAM_THRESHOLDS, ...options.thresholds };
  if (!(t.farmMinSims >= 2)) throw configError('sms_spam.farmMinSims', 'at least 2', t.farmMinSims);
  const senders = new Map<number, SenderStats>();
  const sequence = new SequenceTracker(t.sequentialGap);
  const episodes = new EpisodeTracker<number>(t.episodeGapMs);
  /** cell id → msisdn ids of senders that look like farm members there. */
  const farmCandidates = new Map<number, Set<number>>();
  const slotOfSender = new Map<number, number>();

  function judge(msisdnId: number, slot: number, nowMs: number): Judged {
    const summary = senders.get(msisdnId)!.summary(nowMs);
    const seq = sequence.share(slot, nowMs);
    const regular = summary.gaps >= 2 && summary.gapCv <= t.maxRegularCv;
    return { msisdnId, slot, summary, sequentialShare: seq.steps >= 2 ? seq.share : 0, regular };
  }

  const machineLike = (j: Judged, minEvents: number): boolean =>
    (j.regular && j.summary.gaps >= minEvents) || (j.sequentialShare >= t.sequentialShare && j.summary.messages >= minEvents);
  const fanout = (j: Judged): number => (j.summary.messages > 0 ? j.summary.recipients / j.summary.messages : 0);

  /** Sent to many, answered by few, and not a registered business sender (see bulkMinPerDay). */
  function bulkOneWay(ctx: DetectorContext, j: Judged): boolean {
    if (j.summary.today < t.bulkMinPerDay || j.summary.recipients < t.farmMinRecipientsPerSim || fanout(j) < t.minFanoutShare) return false;
    const w = ctx.windows;
    if (w.counter(j.slot, Counter.mtSms, '24h') > t.bulkMaxReplyShare * w.counter(j.slot, Counter.moSms, '24h')) return false;
    return ctx.reference.subscriberByImsi(ctx.dictionaries.imsi.value(w.imsiId[j.slot]!))?.customerType !== 'enterprise';
  }

  function raise(ctx: DetectorContext, j: Judged, nowMs: number, farm?: Farm): void {
    const stats = senders.get(j.msisdnId)!;
    const s = j.summary;
    const episode = episodes.touch(j.msisdnId, Math.max(stats.hours.hour - 1, 0) * 3_600_000, nowMs);
    const place = placeOf(ctx, farm?.cellId ?? stats.lastCellId);
    const w = ctx.windows;
    const imei = ctx.dictionaries.imei.value(w.lastImeiId[j.slot]!);
    const severity: Severity = farm !== undefined || s.today >= t.highPerDay || s.maxPerMinute >= t.burstPerMinute ? 'high' : 'medium';
    const machine = j.regular || j.sequentialShare >= t.sequentialShare;
    const score = Math.min(1, (machine ? 0.55 : 0.5) + 0.15 * (j.regular ? 1 : 0) + 0.15 * j.sequentialShare + (farm === undefined ? 0 : 0.15));
    const lo = stats.lowestRecipient;
    const hi = stats.highestRecipient;
    ctx.raise({
      type: 'sms_spam', severity, score,
      subject: { kind: 'msisdn', value: ctx.dictionaries.msisdn.value(j.msisdnId) },
      related: [{ kind: 'imsi' as const, value: ctx.dictionaries.imsi.value(w.imsiId[j.slot]!) },
        ...(imei === '' ? [] : [{ kind: 'imei' as const, value: imei }]),
        ...(place.cell === '' ? [] : [{ kind: 'cell' as const, value: place.cell }])],
      operator: ctx.dictionaries.operator.value(w.operatorId[j.slot]!),
      ...placeFields(place),
      episodeKey: EpisodeTracker.keyOf(episode.startMs),
      firstEventMs: episode.startMs,
      evidence: {
        rule: farm !== undefined ? 'farm of co-located machine senders' : machine ? 'machine-paced or range sending' : 'bulk one-way sending',
        sms_last_1_to_2h: s.messages,
        distinct_recipients_last_1_to_2h: s.recipients,
        sms_today: s.today,
        sms_received_24h: w.counter(j.slot, Counter.mtSms, '24h'),
        max_sms_in_one_minute: s.maxPerMinute,
        mean_interval_s: round(s.meanGapS),
        interval_variation: round(s.gapCv),
        sequential_recipient_share: round(j.sequentialShare),
        recipient_range: Number.isFinite(lo) ? `${lo}–${hi}` : '',
        cell: place.cell,
        ...(farm === undefined ? {} : {
          farm_cell: ctx.dictionaries.cell.value(farm.cellId), farm_sims: farm.members.length, farm_distinct_recipients: farm.recipients,
          farm_members: farm.members.slice(0, 10).map((m) => ctx.dictionaries.msisdn.value(m)),
        }),
        sample_record_ids: stats.samples,
      },
    }, nowMs);
  }

  function checkFarm(ctx: DetectorContext, cellId: number, nowMs: number): void {
    const candidates = farmCandidates.get(cellId);
    if (candidates === undefined || candidates.size < t.farmMinSims) return;
    const members: Judged[] = [];
    for (const msisdnId of candidates) {
      const slot = slotOfSender.get(msisdnId);
      if (slot === undefined || senders.get(msisdnId) === undefined) { candidates.delete(msisdnId); continue; }
      const j = judge(msisdnId, slot, nowMs);
      if (j.summary.recipients >= t.farmMinRecipientsPerSim && fanout(j) >= t.minFanoutShare && machineLike(j, t.farmMinRecipientsPerSim - 1)) members.push(j);
      else candidates.delete(msisdnId);
    }
    if (members.length < t.farmMinSims) return;
    const union = new Set<number>();
    let sum = 0;
    for (const j of members) {
      for (const set of senders.get(j.msisdnId)!.recipientSets(nowMs)) for (const r of set) union.add(r);
      sum += j.summary.recipients;
    }
    if (union.size < t.farmMinDisjointShare * sum) return;
    const farm: Farm = { cellId, members: members.map((j) => j.msisdnId), recipients: union.size };
    for (const j of members) raise(ctx, j, nowMs, farm);
  }

  return {
    name: 'sms_spam',
    version: 1,
    checkpointState: { senders, sequence, episodes, farmCandidates, slotOfSender },
    onPane(pane: ClosedPane, ctx: DetectorContext): void {
      const r = pane.records;
      const touched = new Set<number>();
      for (let i = 0; i < r.length; i++) {
        if (r.event[i] !== EventKind.sms || r.direction[i] !== Direction.mo) continue;
        const msisdnId = r.servedMsisdnId[i]!;
        const atMs = r.startMs[i]!;
        let stats = senders.get(msisdnId);
        if (stats === undefined) senders.set(msisdnId, stats = new SenderStats(atMs));
        stats.observe(atMs, r.peerMsisdnId[i]!, ctx.clock.localDay(atMs), r.cellId[i]!);
        if (r.peerMsisdnId[i] !== 0) {
          const recipient = sequence.observe(pane.slots[i]!, ctx.dictionaries.msisdn.value(r.peerMsisdnId[i]!), atMs);
          if (recipient < stats.lowestRecipient) stats.lowestRecipient = recipient;
          if (recipient > stats.highestRecipient) stats.highestRecipient = recipient;
        }
        addSample(stats.samples, r.recordId[i]!);
        slotOfSender.set(msisdnId, pane.slots[i]!);
        touched.add(msisdnId);
      }
      const farmCells = new Set<number>();
      const fewest = Math.min(t.minRecipients, t.farmMinRecipientsPerSim);
      for (const msisdnId of touched) {
        if (senders.get(msisdnId)!.messages(pane.endMs) < fewest) continue; // cannot reach any bar yet
        const j = judge(msisdnId, slotOfSender.get(msisdnId)!, pane.endMs);
        if ((j.summary.recipients >= t.minRecipients && fanout(j) >= t.minFanoutShare && machineLike(j, t.minGapsForTiming)) || bulkOneWay(ctx, j)) {
          raise(ctx, j, pane.endMs);
        }
        const cellId = senders.get(msisdnId)!.lastCellId;
        if (cellId !== 0 && j.summary.recipients >= t.farmMinRecipientsPerSim && fanout(j) >= t.minFanoutShare) {
          let set = farmCandidates.get(cellId);
          if (set === undefined) farmCandidates.set(cellId, set = new Set());
          set.add(msisdnId);
          farmCells.add(cellId);
        }
      }
      for (const cellId of farmCells) checkFarm(ctx, cellId, pane.endMs);
    },
    onHourClosed(hourEndMs: number): void {
      for (const [msisdnId, stats] of senders) {
        if (stats.lastMs < hourEndMs - 2 * 3_600_000) {
          senders.delete(msisdnId);
          slotOfSender.delete(msisdnId);
        }
      }
      for (const [cellId, set] of farmCandidates) {
        for (const m of set) if (!senders.has(m)) set.delete(m);
        if (set.size === 0) farmCandidates.delete(cellId);
      }
      episodes.evict(hourEndMs - 2 * t.episodeGapMs);
    },
  };
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0;
}
