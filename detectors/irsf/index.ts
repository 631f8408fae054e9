/**
 * irsf: one SIM (or a few) pumping calls to premium / high-cost international numbers — the
 * hot list, or any destination when many calls with long talk cluster in a few leased ranges —
 * often at night. Calls from home numbers to home numbers are never looked at.
 */
import { Direction, EventKind } from '../../core/cdr.js';
import type { Severity } from '../../core/finding.js';
import { configError } from '../../core/errors.js';
import { grow } from '../../engine/growable.js';
import { EpisodeTracker } from '../common/episodes.js';
import { placeFields, placeOf } from '../common/place.js';
import { addSample } from '../common/samples.js';
import type { ClosedPane, Detector, DetectorContext } from '../detector.js';
import { countryCodeOf } from './country-code.js';
import { IntlStats, type IntlSummary } from './stats.js';
import { DEFAULT_HOT_RANGES, IRSF_THRESHOLDS, type IrsfThresholds } from './thresholds.js';

const PATTERNS = {
  hot: 'calls to hot-list premium/test ranges',
  night: 'back-to-back long night calls to several numbers in one destination',
  surge: 'surge of international calls into a few ranges',
} as const;

export interface IrsfOptions {
  /** E.164 prefixes (digits, no '+') of premium, high-cost or test ranges. Replaces the default list. */
  hotRanges?: readonly string[];
  thresholds?: Partial<IrsfThresholds>;
}

