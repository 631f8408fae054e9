/** What every traffic generator (population, confounder, fraud behaviour) implements. */
import type { RecordSink } from './sink.js';

export interface HourContext {
  /** Start of the simulated hour, epoch ms (UTC); all events drawn for it start in [startMs, endMs). */
  startMs: number;
  endMs: number;
  /** Local hour 0..23 and weekday 0..6 (0 = Sunday) in the configured zone. */
  localHour: number;
  weekday: number;
  /** 0-based simulation day. */
  day: number;
}

export interface Behaviour {
  readonly name: string;
  /** Emits the records of events starting in this hour (callbacks may be scheduled later). */
  hour(ctx: HourContext, sink: RecordSink): void;
}
