/**
 * Event-time watermark over several sources (files, Kafka partitions). Each source's
 * watermark is its highest event time minus the allowed disorder; the engine's watermark
 * is the minimum over sources that are not idle, so one quiet partition does not stall
 * everything and one fast one does not run ahead of the rest.
 */
export interface WatermarkOptions {
  allowedDisorderMs: number;
  /** Processing-time ms after which a silent source stops holding the watermark back. */
  sourceIdleTimeoutMs: number;
  now?: () => number;
}

interface SourceState {
  maxEventMs: number;
  lastActivityMs: number;
  closed: boolean;
}

export class WatermarkTracker {
  private readonly sources = new Map<string, SourceState>();
  private readonly allowedDisorderMs: number;
  private readonly sourceIdleTimeoutMs: number;
  private readonly now: () => number;
  /** Never moves backwards. */
  private currentMs = Number.NEGATIVE_INFINITY;

  constructor(options: WatermarkOptions) {
    this.allowedDisorderMs = options.allowedDisorderMs;
    this.sourceIdleTimeoutMs = options.sourceIdleTimeoutMs;
    this.now = options.now ?? Date.now;
  }

  /** Reports the highest event time in a batch from `sourceId`. */
  observe(sourceId: string, maxEventMs: number): void {
    const nowMs = this.now();
    const state = this.sources.get(sourceId);
    if (state === undefined) {
      this.sources.set(sourceId, { maxEventMs, lastActivityMs: nowMs, closed: false });
      return;
    }
    if (maxEventMs > state.maxEventMs) state.maxEventMs = maxEventMs;
    state.lastActivityMs = nowMs;
    state.closed = false;
  }

  /** A source that has ended (file read to the end, partition revoked) no longer holds the watermark. */
  close(sourceId: string): void {
    const state = this.sources.get(sourceId);
    if (state !== undefined) state.closed = true;
  }

  /** Recomputes and returns the engine watermark (epoch ms); -Infinity until any source has data. */
  update(): number {
    const nowMs = this.now();
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let active = 0;
    for (const state of this.sources.values()) {
      if (state.maxEventMs > max) max = state.maxEventMs;
      if (state.closed || nowMs - state.lastActivityMs > this.sourceIdleTimeoutMs) continue;
      active++;
      if (state.maxEventMs < min) min = state.maxEventMs;
    }
    // With every source idle or closed, the highest event time seen is the best evidence of "now".
    const basis = active > 0 ? min : max;
    if (basis !== Number.NEGATIVE_INFINITY) {
      const candidate = basis - this.allowedDisorderMs;
      if (candidate > this.currentMs) this.currentMs = candidate;
    }
    return this.currentMs;
  }

  get watermarkMs(): number {
    return this.currentMs;
  }

  /** Highest event time seen on any source. */
  get maxEventMs(): number {
    let max = Number.NEGATIVE_INFINITY;
    for (const state of this.sources.values()) if (state.maxEventMs > max) max = state.maxEventMs;
    return max;
  }

  sourceLagMs(): Map<string, number> {
    const lags = new Map<string, number>();
    const max = this.maxEventMs;
    for (const [id, state] of this.sources) lags.set(id, max - state.maxEventMs);
    return lags;
  }
}
