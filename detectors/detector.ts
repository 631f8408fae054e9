/**
 * What a detector sees and how it speaks. A detector is a small module: its features, its
 * named thresholds (with the source of each default), its evidence, its tests. It is called
 * after each closed 1-minute pane with the records applied in that pane; window features of
 * any subscriber are read from `ctx.windows`.
 */
import type { CdrBatch } from '../core/cdr.js';
import type { TelsentryConfig } from '../core/config.js';
import type { Dictionaries } from '../core/dictionary.js';
import type { LocalClock } from '../core/time.js';
import type { FindingDraft } from '../engine/finding-ledger.js';
import type { ReferenceData } from '../engine/reference.js';
import type { SubscriberWindows } from '../engine/subscriber-windows.js';

export interface ClosedPane {
  minute: number;
  startMs: number;
  endMs: number;
  /** Records applied in this pane (sorted by event time), including late ones applied now. */
  records: CdrBatch;
  /** Window slot of each record's served subscriber. */
  slots: Int32Array;
}

export interface TestCallEvent {
  testId: string;
  calledAtMs: number;
  bNumber: string;
  originalCli: string;
  observedCli: string;
  route: string;
}

export interface DetectorContext {
  readonly config: TelsentryConfig;
  readonly clock: LocalClock;
  readonly dictionaries: Dictionaries;
  readonly windows: SubscriberWindows;
  readonly reference: ReferenceData;
  /** Raises or updates a finding at event time `atMs`. */
  raise(draft: FindingDraft, atMs: number): void;
  /** Whether a finding of this type/subject/episode already exists. */
  hasFinding(type: FindingDraft['type'], subject: FindingDraft['subject'], episodeKey: string): boolean;
}

export interface Detector {
  /** `name@version` goes into every finding's `detector` field. */
  readonly name: string;
  readonly version: number;
  onPane?(pane: ClosedPane, ctx: DetectorContext): void;
  onTestCalls?(calls: readonly TestCallEvent[], ctx: DetectorContext): void;
  /** After the hour ending at `hourEndMs` is closed in the windows. */
  onHourClosed?(hourEndMs: number, ctx: DetectorContext): void;
  /** End of input: windows are closed. */
  finish?(ctx: DetectorContext): void;
  /**
   * Everything the detector remembers between calls, for checkpoints (engine/checkpoint-codec.ts):
   * its Maps, trackers and typed arrays, or accessors for closure variables that are reassigned.
   * Configuration (thresholds, hot lists, the watchlist, maintenance windows) is not state: it
   * comes from the options again on restart. `{}` for a detector that remembers nothing.
   */
  readonly checkpointState?: object;
}
