/**
 * Every class whose instances live in checkpointed engine state, for the state codec
 * (checkpoint-codec.ts). A class missing here makes checkpoint() fail with its path, which
 * the checkpoint tests catch: add one line. Fields are found at run time, so adding or
 * renaming a field needs no change here; only injected dependencies are listed, to skip.
 * (Engine itself is registered in engine.ts, which this module cannot import without a cycle.)
 */
import { EpisodeTracker } from '../detectors/common/episodes.js';
import { HourPair, HourRing } from '../detectors/common/hour-buckets.js';
import { SequenceTracker } from '../detectors/common/sequence.js';
import { IntlStats } from '../detectors/irsf/stats.js';
import { RegistrationIndex } from '../detectors/junk_sim/registry.js';
import { UnitTable } from '../detectors/site_silence/units.js';
import { SenderStats } from '../detectors/sms_spam/sender.js';
import { RingStats } from '../detectors/wangiri/stats.js';
import { RecordDeduplicator } from '../ingest/dedupe.js';
import type { StateClass } from './checkpoint-codec.js';
import { CounterBank } from './counter-bank.js';
import { FindingLedger } from './finding-ledger.js';
import { PairTable } from './pair-table.js';
import { PendingPane, PendingPanes } from './pane-buffer.js';
import { HourLog, MinuteLog } from './pane-log.js';
import { ProfileRecorder } from './profile-recorder.js';
import { ReferenceData } from './reference.js';
import { SubscriberWindows } from './subscriber-windows.js';
import { WatermarkTracker } from './watermark.js';

const classes: StateClass[] = [
  // engine/
  { name: 'SubscriberWindows', ctor: SubscriberWindows },
  { name: 'PairTable', ctor: PairTable },
  { name: 'CounterBank', ctor: CounterBank },
  { name: 'MinuteLog', ctor: MinuteLog },
  { name: 'HourLog', ctor: HourLog },
  { name: 'PendingPanes', ctor: PendingPanes },
  { name: 'PendingPane', ctor: PendingPane },
  // Idle timeout and disorder come from the config of the restarted process; `now` is its clock.
  { name: 'WatermarkTracker', ctor: WatermarkTracker, skip: ['now', 'allowedDisorderMs', 'sourceIdleTimeoutMs'] },
  { name: 'FindingLedger', ctor: FindingLedger, skip: ['listeners'] },
  { name: 'ReferenceData', ctor: ReferenceData },
  { name: 'ProfileRecorder', ctor: ProfileRecorder },
  // ingest/: the Kafka consumer's per-partition dedupe memories, saved with the engine
  { name: 'RecordDeduplicator', ctor: RecordDeduplicator },
  // detectors/
  { name: 'EpisodeTracker', ctor: EpisodeTracker },
  { name: 'SequenceTracker', ctor: SequenceTracker },
  { name: 'HourPair', ctor: HourPair },
  { name: 'HourRing', ctor: HourRing },
  { name: 'IntlStats', ctor: IntlStats },
  { name: 'RingStats', ctor: RingStats },
  { name: 'SenderStats', ctor: SenderStats },
  { name: 'UnitTable', ctor: UnitTable },
  { name: 'RegistrationIndex', ctor: RegistrationIndex },
];

export const STATE_CLASSES: readonly StateClass[] = Object.freeze(classes);
