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
import { Dictionary } from '../core/dictionary.js';
import { DdosDetector } from '../detectors/ddos/detector.js';
import { FlowSilenceDetector } from '../detectors/flow_silence/detector.js';
import { ScanDetector, ScanWindow, SourceFanout } from '../detectors/scan/detector.js';
import { TrafficSpikeDetector } from '../detectors/traffic_spike/detector.js';
import { SeasonalBaseline } from './flows/baseline.js';
import { CountMinSketch } from './flows/countmin.js';
import { EpisodeBook } from './flows/episodes.js';
import { FlowEngine } from './flows/flow-engine.js';
import { HyperLogLog } from './flows/hyperloglog.js';
import { MinutePane } from './flows/pane.js';

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
  // engine/flows and the flow detectors (`telsentry start` on a Kafka flow topic attaches the
  // FlowEngine to the engine checkpoint). Thresholds, the clock, listeners and the closures of
  // the detector context come from the restarted process; everything they act on is state.
  { name: 'FlowEngine', ctor: FlowEngine, skip: ['disorderMs', 'clock', 'listeners', 'ctx'] },
  { name: 'EpisodeBook', ctor: EpisodeBook, skip: ['quietGapMs'] },
  { name: 'SeasonalBaseline', ctor: SeasonalBaseline, skip: ['opts'] },
  { name: 'MinutePane', ctor: MinutePane },
  { name: 'CountMinSketch', ctor: CountMinSketch },
  { name: 'HyperLogLog', ctor: HyperLogLog },
  { name: 'DdosDetector', ctor: DdosDetector, skip: ['ctx', 'thresholds', 'floorPackets', 'floorBytes'] },
  { name: 'ScanDetector', ctor: ScanDetector, skip: ['ctx', 'thresholds'] },
  { name: 'ScanWindow', ctor: ScanWindow },
  { name: 'SourceFanout', ctor: SourceFanout },
  { name: 'TrafficSpikeDetector', ctor: TrafficSpikeDetector, skip: ['ctx', 'thresholds'] },
  { name: 'FlowSilenceDetector', ctor: FlowSilenceDetector, skip: ['ctx', 'thresholds'] },
  // the flow engine's own address/site dictionaries (the CDR dictionaries are checkpointed apart)
  { name: 'Dictionary', ctor: Dictionary },
];

export const STATE_CLASSES: readonly StateClass[] = Object.freeze(classes);
