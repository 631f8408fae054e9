/**
 * The streaming engine: records in (columnar batches from any source), event-time panes
 * closed by the watermark, window state updated, detectors run, findings and daily features
 * out. Synchronous and single-threaded by design: sources await I/O, the engine never does.
 */
import type { Table } from 'apache-arrow';
import { allocCdrBatch, Direction, EventKind, TrunkIn, type CdrBatch } from '../core/cdr.js';
import type { TelsentryConfig } from '../core/config.js';
import type { Dictionaries } from '../core/dictionary.js';
import type { Finding } from '../core/finding.js';
import { HOUR_MS, LocalClock, MINUTE_MS, minuteOf } from '../core/time.js';
import type { ClosedPane, Detector, DetectorContext, TestCallEvent } from '../detectors/detector.js';
import { Counter } from './features.js';
import { FindingLedger, type FindingChange, type FindingDraft } from './finding-ledger.js';
import { appendRow, PendingPanes, sortedBatch } from './pane-buffer.js';
import { ReferenceData } from './reference.js';
import { buildDailyFeatures, type DailyFeatureColumns } from './daily-features.js';
import { SubscriberWindows, type Contribution } from './subscriber-windows.js';
import { WatermarkTracker } from './watermark.js';
import { STATE_CLASSES } from './checkpoint-classes.js';
import { checkpointError, StateCodec, type EncodedState } from './checkpoint-codec.js';

export interface EngineOptions {
  config: TelsentryConfig;
  dictionaries: Dictionaries;
  detectors: Detector[];
  reference?: ReferenceData;
  now?: () => number;
}

export interface EngineStats {
  recordsApplied: number;
  lateApplied: number;
  tooLate: number;
  panesClosed: number;
  hoursClosed: number;
  evicted: number;
  watermarkMs: number;
  pendingRecords: number;
}

export type TooLateListener = (batch: CdrBatch, row: number, lateByMs: number) => void;
export type DailyListener = (day: string, columns: DailyFeatureColumns) => void;

const SHORT_CALL_DS = 200; // 20 s: answered calls shorter than a recorded robocall message

export class Engine {
  readonly config: TelsentryConfig;
  readonly dictionaries: Dictionaries;
  readonly windows = new SubscriberWindows();
  readonly reference: ReferenceData;
  readonly ledger = new FindingLedger();
  readonly clock: LocalClock;
  readonly stats: EngineStats = {
    recordsApplied: 0, lateApplied: 0, tooLate: 0, panesClosed: 0, hoursClosed: 0, evicted: 0,
    watermarkMs: Number.NEGATIVE_INFINITY, pendingRecords: 0,
  };
  private readonly detectors: Detector[];
  private readonly watermark: WatermarkTracker;
  private readonly pending = new PendingPanes();
  private late = allocCdrBatch(64);
  private readonly pendingTestCalls: TestCallEvent[] = [];
  /** Last minute whose pane is closed; -1 before any record. */
  private closedThroughMinute = -1;
  private readonly tooLateListeners: TooLateListener[] = [];
  private readonly dailyListeners: DailyListener[] = [];
  private readonly context: DetectorContext;
  private homeCountryFlag = new Uint8Array(1024);
  private readonly nightWraps: boolean;
  /** Further state saved with the engine's (e.g. the profile recorder), by root name. */
  private readonly attachedState = new Map<string, object>();

  constructor(options: EngineOptions) {
    this.config = options.config;
    this.dictionaries = options.dictionaries;
    this.detectors = options.detectors;
    this.reference = options.reference ?? new ReferenceData();
    this.clock = new LocalClock(this.config.timeZone);
    this.watermark = new WatermarkTracker({
      allowedDisorderMs: this.config.allowedDisorderMs,
      sourceIdleTimeoutMs: this.config.sourceIdleTimeoutMs,
      now: options.now,
    });
    this.nightWraps = this.config.nightStartHour > this.config.nightEndHour;
    const ledger = this.ledger;
    const detectorNames = new Map(this.detectors.map((d) => [d, `${d.name}@${d.version}`]));
    let current: Detector | undefined;
    this.context = {
      config: this.config,
      clock: this.clock,
      dictionaries: this.dictionaries,
      windows: this.windows,
      reference: this.reference,
      raise: (draft: FindingDraft, atMs: number) => {
        ledger.upsert(draft, current === undefined ? 'unknown@0' : detectorNames.get(current)!, atMs);
      },
      hasFinding: (type, subject, episodeKey) => ledger.has(type, subject, episodeKey),
    };
    this.runDetectors = (call) => {
      for (const detector of this.detectors) {
        current = detector;
        call(detector, this.context);
      }
      current = undefined;
    };
  }

