/**
 * One tumbling 1-minute pane of flow aggregates: per-destination packets/bytes in a
 * count-min sketch (plus the destinations worth re-checking at close), and per-site
 * bytes, flows and bytes toward destinations already raised as ddos.
 */
import { CountMinSketch } from './countmin.js';
import type { DdosCandidate } from '../../detectors/ddos/detector.js';

export class MinutePane {
  minute = 0;
  readonly toDestination = new CountMinSketch();
  readonly ddosCandidates = new Map<number, DdosCandidate>();
  siteBytes = new Float64Array(16);
  siteFlows = new Float64Array(16);
  siteDdosBytes = new Float64Array(16);
  /** Operator of each site as last seen (sites map to one operator). */
  siteOperator = new Uint32Array(16);
  flows = 0;

  reset(minute: number): this {
    this.minute = minute;
    this.toDestination.clear();
    this.ddosCandidates.clear();
    this.siteBytes.fill(0);
    this.siteFlows.fill(0);
    this.siteDdosBytes.fill(0);
    this.flows = 0;
    return this;
  }

  ensureSite(siteId: number): void {
    if (siteId < this.siteBytes.length) return;
    const size = Math.max(siteId + 1, this.siteBytes.length * 2);
    const grow = <T extends Float64Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.siteBytes = grow(this.siteBytes, (n) => new Float64Array(n));
    this.siteFlows = grow(this.siteFlows, (n) => new Float64Array(n));
    this.siteDdosBytes = grow(this.siteDdosBytes, (n) => new Float64Array(n));
    this.siteOperator = grow(this.siteOperator, (n) => new Uint32Array(n));
  }
}
