/**
 * Traffic spike detector: at each minute close, a site's bytes (minus traffic toward
 * destinations already raised as ddos, so one flood is one finding) against its
 * time-of-week band; raised after `minutes` consecutive minutes above it.
 */
import type { Severity } from '../../core/finding.js';
import { MINUTE_MS } from '../../core/time.js';
import type { Band } from '../../engine/flows/baseline.js';
import { emitFinding, scoreOfRatio, type FlowDetectorContext } from '../../engine/flows/context.js';
import { TRAFFIC_SPIKE_DETECTOR, TRAFFIC_SPIKE_THRESHOLDS, type TrafficSpikeThresholds } from './thresholds.js';

export class TrafficSpikeDetector {
  /** Consecutive minutes above the band, per site id. */
  private readonly run = new Map<number, { minutes: number; firstMinute: number }>();

  constructor(private readonly ctx: FlowDetectorContext, readonly thresholds: TrafficSpikeThresholds = TRAFFIC_SPIKE_THRESHOLDS) {}

  /** Returns true when the minute is anomalous (the caller keeps it out of the baseline). */
  closeMinute(siteId: number, operatorId: number, minute: number, bytes: number, ddosBytes: number, band: Band): boolean {
    const t = this.thresholds;
    const own = Math.max(0, bytes - ddosBytes);
    const above = band.source !== 'none' && band.mean >= t.minExpectedBytesPerMinute &&
      own >= t.ratio * band.mean && own >= band.mean + t.sigmas * band.std;
    if (!above) {
      this.run.delete(siteId);
      return false;
    }
    let run = this.run.get(siteId);
    if (run === undefined) {
      run = { minutes: 0, firstMinute: minute };
      this.run.set(siteId, run);
    }
    run.minutes++;
    if (run.minutes < t.minutes) return true;
    const ratio = own / band.mean;
    const subject = { kind: 'site' as const, value: this.ctx.dictionaries().site.value(siteId) };
    const episode = this.ctx.episodes.touch('traffic_spike', subject, run.firstMinute * MINUTE_MS, (minute + 1) * MINUTE_MS - 1);
    if (episode.finding !== null && ratio < episode.peak * 1.2) return true;
    episode.peak = Math.max(episode.peak, ratio);
    const severity: Severity = ratio >= t.criticalRatio ? 'critical' : ratio >= t.highRatio ? 'high' : 'medium';
    emitFinding(this.ctx, episode, {
      type: 'traffic_spike', severity, score: scoreOfRatio(ratio / t.ratio), subject, siteId, operatorId,
      detectedMs: (minute + 1) * MINUTE_MS - 1, detector: TRAFFIC_SPIKE_DETECTOR,
      evidence: {
        bytes_per_min: Math.round(own), expected_bytes_per_min: Math.round(band.mean), band_std: Math.round(band.std),
        ratio: Math.round(ratio * 100) / 100, baseline: band.source, minutes_above: run.minutes, ddos_bytes_excluded: Math.round(ddosBytes),
      },
    });
    return true;
  }
}