  private readonly runDetectors: (call: (d: Detector, ctx: DetectorContext) => void) => void;

  onFinding(listener: (finding: Finding, change: FindingChange) => void): void {
    this.ledger.onChange(listener);
  }

  /** Records later than the allowed lateness: counted here, handed to listeners for storage. */
  onTooLate(listener: TooLateListener): void {
    this.tooLateListeners.push(listener);
  }

  /** Daily features, emitted when the watermark passes a local midnight (and at finish). */
  onDailyFeatures(listener: DailyListener): void {
    this.dailyListeners.push(listener);
  }

  get watermarkMs(): number {
    return this.watermark.watermarkMs;
  }

  sourceLagMs(): Map<string, number> {
    return this.watermark.sourceLagMs();
  }

  /** Per source: its newest event time minus the engine watermark (how far it runs ahead of what is closed). */
  sourceWatermarkLagMs(): Map<string, number> {
    const max = this.watermark.maxEventMs;
    const wm = this.watermark.watermarkMs;
    const lags = new Map<string, number>();
    if (!Number.isFinite(wm)) return lags;
    for (const [id, behind] of this.watermark.sourceLagMs()) lags.set(id, Math.max(0, max - behind - wm));
    return lags;
  }

  /**
   * Takes a batch from `sourceId` (a file, a Kafka partition). The engine keeps references to
   * pending rows, so the caller must not modify the batch afterwards.
   */
  ingest(sourceId: string, batch: CdrBatch): void {
    let maxStart = Number.NEGATIVE_INFINITY;
    const lateBoundMs = this.watermark.watermarkMs - this.config.allowedLatenessMs;
    for (let row = 0; row < batch.length; row++) {
      const startMs = batch.startMs[row]!;
      if (startMs > maxStart) maxStart = startMs;
      if (minuteOf(startMs) > this.closedThroughMinute || this.closedThroughMinute < 0) {
        this.pending.add(batch, row);
      } else if (startMs >= lateBoundMs) {
        this.late = appendRow(this.late, batch, row);
      } else {
        this.stats.tooLate++;
        for (const listener of this.tooLateListeners) listener(batch, row, this.watermark.watermarkMs - startMs);
      }
    }
    if (batch.length > 0) this.watermark.observe(sourceId, maxStart);
    this.advance();
  }

  addTestCalls(calls: readonly TestCallEvent[]): void {
    this.pendingTestCalls.push(...calls);
    this.pendingTestCalls.sort((a, b) => a.calledAtMs - b.calledAtMs || (a.testId < b.testId ? -1 : 1));
  }

  /** A source has ended or been revoked; it no longer holds the watermark back. */
  closeSource(sourceId: string): void {
    this.watermark.close(sourceId);
    this.advance();
  }

  /** Re-evaluates the watermark (call periodically so idle sources time out). */
  advance(): void {
    const wm = this.watermark.update();
    this.stats.watermarkMs = wm;
    if (wm === Number.NEGATIVE_INFINITY) return;
    this.closeThrough(Math.floor(wm / MINUTE_MS) - 1);
  }

  /** End of input: closes every pane and the last hour, emits the last (partial) day. */
  finish(): void {
    const last = Math.max(this.pending.lastMinute(), this.closedThroughMinute);
    if (last !== Number.NEGATIVE_INFINITY && last >= 0) {
      const endOfHour = Math.floor(last / 60) * 60 + 59;
      this.closeThrough(endOfHour);
      const lastHourEndMs = (endOfHour + 1) * MINUTE_MS;
      if (!this.isLocalMidnight(lastHourEndMs)) this.emitDaily(lastHourEndMs - HOUR_MS);
    }
    this.runDetectors((d, ctx) => d.finish?.(ctx));
  }

  findings(): Finding[] {
    return this.ledger.all();
  }

  /**
   * Saves state owned next to the engine (e.g. the profile recorder) in every checkpoint under
   * `name`; a process restoring the checkpoint must attach the same names before restore().
   */
  attachCheckpointState(name: string, state: object): void {
    if (name === 'engine' || name.startsWith('detector:') || this.attachedState.has(name)) throw checkpointError(`state name ${name} is taken`);
    this.attachedState.set(name, state);
  }

  /** Windows, panes, pending and late records, ledger, reference data and every detector's state, as Arrow tables. */
  checkpoint(): EncodedState {
    return engineStateCodec().encode(this.stateRoots(), this.injectedDependencies());
  }

