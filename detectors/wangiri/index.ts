/**
 * wangiri: foreign A-numbers ringing many local subscribers for a ring or two, unanswered —
 * raised on the number and on its number range — and raised again, at higher severity, when
 * local subscribers call those numbers back (the call-back is where the money is lost).
 */
import { Direction, EventKind } from '../../core/cdr.js';
import type { Severity, Subject } from '../../core/finding.js';
import { configError } from '../../core/errors.js';
import { grow } from '../../engine/growable.js';
import { EpisodeTracker } from '../common/episodes.js';
import { addSample } from '../common/samples.js';
import type { ClosedPane, Detector, DetectorContext } from '../detector.js';
import { RingStats } from './stats.js';
import { WANGIRI_THRESHOLDS, type WangiriThresholds } from './thresholds.js';

export interface WangiriOptions {
  thresholds?: Partial<WangiriThresholds>;
}

export function createWangiriDetector(options: WangiriOptions = {}): Detector {
  const t: WangiriThresholds = { ...WANGIRI_THRESHOLDS, ...options.thresholds };
  if (!(t.rangeSuffixDigits >= 1 && t.rangeSuffixDigits <= 6)) throw configError('wangiri.rangeSuffixDigits', 'an integer in [1, 6]', t.rangeSuffixDigits);
  const numbers = new Map<number, RingStats>();
  const ranges = new Map<string, RingStats>();
  let foreignFlag = new Uint8Array(1024); // 0 unknown, 1 home, 2 foreign

  function isForeign(ctx: DetectorContext, msisdnId: number): boolean {
    foreignFlag = grow(foreignFlag, msisdnId + 1);
    let flag = foreignFlag[msisdnId]!;
    if (flag === 0) {
      flag = ctx.dictionaries.msisdn.value(msisdnId).startsWith(ctx.config.homeCountryCode) ? 1 : 2;
      foreignFlag[msisdnId] = flag;
    }
    return flag === 2;
  }

  const rangeOf = (digits: string): string | undefined =>
    digits.length >= t.rangeSuffixDigits + 4 ? digits.slice(0, -t.rangeSuffixDigits) : undefined;

  /** The tightest range holding every number seen: the longest common prefix of their digits. */
  function commonPrefix(ctx: DetectorContext, ids: Iterable<number>): { prefix: string; length: number } {
    let prefix: string | undefined;
    let length = 0;
    for (const id of ids) {
      const digits = ctx.dictionaries.msisdn.value(id);
      length = Math.max(length, digits.length);
      if (prefix === undefined) { prefix = digits; continue; }
      let k = 0;
      while (k < prefix.length && k < digits.length && prefix[k] === digits[k]) k++;
      prefix = prefix.slice(0, k);
    }
    return { prefix: prefix ?? '', length };
  }

  function judge(ctx: DetectorContext, stats: RingStats, subject: () => Subject, minTargets: number, minNumbers: number, nowMs: number): void {
    const s = stats.summary(nowMs);
    if (stats.subject === undefined) {
      const ringTooLong = s.ringKnownShare >= 0.5 && s.meanRingS > t.maxMeanRingS;
      if (s.targets < minTargets || s.numbers < minNumbers || s.shortShare < t.minShortShare || ringTooLong) return;
      stats.flaggedAtMs = nowMs;
      const first = Math.max(stats.hours.hour - 1, 0) * 3_600_000;
      stats.firstEventMs = first;
      stats.episodeKey = EpisodeTracker.keyOf(first);
      stats.subject = subject() as RingStats['subject'];
      if (stats.subject?.kind === 'number_range') {
        const { prefix, length } = commonPrefix(ctx, stats.numbersSeen(nowMs));
        stats.subject = { kind: 'number_range', value: prefix };
        stats.numberLength = length;
      }
    }
    const subj = stats.subject!;
    const callers = stats.callbackCallers.size;
    const severity: Severity = callers >= t.criticalCallbackCallers ? 'critical' : callers > 0 ? 'high' : 'medium';
    const score = Math.min(1, 0.6 + 0.2 * Math.min(1, s.targets / (4 * minTargets)) + (callers > 0 ? 0.2 : 0));
    const pad = (digit: string): string => digit.repeat(Math.max(0, stats.numberLength - subj.value.length));
    ctx.raise({
      type: 'wangiri', severity, score, subject: subj, related: [],
      operator: ctx.dictionaries.operator.value(stats.operatorId),
      episodeKey: stats.episodeKey,
      firstEventMs: stats.firstEventMs,
      evidence: {
        ...(subj.kind === 'number_range'
          ? {
            number_range: `${subj.value}${pad('0')}–${subj.value}${pad('9')}`, numbers_used: s.numbers,
            numbers: [...stats.numbersSeen(nowMs)].map((id) => ctx.dictionaries.msisdn.value(id)).sort().slice(0, 20),
          }
          : { number_range: `${rangeOf(subj.value) ?? subj.value}${'x'.repeat(t.rangeSuffixDigits)}` }),
        calls_last_1_to_2h: s.calls,
        local_subscribers_rung: s.targets,
        unanswered_or_under_3s_share: round(s.shortShare),
        mean_ring_s: round(s.meanRingS),
        callbacks: stats.callbacks,
        local_subscribers_who_called_back: callers,
        callback_talk_s: round(stats.callbackAnsweredS),
        sample_record_ids: stats.samples,
        callback_record_ids: stats.callbackSamples,
      },
    }, nowMs);
  }

  function callback(stats: RingStats, callerId: number, answeredS: number, recordId: string): void {
    stats.callbacks++;
    stats.callbackCallers.add(callerId);
    stats.callbackAnsweredS += answeredS;
    addSample(stats.callbackSamples, recordId);
  }

  return {
    name: 'wangiri',
    version: 1,
    // foreignFlag is a cache of dictionary lookups, rebuilt on demand.
    checkpointState: { numbers, ranges },
    onPane(pane: ClosedPane, ctx: DetectorContext): void {
      const r = pane.records;
      const touchedNumbers = new Set<number>();
      const touchedRanges = new Set<string>();
      for (let i = 0; i < r.length; i++) {
        const peer = r.peerMsisdnId[i]!;
        if (r.event[i] !== EventKind.voice || peer === 0 || !isForeign(ctx, peer)) continue;
        const digits = ctx.dictionaries.msisdn.value(peer);
        const range = rangeOf(digits);
        const atMs = r.startMs[i]!;
        if (r.direction[i] === Direction.mt) {
          const short = r.answered[i] !== 1 || r.durationS[i]! <= t.maxAnsweredS;
          const served = r.servedMsisdnId[i]!;
          let stats = numbers.get(peer);
          if (stats === undefined) numbers.set(peer, stats = new RingStats(atMs));
          stats.ring(atMs, served, peer, short, r.ringS[i]!);
          stats.noteOperator(atMs, r.operatorId[i]!);
          if (short) addSample(stats.samples, r.recordId[i]!);
          touchedNumbers.add(peer);
          if (range === undefined) continue;
          let rs = ranges.get(range);
          if (rs === undefined) ranges.set(range, rs = new RingStats(atMs));
          rs.ring(atMs, served, peer, short, r.ringS[i]!);
          rs.noteOperator(atMs, r.operatorId[i]!);
          if (short) addSample(rs.samples, r.recordId[i]!);
          touchedRanges.add(range);
        } else {
          const answeredS = r.answered[i] === 1 ? r.durationS[i]! : 0;
          const stats = numbers.get(peer);
          if (stats !== undefined) { callback(stats, r.servedMsisdnId[i]!, answeredS, r.recordId[i]!); touchedNumbers.add(peer); }
          const rs = range === undefined ? undefined : ranges.get(range);
          if (rs !== undefined && range !== undefined) { callback(rs, r.servedMsisdnId[i]!, answeredS, r.recordId[i]!); touchedRanges.add(range); }
        }
      }
      for (const peer of touchedNumbers) {
        judge(ctx, numbers.get(peer)!, () => ({ kind: 'msisdn', value: ctx.dictionaries.msisdn.value(peer) }), t.minTargetsPerNumber, 1, pane.endMs);
      }
      for (const range of touchedRanges) {
        judge(ctx, ranges.get(range)!, () => ({ kind: 'number_range', value: range }),
          t.minTargetsPerRange, t.minRangeNumbers, pane.endMs);
      }
    },
    onHourClosed(hourEndMs: number): void {
      const evict = <K>(map: Map<K, RingStats>): void => {
        for (const [key, stats] of map) {
          const keepMs = Number.isNaN(stats.flaggedAtMs) ? 2 * 3_600_000 : t.callbackWatchMs;
          if (stats.lastMs < hourEndMs - keepMs) map.delete(key);
        }
      };
      evict(numbers);
      evict(ranges);
    },
  };
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0;
}
