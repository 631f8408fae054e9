/**
 * FlowEngine: event-time tumbling 1-minute panes over FlowBatches, with a watermark
 * (highest event time − allowed disorder). Flood and scan detectors run per flow and raise
 * as soon as the evidence suffices; site spike and silence detectors run when a pane closes.
 */
import { configError, ErrorCodes, TelsentryError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import { LocalClock, MINUTE_MS } from '../../core/time.js';
import { createFlowDictionaries, type FlowBatch, type FlowDictionaries } from '../../ingest/flows/batch.js';
import { DdosDetector } from '../../detectors/ddos/detector.js';
import { DDOS_THRESHOLDS, type DdosThresholds } from '../../detectors/ddos/thresholds.js';
import { ScanDetector } from '../../detectors/scan/detector.js';
import { SCAN_THRESHOLDS, type ScanThresholds } from '../../detectors/scan/thresholds.js';
import { TrafficSpikeDetector } from '../../detectors/traffic_spike/detector.js';
import { TRAFFIC_SPIKE_THRESHOLDS, type TrafficSpikeThresholds } from '../../detectors/traffic_spike/thresholds.js';
import { FlowSilenceDetector } from '../../detectors/flow_silence/detector.js';
import { FLOW_SILENCE_THRESHOLDS, type FlowSilenceThresholds } from '../../detectors/flow_silence/thresholds.js';
import { BASELINE_DEFAULTS, SeasonalBaseline, type Band, type BaselineOptions } from './baseline.js';
import { addressText, PREFIX24_BASE, V6_BASE, type FlowDetectorContext, type SitePlace } from './context.js';
import { EpisodeBook } from './episodes.js';
import { MinutePane } from './pane.js';

export interface FlowEngineOptions {
  /** Flows may arrive this much later than the newest seen (router active timeouts, export delay). */
  allowedDisorderMs?: number;
  /** IANA zone for time-of-week baselines. */
  timeZone?: string;
  /** A gap this long without evidence ends an episode; the next detection gets a new id. */
  episodeQuietGapMs?: number;
  /** siteId → where it is, for the finding's province/district. */
  sites?: Record<string, SitePlace>;
  /** Share with the decoders (otherwise taken from the first batch). */
  dictionaries?: FlowDictionaries;
  ddos?: Partial<DdosThresholds>;
  scan?: Partial<ScanThresholds>;
  trafficSpike?: Partial<TrafficSpikeThresholds>;
  siteSilence?: Partial<FlowSilenceThresholds>;
  baseline?: Partial<BaselineOptions>;
}

export const FLOW_ENGINE_DEFAULTS = {
  allowedDisorderMs: 120_000, // 2 min: a 60 s active timeout plus export and transport delay
  timeZone: 'Asia/Ho_Chi_Minh',
  episodeQuietGapMs: 900_000, // 15 min without evidence closes an episode
} as const;

export interface FlowEngineCounters {
  flows: number;
  lateFlows: number;
  panesClosed: number;
}

const NO_PLACE: SitePlace = { province: '', district: '' };

export class FlowEngine {
  readonly counters: FlowEngineCounters = { flows: 0, lateFlows: 0, panesClosed: 0 };
  private readonly disorderMs: number;
  private readonly clock: LocalClock;
  private readonly listeners: ((f: Finding) => void)[] = [];
  private dicts: FlowDictionaries | null;
  private readonly ctx: FlowDetectorContext;
  private readonly ddos: DdosDetector;
  private readonly scan: ScanDetector;
  private readonly spike: TrafficSpikeDetector;
  private readonly silence: FlowSilenceDetector;
  private readonly siteBytes: SeasonalBaseline;
  private readonly siteFlows: SeasonalBaseline;
  private readonly panes = new Map<number, MinutePane>();
  private readonly sparePanes: MinutePane[] = [];
  private maxEventMs = -Infinity;
  private watermarkMs = -Infinity;
  /** Every minute before this one is closed (-Infinity until the first close: nothing is late yet). */
  private closedBeforeMinute = -Infinity;
  /** Lowest minute with a pane, before the first close. */
  private firstMinute = Infinity;
  /** Operator each site was last seen with, kept across panes for silent minutes. */
  private readonly siteOperator = new Map<number, number>();
  /** Open episodes, shared with the detectors through ctx; a field of its own so checkpoints reach it. */
  private readonly episodes: EpisodeBook;
  private readonly bytesBand: Band = { mean: 0, std: 0, source: 'none' };
  private readonly flowsBand: Band = { mean: 0, std: 0, source: 'none' };

  constructor(opts: FlowEngineOptions = {}) {
    this.disorderMs = opts.allowedDisorderMs ?? FLOW_ENGINE_DEFAULTS.allowedDisorderMs;
    if (!Number.isInteger(this.disorderMs) || this.disorderMs < 0 || this.disorderMs > 86_400_000) {
      throw configError('allowedDisorderMs', 'an integer in [0, 86400000]', this.disorderMs);
    }
    const quietGapMs = opts.episodeQuietGapMs ?? FLOW_ENGINE_DEFAULTS.episodeQuietGapMs;
    if (!Number.isInteger(quietGapMs) || quietGapMs < MINUTE_MS) throw configError('episodeQuietGapMs', 'an integer ≥ 60000', quietGapMs);
    this.clock = new LocalClock(opts.timeZone ?? FLOW_ENGINE_DEFAULTS.timeZone);
    this.dicts = opts.dictionaries ?? null;
    const sites = opts.sites ?? {};
    const episodes = new EpisodeBook(quietGapMs);
    this.episodes = episodes;
    this.ctx = {
      episodes,
      emit: (f) => { for (const listener of this.listeners) listener(f); },
      dictionaries: () => this.dictionaries(),
      place: (siteId) => (siteId > 0 ? sites[this.dictionaries().site.value(siteId)] ?? NO_PLACE : NO_PLACE),
      hourOfWeek: (ms) => this.clock.localWeekday(ms) * 24 + this.clock.localHour(ms),
    };
    this.ddos = new DdosDetector(this.ctx, { ...DDOS_THRESHOLDS, ...opts.ddos });
    this.scan = new ScanDetector(this.ctx, { ...SCAN_THRESHOLDS, ...opts.scan });
    this.spike = new TrafficSpikeDetector(this.ctx, { ...TRAFFIC_SPIKE_THRESHOLDS, ...opts.trafficSpike });
    this.silence = new FlowSilenceDetector(this.ctx, { ...FLOW_SILENCE_THRESHOLDS, ...opts.siteSilence });
    const baseline = { ...BASELINE_DEFAULTS, ...opts.baseline };
    this.siteBytes = new SeasonalBaseline(baseline);
    this.siteFlows = new SeasonalBaseline(baseline);
  }

  onFinding(cb: (f: Finding) => void): void {
    this.listeners.push(cb);
  }

  /** The dictionaries batches must use: pass them to readFlows / startFlowCollector. */
  get flowDictionaries(): FlowDictionaries {
    return this.dictionaries();
  }

  get watermark(): number {
    return this.watermarkMs;
  }

  ingest(batch: FlowBatch): void {
    if (this.dicts === null) this.dicts = batch.dictionaries;
    else if (batch.dictionaries !== this.dicts) {
      // ids would name the wrong sites and addresses
      throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, 'FlowBatch uses other FlowDictionaries than this FlowEngine: pass the same dictionaries to readFlows/startFlowCollector and FlowEngine');
    }
    const { timeEndMs, bytes, packets, siteId, operatorId, ipVersion, srcV4, dstV4, srcV6, dstV6, dstPort } = batch;
    const lateBeforeMs = this.closedBeforeMinute * MINUTE_MS;
    for (let i = 0; i < batch.length; i++) {
      const eventMs = timeEndMs[i]!;
      if (eventMs < lateBeforeMs) {
        this.counters.lateFlows++;
        continue;
      }
      this.counters.flows++;
      if (eventMs > this.maxEventMs) this.maxEventMs = eventMs;
      const pane = this.pane(Math.floor(eventMs / MINUTE_MS));
      pane.flows++;
      const site = siteId[i]!;
      const flowBytes = bytes[i]!;
      const flowPackets = packets[i]!;
      if (site > 0) {
        pane.ensureSite(site);
        pane.siteBytes[site]! += flowBytes;
        pane.siteFlows[site]!++;
        pane.siteOperator[site] = operatorId[i]!;
      }
      const v4 = ipVersion[i] === 4;
      const dstKey = v4 ? dstV4[i]! : V6_BASE + dstV6[i]!;
      const srcKey = v4 ? srcV4[i]! : V6_BASE + srcV6[i]!;
      this.toDestination(pane, dstKey, flowPackets, flowBytes, eventMs, site, operatorId[i]!, srcKey);
      if (v4) this.toDestination(pane, PREFIX24_BASE + (dstKey >>> 8), flowPackets, flowBytes, eventMs, site, operatorId[i]!, -1);
      this.scan.onFlow(srcKey, dstKey, dstPort[i]!, flowBytes, flowPackets, eventMs, site, operatorId[i]!);
    }
    this.advanceWatermark(this.maxEventMs - this.disorderMs);
  }

  /** Moves the watermark forward (never back) and closes every pane that ends at or before it. */
  advanceWatermark(ms: number): void {
    if (!(ms > this.watermarkMs)) return;
    this.watermarkMs = ms;
    this.closeBefore(Math.floor(ms / MINUTE_MS));
    this.scan.closeUpTo(ms);
    this.episodes.expire(ms);
  }

  /** End of input: closes every open pane, including the newest. */
  flush(): void {
    if (this.maxEventMs === -Infinity) return;
    const endMinute = Math.floor(this.maxEventMs / MINUTE_MS) + 1;
    this.watermarkMs = Math.max(this.watermarkMs, endMinute * MINUTE_MS);
    this.closeBefore(endMinute);
    this.scan.closeUpTo(Infinity);
  }

  private dictionaries(): FlowDictionaries {
    if (this.dicts === null) this.dicts = createFlowDictionaries();
    return this.dicts;
  }

  private toDestination(pane: MinutePane, key: number, packets: number, bytes: number, eventMs: number, site: number, operator: number, srcKey: number): void {
    const sketch = pane.toDestination;
    sketch.add(key, packets, bytes);
    let candidate = pane.ddosCandidates.get(key);
    if (candidate === undefined) {
      if (!this.ddos.isCandidate(sketch.estimateA, sketch.estimateB)) return;
      candidate = { siteId: site, operatorId: operator, sources: 0 };
      pane.ddosCandidates.set(key, candidate);
    }
    if (srcKey >= 0) candidate.sources++;
    if (site > 0) {
      candidate.siteId = site;
      candidate.operatorId = operator;
    }
    // /24 aggregates are judged at pane close, after their /32s (one flood → one finding)
    if (key >= PREFIX24_BASE && key < V6_BASE) return;
    this.ddos.check(key, pane.minute, sketch.estimateA, sketch.estimateB, candidate, eventMs);
  }

  private pane(minute: number): MinutePane {
    let pane = this.panes.get(minute);
    if (pane === undefined) {
      pane = (this.sparePanes.pop() ?? new MinutePane()).reset(minute);
      this.panes.set(minute, pane);
      if (minute < this.firstMinute) this.firstMinute = minute;
    }
    return pane;
  }

  private closeBefore(minute: number): void {
    const from = this.closedBeforeMinute === -Infinity ? this.firstMinute : this.closedBeforeMinute;
    if (from === Infinity || minute <= from) return;
    for (let m = from; m < minute; m++) {
      // minutes without any flow still close: that is how a silent network shows
      const pane = this.panes.get(m) ?? this.pane(m);
      this.closePane(pane);
      this.panes.delete(m);
      this.sparePanes.push(pane);
      this.closedBeforeMinute = m + 1;
    }
  }

  private closePane(pane: MinutePane): void {
    this.counters.panesClosed++;
    if (pane.minute % 1440 === 0) this.ddos.evictIdle(pane.minute);
    const flooded24 = new Set<number>();
    const paneEndMs = (pane.minute + 1) * MINUTE_MS - 1;
    for (const [key, candidate] of pane.ddosCandidates) {
      if (key >= PREFIX24_BASE && key < V6_BASE) continue;
      pane.toDestination.query(key);
      const bytes = pane.toDestination.estimateB;
      const flooding = this.ddos.closeMinute(key, pane.minute, pane.toDestination.estimateA, bytes, candidate);
      // the whole minute toward a flooded (or still-flooding) destination is the flood's, not the site's
      if (flooding || this.ctx.episodes.active('ddos', { kind: 'ip', value: addressText(this.ctx, key) }, paneEndMs) !== undefined) {
        if (key < PREFIX24_BASE) flooded24.add(PREFIX24_BASE + (key >>> 8));
        if (candidate.siteId > 0) {
          pane.ensureSite(candidate.siteId);
          pane.siteDdosBytes[candidate.siteId]! += bytes;
        }
      }
    }
    for (const [key, candidate] of pane.ddosCandidates) {
      if (key < PREFIX24_BASE || key >= V6_BASE || flooded24.has(key)) continue;
      pane.toDestination.query(key);
      if (this.ddos.closeMinute(key, pane.minute, pane.toDestination.estimateA, pane.toDestination.estimateB, candidate) && candidate.siteId > 0) {
        pane.ensureSite(candidate.siteId);
        pane.siteDdosBytes[candidate.siteId]! += pane.toDestination.estimateB;
      }
    }
    const minuteMs = pane.minute * MINUTE_MS;
    const hourOfWeek = this.ctx.hourOfWeek(minuteMs);
    const sites = this.dictionaries().site.size;
    pane.ensureSite(sites);
    for (let site = 1; site <= sites; site++) {
      const bytes = pane.siteBytes[site]!;
      const flows = pane.siteFlows[site]!;
      this.siteBytes.band(site, hourOfWeek, this.bytesBand);
      this.siteFlows.band(site, hourOfWeek, this.flowsBand);
      if (flows > 0) this.siteOperator.set(site, pane.siteOperator[site]!);
      const operator = this.siteOperator.get(site) ?? 0;
      const spiking = this.spike.closeMinute(site, operator, pane.minute, bytes, pane.siteDdosBytes[site]!, this.bytesBand);
      const silent = this.silence.closeMinute(site, operator, pane.minute, bytes, flows, this.bytesBand, this.flowsBand);
      if (!spiking && !silent) {
        this.siteBytes.observe(site, hourOfWeek, Math.max(0, bytes - pane.siteDdosBytes[site]!));
        this.siteFlows.observe(site, hourOfWeek, flows);
      }
    }
  }
}
