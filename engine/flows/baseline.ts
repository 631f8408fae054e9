/**
 * Time-of-week baselines per key (a site, a destination): exponentially weighted mean and
 * variance per hour-of-week slot, falling back to the hour-of-day slot while a week of
 * history is missing, then to a recent level. Seeded from whatever history is replayed.
 */

export interface BaselineOptions {
  /** Observations a slot needs before it is trusted. */
  minObservations: number;
  /** Floor of the EWMA weight; before 1/n reaches it the slot is a plain running mean. */
  minAlpha: number;
  /** Weight of the recent-level fallback. */
  recentAlpha: number;
}

export const BASELINE_DEFAULTS: Readonly<BaselineOptions> = Object.freeze({
  minObservations: 30, // half an hour of 1-minute panes: a mean with a usable standard error
  minAlpha: 1 / 120, // ≈ 2 hours of minutes per slot: hour-of-day slots follow changes over a few days
  recentAlpha: 0.1, // ≈ 10-minute memory for the fallback level
});

const WEEK_SLOTS = 168;
const DAY_SLOTS = 24;
const SLOTS = WEEK_SLOTS + DAY_SLOTS + 1; // + recent level
const RECENT = WEEK_SLOTS + DAY_SLOTS;

export interface Band {
  mean: number;
  std: number;
  /** Which history the band came from; 'none' = not enough yet. */
  source: 'week' | 'day' | 'recent' | 'none';
}

export class SeasonalBaseline {
  private n: Float64Array = new Float64Array(0);
  private mean: Float64Array = new Float64Array(0);
  private variance: Float64Array = new Float64Array(0);
  private keys = 0;

  constructor(private readonly opts: BaselineOptions = BASELINE_DEFAULTS) {}

  /** Adds one observation for `key` at local `hourOfWeek` (0 = Sunday 00h). */
  observe(key: number, hourOfWeek: number, value: number): void {
    this.ensure(key);
    const base = key * SLOTS;
    this.update(base + hourOfWeek, value, this.opts.minAlpha);
    this.update(base + WEEK_SLOTS + (hourOfWeek % 24), value, this.opts.minAlpha);
    this.update(base + RECENT, value, this.opts.recentAlpha);
  }

  band(key: number, hourOfWeek: number, out: Band): Band {
    out.mean = 0;
    out.std = 0;
    out.source = 'none';
    if (key >= this.keys) return out;
    const base = key * SLOTS;
    const candidates: [number, Band['source']][] = [[base + hourOfWeek, 'week'], [base + WEEK_SLOTS + (hourOfWeek % 24), 'day'], [base + RECENT, 'recent']];
    for (const [slot, source] of candidates) {
      if (this.n[slot]! >= this.opts.minObservations) {
        out.mean = this.mean[slot]!;
        out.std = Math.sqrt(this.variance[slot]!);
        out.source = source;
        return out;
      }
    }
    return out;
  }

  private update(slot: number, value: number, minAlpha: number): void {
    const n = ++this.n[slot]!;
    const alpha = Math.max(1 / n, minAlpha);
    const delta = value - this.mean[slot]!;
    this.mean[slot]! += alpha * delta;
    // West (1979) incremental weighted variance
    this.variance[slot] = (1 - alpha) * (this.variance[slot]! + alpha * delta * delta);
  }

  private ensure(key: number): void {
    if (key < this.keys) return;
    const keys = Math.max(key + 1, this.keys * 2, 8);
    const grow = (old: Float64Array): Float64Array => {
      const next = new Float64Array(keys * SLOTS);
      next.set(old);
      return next;
    };
    this.n = grow(this.n);
    this.mean = grow(this.mean);
    this.variance = grow(this.variance);
    this.keys = keys;
  }
}
