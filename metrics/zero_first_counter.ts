/**
 * A labelled counter whose every new series is exposed at 0 for one scrape before it
 * carries its count. Prometheus's rate() and increase() only see growth between samples,
 * so a series that first appears at 1 hides its first increment: the first site silence
 * in a province would never fire TelsentrySiteSilence. Label sets known up front are
 * better zero-initialised at construction; this covers those discovered at run time
 * (operator × province × type of a finding). The cost is one scrape interval of delay for
 * the first increment of each new series.
 */
import { Counter } from 'prom-client';
import type { CounterConfiguration, LabelValues, Registry } from 'prom-client';

interface Pending<T extends string> {
  labels: LabelValues<T>;
  value: number;
  /** Already exposed at 0 by a collection: the next collection may apply the value. */
  announced: boolean;
}

export class ZeroFirstCounter<T extends string> {
  readonly counter: Counter<T>;
  private readonly labelNames: readonly T[];
  private readonly live = new Set<string>();
  private readonly pending = new Map<string, Pending<T>>();

  constructor(config: { name: string; help: string; labelNames: readonly T[]; registers: Registry[] }) {
    this.labelNames = config.labelNames;
    const release = (): void => this.release();
    const counterConfig: CounterConfiguration<T> = {
      name: config.name, help: config.help, labelNames: config.labelNames, registers: config.registers,
      collect() {
        release();
      },
    };
    this.counter = new Counter(counterConfig);
  }

  inc(labels: LabelValues<T>, value = 1): void {
    const key = this.labelNames.map((name) => String(labels[name])).join('\u0000');
    if (this.live.has(key)) {
      this.counter.inc(labels, value);
      return;
    }
    const waiting = this.pending.get(key);
    if (waiting !== undefined) {
      waiting.value += value;
      return;
    }
    this.counter.inc(labels, 0);
    this.pending.set(key, { labels, value, announced: false });
  }

  /** Runs at each collection (scrape): applies the counts of series already exposed at 0. */
  private release(): void {
    for (const [key, waiting] of this.pending) {
      if (!waiting.announced) {
        waiting.announced = true;
        continue;
      }
      this.counter.inc(waiting.labels, waiting.value);
      this.live.add(key);
      this.pending.delete(key);
    }
  }
}
