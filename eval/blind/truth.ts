/** Ground truth of the blind scenarios: fraud subjects by Contract 3 finding type, and labels for everything else. */
import type { FindingType, SubjectKind } from '../../core/finding.js';

export interface TruthSubject {
  type: FindingType;
  kind: SubjectKind;
  value: string;
  /** Which fraud variant produced it (farm-150, stealth-32, …). */
  scenario: string;
  /** Event time (ms) of the subject's first fraudulent record; filled after generation when not known up front. */
  firstEventMs?: number;
}

export interface TruthFile {
  seed: number;
  startLocalDate: string;
  days: number;
  subscribers: number;
  records: number;
  subjects: (Omit<TruthSubject, 'firstEventMs'> & { first_event_at: string })[];
  /** value (msisdn, imsi, imei, cell, site, id_hash, dealer) → group, for every non-population entity. */
  labels: Record<string, string>;
}

export class Truth {
  readonly subjects: TruthSubject[] = [];
  readonly labels = new Map<string, string>();

  add(subject: TruthSubject): void {
    this.subjects.push(subject);
    this.labels.set(subject.value, subject.scenario);
  }

  label(value: string, group: string): void {
    if (!this.labels.has(value)) this.labels.set(value, group);
  }
}
