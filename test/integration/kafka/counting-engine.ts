/**
 * A stand-in engine for the crash test of the Kafka runner: it counts every record it is
 * given (by record number, so a record counted twice or never shows up), keeps a count per
 * served IMSI, and raises one finding per IMSI when its count reaches FINDING_AT. Its state
 * goes through checkpoint()/restore() as Arrow tables, like the real engine's.
 */
import { makeVector, Table } from 'apache-arrow';
import type { CdrBatch } from '../../../core/cdr.js';
import type { Dictionaries } from '../../../core/dictionary.js';
import type { Finding } from '../../../core/finding.js';
import type { CheckpointableEngine } from '../../../ingest/kafka/runner.js';

export const FINDING_AT = 3;

export class CountingEngine implements CheckpointableEngine {
  seen: Uint8Array;
  perImsi = new Uint32Array(1024);
  total = 0;
  private readonly listeners: ((finding: Finding) => void)[] = [];

  constructor(private readonly dictionaries: Dictionaries, records: number) {
    this.seen = new Uint8Array(records);
  }

  ingest(_sourceId: string, batch: CdrBatch): void {
    for (let i = 0; i < batch.length; i++) {
      const n = Number(batch.recordId[i]!.slice(1)); // record ids are r<N>
      this.seen[n] = Math.min(255, this.seen[n]! + 1);
      this.total++;
      const imsiId = batch.imsiId[i]!;
      if (imsiId >= this.perImsi.length) {
        const grown = new Uint32Array(Math.max(imsiId + 1, this.perImsi.length * 2));
        grown.set(this.perImsi);
        this.perImsi = grown;
      }
      if (++this.perImsi[imsiId]! === FINDING_AT) this.raise(this.dictionaries.imsi.value(imsiId), batch.startMs[i]!);
    }
  }

  closeSource(): void {}
  advance(): void {}

  checkpoint(): { tables: Record<string, Table>; meta: unknown } {
    return {
      tables: {
        seen: new Table({ count: makeVector(this.seen) }),
        per_imsi: new Table({ count: makeVector(this.perImsi) }),
      },
      meta: { total: this.total },
    };
  }

  restore(checkpoint: { tables: Record<string, Table>; meta: unknown }): void {
    this.seen = Uint8Array.from(checkpoint.tables.seen!.getChild('count')!.toArray() as Uint8Array);
    this.perImsi = Uint32Array.from(checkpoint.tables.per_imsi!.getChild('count')!.toArray() as Uint32Array);
    this.total = (checkpoint.meta as { total: number }).total;
  }

  onFinding(listener: (finding: Finding) => void): void {
    this.listeners.push(listener);
  }

  private raise(imsi: string, atMs: number): void {
    const at = new Date(atMs).toISOString();
    const finding: Finding = {
      id: `count:${imsi}`, type: 'mass_calling', severity: 'low', score: FINDING_AT, subject: { kind: 'imsi', value: imsi }, related: [],
      operator: '452-04', province: '', district: '', first_event_at: at, detected_at: at, evidence: { records: FINDING_AT }, detector: 'counting@1',
    };
    for (const listener of this.listeners) listener(finding);
  }
}