  /** Restores a checkpoint into this freshly constructed engine (same detectors, dictionaries already restored). */
  restore(checkpoint: { tables: Record<string, Table>; meta: unknown }): void {
    if (this.stats.recordsApplied > 0 || this.pending.size > 0) throw checkpointError('restore() needs a freshly constructed engine');
    engineStateCodec().restore(this.stateRoots(), this.injectedDependencies(), checkpoint);
  }

  private stateRoots(): Record<string, object> {
    const roots: Record<string, object> = { engine: this };
    for (const detector of this.detectors) {
      const state = detector.checkpointState;
      if (state === undefined) {
        throw checkpointError(`detector ${detector.name} keeps its state in closures the checkpoint cannot reach; expose it as checkpointState`);
      }
      if (roots[`detector:${detector.name}`] !== undefined) throw checkpointError(`two detectors named ${detector.name}`);
      roots[`detector:${detector.name}`] = state;
    }
    for (const [name, state] of this.attachedState) roots[name] = state;
    return roots;
  }

  private injectedDependencies(): Record<string, object> {
    const d = this.dictionaries;
    return {
      config: this.config, clock: this.clock, dictionaries: d,
      'dictionary.operator': d.operator, 'dictionary.imsi': d.imsi, 'dictionary.imei': d.imei, 'dictionary.cell': d.cell, 'dictionary.msisdn': d.msisdn,
    };
  }

  private closeThrough(targetMinute: number): void {
    if (this.closedThroughMinute < 0) {
      const first = Math.min(this.pending.firstMinute(), this.pendingTestCalls.length > 0
        ? minuteOf(this.pendingTestCalls[0]!.calledAtMs) : Number.POSITIVE_INFINITY);
      if (first === Number.POSITIVE_INFINITY || first > targetMinute) return;
      this.closedThroughMinute = first - 1;
    }
    for (let m = this.closedThroughMinute + 1; m <= targetMinute; m++) {
      this.closeMinute(m);
      this.closedThroughMinute = m;
    }
    this.stats.pendingRecords = this.pending.size;
  }

  private closeMinute(minute: number): void {
    this.windows.openMinute(minute);
    const records = this.pending.take(minute);
    // Late records in event-time order too, so arrival order (files vs Kafka partitions) does not decide.
    const late = this.late.length > 0 ? sortedBatch(this.late) : undefined;
    if (late !== undefined) this.late = allocCdrBatch(64);
    const startMs = minute * MINUTE_MS;
    for (const batch of late === undefined ? [records] : [late, records]) {
      if (batch === undefined || batch.length === 0) continue;
      const slots = this.applyBatch(batch);
      const pane: ClosedPane = { minute, startMs, endMs: startMs + MINUTE_MS, records: batch, slots };
      this.runDetectors((d, ctx) => d.onPane?.(pane, ctx));
    }
    if (late !== undefined) this.stats.lateApplied += late.length;
    this.stats.panesClosed++;
    const endMs = startMs + MINUTE_MS;
    if (this.pendingTestCalls.length > 0 && this.pendingTestCalls[0]!.calledAtMs < endMs) {
      let n = 0;
      while (n < this.pendingTestCalls.length && this.pendingTestCalls[n]!.calledAtMs < endMs) n++;
      const due = this.pendingTestCalls.splice(0, n);
      this.runDetectors((d, ctx) => d.onTestCalls?.(due, ctx));
    }
    if (minute % 60 === 59) this.closeHour(Math.floor(minute / 60));
  }

  private closeHour(hour: number): void {
    this.windows.closeHour(hour);
    this.stats.hoursClosed++;
    const hourEndMs = (hour + 1) * HOUR_MS;
    if (this.isLocalMidnight(hourEndMs)) this.emitDaily(hourEndMs - HOUR_MS);
    this.runDetectors((d, ctx) => d.onHourClosed?.(hourEndMs, ctx));
    const cutoffMinute = Math.floor((hourEndMs - this.config.idleKeyEvictMs) / MINUTE_MS);
    this.stats.evicted += this.windows.evictIdle(cutoffMinute);
  }

  private isLocalMidnight(ms: number): boolean {
    return this.clock.localHour(ms) === 0 && this.clock.localHour(ms - 1) === 23;
  }

  private emitDaily(anyMsInDay: number): void {
    if (this.dailyListeners.length === 0) return;
    const day = this.clock.localDate(anyMsInDay);
    const columns = buildDailyFeatures(this.windows, this.dictionaries, day);
    if (columns.length === 0) return;
    for (const listener of this.dailyListeners) listener(day, columns);
  }

