/**
 * Where the engine's results go in a long-running process: findings (raised and updated)
 * and daily features to DuckDB, too-late records to DuckDB storage, counters to Prometheus,
 * readable finding lines to the console. Writes are batched and serialised through one
 * promise chain, so the synchronous engine never waits on I/O and DuckDB sees one writer.
 */
import { DIRECTION_NAMES, EVENT_KIND_NAMES, Direction, type CdrBatch } from '../core/cdr.js';
import type { Finding } from '../core/finding.js';
import type { TelsentryMetrics } from '../metrics/index.js';
import type { Store } from '../store/index.js';
import type { LateRecordColumns } from '../store/index.js';
import type { Engine } from './engine.js';
import type { FindingChange } from './finding-ledger.js';
import { writeProfileDays, type ProfileRecorder } from './profile-recorder.js';

export interface EngineOutputsOptions {
  engine: Engine;
  store?: Store;
  metrics?: TelsentryMetrics;
  /** Daily contacts/cells/devices for profiles; written when the engine closes a day. */
  profiles?: ProfileRecorder;
  /** Called for each raised/updated finding (e.g. print, Kafka). */
  onFinding?: (finding: Finding, change: FindingChange) => void;
  log?: (line: string) => void;
}

export class EngineOutputs {
  private pendingFindings = new Map<string, Finding>();
  private late: { recordId: string[]; operator: string[]; startMs: number[]; imsi: string[]; event: string[]; direction: string[]; caller: string[]; callee: string[]; lateBy: number[] } = EngineOutputs.emptyLate();
  private chain: Promise<void> = Promise.resolve();
  private readonly options: EngineOutputsOptions;
  writeErrors = 0;

  constructor(options: EngineOutputsOptions) {
    this.options = options;
    const { engine } = options;
    engine.onFinding((finding, change) => this.acceptFinding(finding, change));
    engine.onDailyFeatures((day, columns) => {
      if (options.store === undefined) return;
      this.enqueue(async () => {
        await options.store!.appendDailyFeatures(columns);
        options.log?.(`daily features ${day}: ${columns.length} subscribers written`);
      });
      // Taken now, in step with the engine, so the rows do not depend on when the write runs.
      if (options.profiles !== undefined) {
        const days = options.profiles.takeThrough(day);
        this.enqueue(() => writeProfileDays(options.store!, days));
      }
    });
    engine.onTooLate((batch, row, lateByMs) => this.keepLate(batch, row, lateByMs));
  }

  /** A finding from any engine (CDR or flow): stored, counted, handed to onFinding. */
  acceptFinding(finding: Finding, change: FindingChange): void {
    this.pendingFindings.set(finding.id, finding);
    const { metrics } = this.options;
    if (metrics !== undefined) {
      if (change === 'raised') metrics.recordFindingRaised(finding);
      else metrics.recordFindingUpdated(finding);
    }
    this.options.onFinding?.(finding, change);
  }

  private static emptyLate() {
    return { recordId: [], operator: [], startMs: [], imsi: [], event: [], direction: [], caller: [], callee: [], lateBy: [] } as EngineOutputs['late'];
  }

  private keepLate(batch: CdrBatch, row: number, lateByMs: number): void {
    const d = this.options.engine.dictionaries;
    const mo = batch.direction[row] === Direction.mo;
    const served = d.msisdn.value(batch.servedMsisdnId[row]!);
    const peer = d.msisdn.value(batch.peerMsisdnId[row]!);
    this.late.recordId.push(batch.recordId[row]!);
    this.late.operator.push(d.operator.value(batch.operatorId[row]!));
    this.late.startMs.push(batch.startMs[row]!);
    this.late.imsi.push(d.imsi.value(batch.imsiId[row]!));
    this.late.event.push(EVENT_KIND_NAMES[batch.event[row]!]!);
    this.late.direction.push(DIRECTION_NAMES[batch.direction[row]!]!);
    this.late.caller.push(mo ? served : peer);
    this.late.callee.push(mo ? peer : served);
    this.late.lateBy.push(lateByMs);
  }

  private enqueue(write: () => Promise<void>): void {
    this.chain = this.chain.then(write).catch((error: unknown) => {
      this.writeErrors++;
      this.options.log?.(`store write failed: ${(error as Error).message}`);
    });
  }

  /** Queues everything buffered for writing; call periodically and before exit. */
  flush(): Promise<void> {
    const { store, engine, metrics } = this.options;
    if (metrics !== undefined) {
      metrics.setWindowState(engine.windows.byteLength, engine.windows.active);
      metrics.setDictionaries(engine.dictionaries);
    }
    if (store === undefined) {
      this.pendingFindings.clear();
      this.late = EngineOutputs.emptyLate();
      return this.chain;
    }
    if (this.pendingFindings.size > 0) {
      const findings = [...this.pendingFindings.values()];
      this.pendingFindings = new Map();
      this.enqueue(() => store.upsertFindings(findings));
    }
    if (this.late.recordId.length > 0) {
      const l = this.late;
      this.late = EngineOutputs.emptyLate();
      const columns: LateRecordColumns = {
        length: l.recordId.length, recordId: l.recordId, operator: l.operator, startMs: Float64Array.from(l.startMs), imsi: l.imsi,
        event: l.event, direction: l.direction, caller: l.caller, callee: l.callee, receivedLateByMs: Float64Array.from(l.lateBy),
      };
      this.enqueue(() => store.appendLateRecords(columns));
    }
    return this.chain;
  }
}

/** One readable console line per raised finding. */
export function formatFindingLine(finding: Finding, change: FindingChange): string {
  const reasons = finding.evidence.reasons;
  const why = Array.isArray(reasons) ? (reasons as string[]).slice(0, 3).join('; ') : String(finding.evidence.explanation ?? '');
  return `${finding.detected_at.slice(0, 19)}Z ${change === 'raised' ? 'RAISED ' : 'UPDATED'} ${finding.severity.toUpperCase().padEnd(8)} ${finding.type.padEnd(13)} `
    + `${finding.subject.kind}=${finding.subject.value} op=${finding.operator}${finding.province !== '' ? ` ${finding.province}` : ''} score=${finding.score.toFixed(2)}`
    + (why !== '' ? ` — ${why}` : '');
}
