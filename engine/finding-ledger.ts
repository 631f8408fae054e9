/**
 * The latest version of every finding, keyed by a stable id: the same type, subject and
 * episode always hash to the same id, so a replay of the same input yields the same ids and
 * downstream consumers (Kafka, DuckDB, gRPC) can upsert. Listeners hear of a finding when it
 * is raised and when it changes materially (severity, score by ≥ 0.05, new related subjects),
 * not on every pane that re-confirms it.
 */
import { createHash } from 'node:crypto';
import type { Finding, Subject } from '../core/finding.js';
import { isoOf } from '../core/time.js';

export type FindingDraft = Omit<Finding, 'id' | 'detected_at' | 'detector' | 'province' | 'district' | 'first_event_at'> & {
  /** What makes this episode distinct from an earlier one of the same subject (e.g. its start minute). */
  episodeKey: string;
  firstEventMs: number;
  province?: string;
  district?: string;
};

export type FindingChange = 'raised' | 'updated';
export type FindingListener = (finding: Finding, change: FindingChange) => void;

const SCORE_STEP = 0.05;

export function findingId(type: string, subject: Subject, episodeKey: string): string {
  const digest = createHash('sha256').update(`${type}\u0000${subject.kind}\u0000${subject.value}\u0000${episodeKey}`).digest('hex');
  return `${type}-${digest.slice(0, 20)}`;
}

export class FindingLedger {
  private readonly byId = new Map<string, Finding>();
  private readonly lastEmitted = new Map<string, { severity: string; score: number; related: number }>();
  private readonly listeners: FindingListener[] = [];

  onChange(listener: FindingListener): void {
    this.listeners.push(listener);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Finding | undefined {
    return this.byId.get(id);
  }

  has(type: string, subject: Subject, episodeKey: string): boolean {
    return this.byId.has(findingId(type, subject, episodeKey));
  }

  upsert(draft: FindingDraft, detector: string, eventTimeMs: number): Finding {
    const id = findingId(draft.type, draft.subject, draft.episodeKey);
    const previous = this.byId.get(id);
    const finding: Finding = {
      id,
      type: draft.type,
      severity: draft.severity,
      score: Math.round(draft.score * 1000) / 1000,
      subject: draft.subject,
      related: draft.related,
      operator: draft.operator,
      province: draft.province ?? previous?.province ?? '',
      district: draft.district ?? previous?.district ?? '',
      first_event_at: previous?.first_event_at ?? isoOf(draft.firstEventMs),
      detected_at: previous?.detected_at ?? isoOf(eventTimeMs),
      evidence: draft.evidence,
      detector,
    };
    this.byId.set(id, finding);
    const emitted = this.lastEmitted.get(id);
    const change: FindingChange | undefined = emitted === undefined ? 'raised'
      : emitted.severity !== finding.severity || Math.abs(emitted.score - finding.score) >= SCORE_STEP
        || finding.related.length > emitted.related ? 'updated' : undefined;
    if (change !== undefined) {
      this.lastEmitted.set(id, { severity: finding.severity, score: finding.score, related: finding.related.length });
      for (const listener of this.listeners) listener(finding, change);
    }
    return finding;
  }

  /** Every finding, latest version, ordered by detection time then id (stable output). */
  all(): Finding[] {
    return [...this.byId.values()].sort((a, b) => (a.detected_at < b.detected_at ? -1 : a.detected_at > b.detected_at ? 1
      : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