  private isHomeNumber(msisdnId: number): boolean {
    if (msisdnId >= this.homeCountryFlag.length) {
      const next = new Uint8Array(Math.max(msisdnId + 1, this.homeCountryFlag.length * 2));
      next.set(this.homeCountryFlag);
      this.homeCountryFlag = next;
    }
    let flag = this.homeCountryFlag[msisdnId]!;
    if (flag === 0) {
      flag = this.dictionaries.msisdn.value(msisdnId).startsWith(this.config.homeCountryCode) ? 1 : 2;
      this.homeCountryFlag[msisdnId] = flag;
    }
    return flag === 1;
  }

  private isNight(ms: number): boolean {
    const hour = this.clock.localHour(ms);
    return this.nightWraps ? hour >= this.config.nightStartHour || hour < this.config.nightEndHour
      : hour >= this.config.nightStartHour && hour < this.config.nightEndHour;
  }

  private readonly contribution: Contribution = {
    slot: 0, minute: 0, counterBits: 0, durationDs: 0, durationSq: 0, dataKib: 0, peerId: 0, outgoing: false, cellId: 0, imeiId: 0,
  };

  /** Applies a sorted batch to the windows; returns each record's subscriber slot. */
  private applyBatch(batch: CdrBatch): Int32Array {
    const windows = this.windows;
    const slots = new Int32Array(batch.length);
    const c = this.contribution;
    for (let i = 0; i < batch.length; i++) {
      const startMs = batch.startMs[i]!;
      const minute = minuteOf(startMs);
      const slot = windows.acquire(batch.imsiId[i]!, batch.servedMsisdnId[i]!, batch.operatorId[i]!, minute);
      slots[i] = slot;
      const event = batch.event[i]!;
      const outgoing = batch.direction[i] === Direction.mo;
      const imeiId = batch.imeiId[i]!;
      const cellId = batch.cellId[i]!;
      let bits = 0;
      let durationDs = 0;
      let durationSq = 0;
      let dataKib = 0;
      let peerId = 0;
      if (event === EventKind.voice) {
        peerId = batch.peerMsisdnId[i]!;
        if (outgoing) {
          bits |= 1 << Counter.moVoice;
          if (batch.answered[i] === 1) {
            bits |= 1 << Counter.moVoiceAnswered;
            durationDs = Math.round(batch.durationS[i]! * 10);
            durationSq = Math.round((batch.durationS[i]! / 10) ** 2);
            if (durationDs < SHORT_CALL_DS) bits |= 1 << Counter.moShortAnswered;
          }
          if (this.isNight(startMs)) bits |= 1 << Counter.nightMoVoice;
          if (peerId !== 0 && !this.isHomeNumber(peerId)) bits |= 1 << Counter.intlMoVoice;
          if (imeiId !== 0 && windows.imsisOnImei(imeiId, '1h') >= 2) bits |= 1 << Counter.moVoiceSharedImei;
        } else {
          bits |= 1 << Counter.mtVoice;
          if (batch.trunkIn[i] === TrunkIn.international) bits |= 1 << Counter.mtIntlTrunk;
          const callerSlot = peerId === 0 ? -1 : windows.slotOfNumber(peerId);
          if (callerSlot >= 0 && callerSlot !== slot && cellId !== 0 && windows.lastCellId[callerSlot] === cellId) {
            bits |= 1 << Counter.mtVoiceColocated;
          }
        }
      } else if (event === EventKind.sms) {
        bits |= 1 << (outgoing ? Counter.moSms : Counter.mtSms);
      } else {
        bits |= 1 << Counter.dataSessions;
        dataKib = Math.round(batch.bytes[i]! / 1024);
      }
      c.slot = slot;
      c.minute = minute;
      c.counterBits = bits;
      c.durationDs = durationDs;
      c.durationSq = durationSq;
      c.dataKib = dataKib;
      c.peerId = peerId;
      c.outgoing = outgoing;
      c.cellId = cellId;
      c.imeiId = imeiId;
      windows.apply(c);
    }
    this.stats.recordsApplied += batch.length;
    return slots;
  }
}

let codec: StateCodec | undefined;

/** Built on first use: the class list refers to Engine, which is defined only once this module has run. */
function engineStateCodec(): StateCodec {
  codec ??= new StateCodec([
    // Wiring made by the constructor from config and options, and listeners: kept from the fresh engine.
    { name: 'Engine', ctor: Engine, skip: ['config', 'detectors', 'tooLateListeners', 'dailyListeners', 'context', 'runDetectors', 'nightWraps', 'attachedState'] },
    ...STATE_CLASSES,
  ]);
  return codec;
}
