/**
 * DDoS detector: per-minute packets and bytes toward each destination (/32, and /24 for
 * carpet bombing) come from a count-min sketch; a destination is raised the moment its
 * running minute crosses a floor and its own baseline × multiplier.
 */
import type { Severity } from '../../core/finding.js';
import { MINUTE_MS } from '../../core/time.js';
import { addressText, emitFinding, PREFIX24_BASE, scoreOfRatio, V6_BASE, type FlowDetectorContext } from '../../engine/flows/context.js';
import { DDOS_DETECTOR, DDOS_THRESHOLDS, type DdosThresholds } from './thresholds.js';

/** A destination's baseline is forgotten after this long without being a candidate (bounded memory). */
const BASELINE_IDLE_MINUTES = 7 * 1440; // one week: keeps weekly-recurring busy hosts

interface DestinationBaseline {
  lastMinute: number;
  minutes: number;
  packets: number;
  bytes: number;
}

export interface DdosCandidate {
  siteId: number;
  operatorId: number;
  /** Distinct-ish sources seen (capped), for evidence. */
  sources: number;
}

export class DdosDetector {
  private readonly baselines = new Map<number, DestinationBaseline>();
  private readonly floorPackets: number;
  private readonly floorBytes: number;

  constructor(private readonly ctx: FlowDetectorContext, readonly thresholds: DdosThresholds = DDOS_THRESHOLDS) {
    this.floorPackets = thresholds.floorPps * 60;
    this.floorBytes = (thresholds.floorBps / 8) * 60;
  }

  /** True when `packets`/`bytes` so far this minute make `key` worth tracking. */
  isCandidate(packets: number, bytes: number): boolean {
    const share = this.thresholds.candidateShare;
    return packets >= this.floorPackets * share || bytes >= this.floorBytes * share;
  }

  /** Checks `key` with its running minute totals; raises or updates a finding when it floods. */
  check(key: number, minute: number, packets: number, bytes: number, candidate: DdosCandidate, eventMs: number): boolean {
    const ratio = Math.max(packets / this.floorPackets, bytes / this.floorBytes);
    if (ratio < 1) return false;
    const baseline = this.baselines.get(key);
    if (baseline !== undefined && baseline.minutes >= this.thresholds.baselineMinMinutes) {
      const m = this.thresholds.baselineMultiplier;
      if (packets < m * baseline.packets && bytes < m * baseline.bytes) return false;
    }
    const subject = { kind: 'ip' as const, value: addressText(this.ctx, key) };
    const episode = this.ctx.episodes.touch('ddos', subject, minute * MINUTE_MS, eventMs);
    if (episode.finding !== null && ratio < episode.peak * 1.2) return true;
    episode.peak = Math.max(episode.peak, ratio);
    const severity: Severity = ratio >= this.thresholds.criticalRatio ? 'critical' : ratio >= this.thresholds.highRatio ? 'high' : 'medium';
    emitFinding(this.ctx, episode, {
      type: 'ddos', severity, score: scoreOfRatio(ratio), subject, siteId: candidate.siteId, operatorId: candidate.operatorId,
      detectedMs: eventMs, detector: DDOS_DETECTOR,
      evidence: {
        prefix: key >= PREFIX24_BASE && key < V6_BASE ? '/24' : '/32',
        packets_per_s: Math.round(packets / 60), bits_per_s: Math.round((bytes * 8) / 60),
        floor_pps: this.thresholds.floorPps, floor_bps: this.thresholds.floorBps,
        baseline_packets_per_min: Math.round(baseline?.packets ?? 0), minute_start: new Date(minute * MINUTE_MS).toISOString(),
        sources_seen: candidate.sources,
      },
    });
    return true;
  }

  /** Final check at minute close; learns the baseline from minutes that were not floods. */
  closeMinute(key: number, minute: number, packets: number, bytes: number, candidate: DdosCandidate): boolean {
    const flooding = this.check(key, minute, packets, bytes, candidate, (minute + 1) * MINUTE_MS - 1);
    if (!flooding) {
      let baseline = this.baselines.get(key);
      if (baseline === undefined) {
        baseline = { lastMinute: minute, minutes: 0, packets, bytes };
        this.baselines.set(key, baseline);
      }
      baseline.lastMinute = minute;
      const alpha = Math.max(1 / ++baseline.minutes, this.thresholds.baselineAlpha);
      baseline.packets += alpha * (packets - baseline.packets);
      baseline.bytes += alpha * (bytes - baseline.bytes);
    }
    return flooding;
  }

  /** Drops baselines of destinations idle for a week; the engine calls it once per closed day. */
  evictIdle(minute: number): void {
    for (const [key, baseline] of this.baselines) if (minute - baseline.lastMinute > BASELINE_IDLE_MINUTES) this.baselines.delete(key);
  }

  get trackedDestinations(): number {
    return this.baselines.size;
  }
}
