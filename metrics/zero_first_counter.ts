/**
 * Series that are exposed at 0 for one scrape before they carry their first event.
 * Prometheus's rate() and increase() only see growth between samples, so a counter or
 * histogram series that first appears at 1 hides its first event: the first site silence
 * in a province would never fire TelsentrySiteSilence. Label sets known up front are
 * better zero-initialised at construction; this covers those discovered at run time
 * (operator × province × type of a finding, a gRPC method's first call). The cost is one
 * scrape interval of delay for the first event of each new series.
 */
import { Counter, Histogram } from 'prom-client';
import type { CounterConfiguration, HistogramConfiguration, LabelValues, Registry } from 'prom-client';

/** Tracks which label sets were already scraped; holds the events of the others until they were. */
export class FirstScrapeGate<T extends string> {
  private readonly live = new Set<string>();
  private readonly pending = new Map<string, { announced: boolean; events: (() => void)[] }>();

  constructor(private readonly labelNames: readonly T[]) {}

  /** Runs `event` now if the series was scraped before; else creates it at zero and runs `event` after the next scrape. */
  run(labels: LabelValues<T>, createAtZero: () => void, event: () => void): void {
    const key = this.labelNames.map((name) => String(labels[name])).join('\u0000');
    if (this.live.has(key)) {
      event();
      return;
    }
    const waiting = this.pending.get(key);
    if (waiting !== undefined) {
      waiting.events.push(event);
      return;
    }
    createAtZero();
    this.pending.set(key, { announced: false, events: [event] });
  }

  /** Called at each collection (scrape): releases the events of series already exposed at 0. */
  release(): void {
    for (const [key, waiting] of this.pending) {
      if (!waiting.announced) {
        waiting.announced = true;
        continue;
      }
      for (const event of waiting.events) event();
      this.live.add(key);
      this.pending.delete(key);
    }
  }
}

interface MetricConfig<T extends string> {
  name: string;
  help: string;
  labelNames: readonly T[];
  registers: Registry[];
}

export class ZeroFirstCounter<T extends string> {
  readonly counter: Counter<T>;
  private readonly gate: FirstScrapeGate<T>;

  constructor(config: MetricConfig<T>) {
    const gate = new FirstScrapeGate(config.labelNames);
    this.gate = gate;
    const counterConfig: CounterConfiguration<T> = { ...config, collect: () => gate.release() };
    this.counter = new Counter(counterConfig);
  }

  inc(labels: LabelValues<T>, value = 1): void {
    this.gate.run(labels, () => this.counter.inc(labels, 0), () => this.counter.inc(labels, value));
  }
}

export class ZeroFirstHistogram<T extends string> {
  readonly histogram: Histogram<T>;
  private readonly gate: FirstScrapeGate<T>;

  constructor(config: MetricConfig<T> & { buckets: number[] }) {
    const gate = new FirstScrapeGate(config.labelNames);
    this.gate = gate;
    const histogramConfig: HistogramConfiguration<T> = { ...config, collect: () => gate.release() };
    this.histogram = new Histogram(histogramConfig);
  }

  observe(labels: LabelValues<T>, value: number): void {
    this.gate.run(labels, () => this.histogram.zero(labels), () => this.histogram.observe(labels, value));
  }

  /** Zero-initialises a known label set (it is live from the first scrape on). */
  zero(labels: LabelValues<T>): void {
    this.gate.run(labels, () => this.histogram.zero(labels), () => undefined);
  }
}
