/**
 * Flow-based site_silence detector: at each minute close, a site's bytes and flows against
 * its time-of-week band; `minutes` consecutive near-zero minutes at an hour the site
 * normally carries traffic raise a site_silence finding that starts at the first silent minute.
 */
import type { Severity } from '../../core/finding.js';
import { MINUTE_MS } from '../../core/time.js';
import type { Band } from '../../engine/flows/baseline.js';
import { emitFinding, type FlowDetectorContext } from '../../engine/flows/context.js';
import { FLOW_SILENCE_THRESHOLDS, SITE_SILENCE_DETECTOR, type FlowSilenceThresholds } from './thresholds.js';

export class FlowSilenceDetector {
  private readonly run = new Map<number, { minutes: number; firstMinute: number; expectedFlows: number }>();

  constructor(private readonly ctx: FlowDetectorContext, readonly thresholds: FlowSilenceThresholds = FLOW_SILENCE_THRESHOLDS) {}

  closeMinute(siteId: number, operatorId: number, minute: number, bytes: number, flows: number, bytesBand: Band, flowsBand: Band): boolean {
    const t = this.thresholds;
    const judged = bytesBand.source !== 'none' && flowsBand.source !== 'none' && flowsBand.mean >= t.minExpectedFlowsPerMinute;
    const silent = judged && bytes <= t.ratio * bytesBand.mean && flows <= t.ratio * flowsBand.mean;
    if (!silent) {
      this.run.delete(siteId);
      return false;
    }
    let run = this.run.get(siteId);
    if (run === undefined) {
      run = { minutes: 0, firstMinute: minute, expectedFlows: 0 };
      this.run.set(siteId, run);
    }
    run.minutes++;
    run.expectedFlows += flowsBand.mean;
    if (run.minutes < t.minutes || run.expectedFlows < t.minExpectedFlowsInRun) return true;
    const subject = { kind: 'site' as const, value: this.ctx.dictionaries().site.value(siteId) };
    const endMs = (minute + 1) * MINUTE_MS - 1;
    const episode = this.ctx.episodes.touch('site_silence', subject, run.firstMinute * MINUTE_MS, endMs);
    const severity: Severity = run.minutes >= t.criticalMinutes ? 'critical' : run.minutes >= t.highMinutes ? 'high' : 'medium';
    // update on raise and when severity steps up, not every silent minute
    if (episode.finding !== null && episode.finding.severity === severity) return true;
    emitFinding(this.ctx, episode, {
      type: 'site_silence', severity, score: Math.min(0.99, 0.6 + run.minutes / 150), subject, siteId, operatorId,
      detectedMs: endMs, detector: SITE_SILENCE_DETECTOR,
      evidence: {
        silent_minutes: run.minutes, expected_flows_missed: Math.round(run.expectedFlows), bytes_last_min: Math.round(bytes), flows_last_min: flows,
        expected_bytes_per_min: Math.round(bytesBand.mean), expected_flows_per_min: Math.round(flowsBand.mean * 10) / 10,
        baseline: bytesBand.source, source: 'flows',
      },
    });
    return true;
  }
}
