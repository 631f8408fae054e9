/**
 * Scan detector: within tumbling 5-minute windows, a count-min sketch of flows per source
 * picks candidates; each candidate gets HyperLogLogs of distinct destination hosts and
 * ports. A source is raised as soon as its fan-out crosses a threshold with enough probes.
 */
import type { Severity } from '../../core/finding.js';
import { addressText, emitFinding, scoreOfRatio, type FlowDetectorContext } from '../../engine/flows/context.js';
import { CountMinSketch } from '../../engine/flows/countmin.js';
import { HyperLogLog } from '../../engine/flows/hyperloglog.js';
import { SCAN_DETECTOR, SCAN_THRESHOLDS, type ScanThresholds } from './thresholds.js';

/** HLL counts are O(1024); re-count a candidate only every this many flows. */
const RECOUNT_EVERY_FLOWS = 8;

export class SourceFanout {
  readonly hosts = new HyperLogLog();
  readonly ports = new HyperLogLog();
  flows = 0;
  probes = 0;
  firstMs = Infinity;
  siteId = 0;
  operatorId = 0;
}

export class ScanWindow {
  readonly flowsBySource = new CountMinSketch(2048, 4);
  readonly candidates = new Map<number, SourceFanout>();
  constructor(readonly index: number) {}
}

export class ScanDetector {
  private readonly windows = new Map<number, ScanWindow>();

  constructor(private readonly ctx: FlowDetectorContext, readonly thresholds: ScanThresholds = SCAN_THRESHOLDS) {}

  onFlow(srcKey: number, dstKey: number, dstPort: number, bytes: number, packets: number, eventMs: number, siteId: number, operatorId: number): void {
    const index = Math.floor(eventMs / this.thresholds.windowMs);
    let window = this.windows.get(index);
    if (window === undefined) {
      window = new ScanWindow(index);
      this.windows.set(index, window);
    }
    const probe = packets > 0 && bytes / packets <= this.thresholds.probeBytesPerPacket ? 1 : 0;
    window.flowsBySource.add(srcKey, 1, probe);
    let fanout = window.candidates.get(srcKey);
    if (fanout === undefined) {
      if (window.flowsBySource.estimateA < this.thresholds.candidateFlows) return;
      fanout = new SourceFanout();
      window.candidates.set(srcKey, fanout);
    }
    fanout.hosts.add(dstKey);
    fanout.ports.add(dstPort);
    fanout.flows++;
    fanout.probes += probe;
    if (eventMs < fanout.firstMs) fanout.firstMs = eventMs;
    fanout.siteId = siteId;
    fanout.operatorId = operatorId;
    if (fanout.flows % RECOUNT_EVERY_FLOWS === 0) this.check(srcKey, fanout, eventMs);
  }

  /** Closes windows that end at or before `watermarkMs` after a last check of their candidates. */
  closeUpTo(watermarkMs: number): void {
    for (const [index, window] of this.windows) {
      const endMs = (index + 1) * this.thresholds.windowMs;
      if (endMs > watermarkMs) continue;
      for (const [srcKey, fanout] of window.candidates) this.check(srcKey, fanout, endMs - 1);
      this.windows.delete(index);
    }
  }

  private check(srcKey: number, fanout: SourceFanout, eventMs: number): void {
    const t = this.thresholds;
    if (fanout.probes < t.minProbeShare * fanout.flows) return;
    const hosts = Math.round(fanout.hosts.count());
    const ports = Math.round(fanout.ports.count());
    const ratio = Math.max(hosts / t.hostFanout, ports / t.portFanout);
    if (ratio < 1) return;
    const subject = { kind: 'ip' as const, value: addressText(this.ctx, srcKey) };
    const episode = this.ctx.episodes.touch('scan', subject, fanout.firstMs, eventMs);
    const fan = Math.max(hosts, ports);
    if (episode.finding !== null && fan < episode.peak * 1.2) return;
    episode.peak = Math.max(episode.peak, fan);
    const severity: Severity = fan >= t.criticalFanout ? 'critical' : fan >= t.highFanout ? 'high' : 'medium';
    emitFinding(this.ctx, episode, {
      type: 'scan', severity, score: scoreOfRatio(ratio), subject, siteId: fanout.siteId, operatorId: fanout.operatorId,
      detectedMs: eventMs, detector: SCAN_DETECTOR,
      evidence: {
        kind: hosts / t.hostFanout >= ports / t.portFanout ? 'horizontal' : 'vertical',
        distinct_hosts: hosts, distinct_ports: ports, flows: fanout.flows,
        probe_share: Math.round((fanout.probes / fanout.flows) * 100) / 100, window_s: t.windowMs / 1000,
      },
    });
  }
}