export function createIrsfDetector(options: IrsfOptions = {}): Detector {
  const t: IrsfThresholds = { ...IRSF_THRESHOLDS, ...options.thresholds };
  const hot = [...(options.hotRanges ?? DEFAULT_HOT_RANGES)];
  for (const prefix of hot) if (!/^\d{1,15}$/.test(prefix)) throw configError('irsf.hotRanges[]', 'E.164 digits without +', prefix);
  const sims = new Map<number, IntlStats>();
  const episodes = new EpisodeTracker<number>(t.episodeGapMs);
  let destFlag = new Uint8Array(1024); // 0 unknown, 1 home, 2 foreign, 3 foreign and hot

  function classify(ctx: DetectorContext, msisdnId: number): number {
    destFlag = grow(destFlag, msisdnId + 1);
    let flag = destFlag[msisdnId]!;
    if (flag === 0) {
      const digits = ctx.dictionaries.msisdn.value(msisdnId);
      flag = digits.startsWith(ctx.config.homeCountryCode) ? 1 : hot.some((p) => digits.startsWith(p)) ? 3 : 2;
      destFlag[msisdnId] = flag;
    }
    return flag;
  }

  function isNight(ctx: DetectorContext, ms: number): boolean {
    const h = ctx.clock.localHour(ms);
    const { nightStartHour: s, nightEndHour: e } = ctx.config;
    return s > e ? h >= s || h < e : h >= s && h < e;
  }

  function pumping(s: IntlSummary): 'hot' | 'night' | 'surge' | undefined {
    if (s.hotCalls >= t.minHotCalls && (s.hotNumbers >= t.minHotNumbers || s.hotAnsweredS >= t.minHotAnsweredS)) return 'hot';
    if (s.nightShare >= t.nightShare && s.answered >= t.minNightAnsweredCalls && s.answeredS >= t.minNightTalkS
      && s.topCountryNumbers >= t.minNightNumbers && s.topCountryShare >= t.minTopRangeShare) return 'night';
    if (s.calls >= t.minIntlCalls && s.answeredS >= t.minIntlAnsweredS && s.numbers >= t.minIntlNumbers && s.topRangeShare >= t.minTopRangeShare) return 'surge';
    return undefined;
  }

  function judge(ctx: DetectorContext, msisdnId: number, slot: number, nowMs: number): void {
    const stats = sims.get(msisdnId)!;
    const s = stats.summary(nowMs);
    const kind = pumping(s);
    if (kind === undefined) return;
    const episode = episodes.touch(msisdnId, Math.max(stats.hours.hour - t.windowHours + 1, 0) * 3_600_000, nowMs);
    const severity: Severity = s.answeredS >= t.criticalAnsweredS ? 'critical' : kind === 'hot' || s.nightShare >= t.nightShare ? 'high' : 'medium';
    const score = Math.min(1, 0.6 + (kind === 'hot' ? 0.2 : 0.1) + 0.1 * s.nightShare + 0.1 * Math.min(1, s.answeredS / t.criticalAnsweredS));
    const w = ctx.windows;
    const place = placeOf(ctx, stats.lastCellId);
    const imei = ctx.dictionaries.imei.value(w.lastImeiId[slot]!);
    const x = 'x'.repeat(t.rangeSuffixDigits);
    ctx.raise({
      type: 'irsf', severity, score,
      subject: { kind: 'msisdn', value: ctx.dictionaries.msisdn.value(msisdnId) },
      related: [{ kind: 'imsi' as const, value: ctx.dictionaries.imsi.value(w.imsiId[slot]!) },
        ...(imei === '' ? [] : [{ kind: 'imei' as const, value: imei }]),
        ...s.topRanges.map((r) => ({ kind: 'number_range' as const, value: `${r}${x}` }))],
      operator: ctx.dictionaries.operator.value(w.operatorId[slot]!),
      ...placeFields(place),
      episodeKey: EpisodeTracker.keyOf(episode.startMs),
      firstEventMs: episode.startMs,
      evidence: {
        pattern: PATTERNS[kind],
        international_calls_in_window: s.calls,
        distinct_international_numbers: s.numbers,
        hot_list_calls: s.hotCalls,
        hot_list_numbers: s.hotNumbers,
        answered_talk_s: Math.round(s.answeredS),
        window_hours: t.windowHours,
        destination_country_code: s.topCountry,
        numbers_in_destination: s.topCountryNumbers,
        mean_talk_s: Math.round(s.meanAnsweredS),
        talk_s_std: Math.round(s.stdAnsweredS),
        night_share: Math.round(s.nightShare * 1000) / 1000,
        destination_ranges: s.topRanges.map((r) => `${r}${x}`),
        top_ranges_share: Math.round(s.topRangeShare * 1000) / 1000,
        cell: place.cell,
        sample_record_ids: stats.samples,
      },
    }, nowMs);
  }

  return {
    name: 'irsf',
    version: 1,
    // destFlag is a cache of dictionary lookups, rebuilt on demand.
    checkpointState: { sims, episodes },
    onPane(pane: ClosedPane, ctx: DetectorContext): void {
      const r = pane.records;
      const touched = new Map<number, number>();
      for (let i = 0; i < r.length; i++) {
        const peer = r.peerMsisdnId[i]!;
        if (r.event[i] !== EventKind.voice || r.direction[i] !== Direction.mo || peer === 0) continue;
        const flag = classify(ctx, peer);
        if (flag === 1) continue;
        const msisdnId = r.servedMsisdnId[i]!;
        const atMs = r.startMs[i]!;
        let stats = sims.get(msisdnId);
        if (stats === undefined) sims.set(msisdnId, stats = new IntlStats(atMs, t.windowHours));
        const digits = ctx.dictionaries.msisdn.value(peer);
        const range = digits.length > t.rangeSuffixDigits + 3 ? digits.slice(0, -t.rangeSuffixDigits) : digits;
        stats.call(atMs, peer, range, countryCodeOf(digits), flag === 3, r.answered[i] === 1 ? r.durationS[i]! : 0, isNight(ctx, atMs));
        if (r.cellId[i] !== 0) stats.lastCellId = r.cellId[i]!;
        if (flag === 3 || r.answered[i] === 1) addSample(stats.samples, r.recordId[i]!);
        touched.set(msisdnId, pane.slots[i]!);
      }
      for (const [msisdnId, slot] of touched) judge(ctx, msisdnId, slot, pane.endMs);
    },
    onHourClosed(hourEndMs: number): void {
      for (const [msisdnId, stats] of sims) if (stats.lastMs < hourEndMs - t.windowHours * 3_600_000) sims.delete(msisdnId);
      episodes.evict(hourEndMs - 2 * t.episodeGapMs);
    },
  };
}
