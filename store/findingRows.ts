/** Contract 3 findings ⇄ DuckDB rows. Subject is split into columns (filtered on); related and evidence are JSON. */
import { ErrorCodes, TelsentryError } from '../core/errors.js';
import { FINDING_TYPES, SEVERITIES, SUBJECT_KINDS, type Finding, type Severity, type SubjectKind } from '../core/finding.js';

export const FINDING_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** A finding as stored: Contract 3 plus how many versions were seen and the analysts' verdict. */
export interface StoredFinding {
  finding: Finding;
  version: number;
  status: FindingStatus;
  statusBy: string;
  statusReason: string;
  /** 0 when no status was ever set */
  statusMs: number;
  detectedMs: number;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

function parseIsoMs(finding: Finding, field: 'first_event_at' | 'detected_at'): number {
  const ms = Date.parse(finding[field]);
  if (!Number.isFinite(ms)) {
    throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, `finding ${finding.id}: ${field} must be ISO-8601 (got ${JSON.stringify(finding[field])})`);
  }
  return ms;
}

/** Checks what the store relies on; a bad finding names its id and the field. */
export function validateFinding(finding: Finding): void {
  const fail = (field: string, limit: string, value: unknown): never => {
    throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, `finding ${String(finding.id)}: ${field} must be ${limit} (got ${JSON.stringify(value)})`);
  };
  if (typeof finding.id !== 'string' || finding.id === '') fail('id', 'a non-empty string', finding.id);
  if (!(FINDING_TYPES as readonly string[]).includes(finding.type)) fail('type', `one of ${FINDING_TYPES.join('|')}`, finding.type);
  if (!(SEVERITIES as readonly string[]).includes(finding.severity)) fail('severity', `one of ${SEVERITIES.join('|')}`, finding.severity);
  if (typeof finding.score !== 'number' || !Number.isFinite(finding.score)) fail('score', 'a finite number', finding.score);
  if (!(SUBJECT_KINDS as readonly string[]).includes(finding.subject?.kind)) fail('subject.kind', `one of ${SUBJECT_KINDS.join('|')}`, finding.subject?.kind);
}

/** Column order of `findings_staging` (after `seq`). */
export function findingStagingValues(finding: Finding): { text: string[]; ms: [number, number]; rank: number } {
  validateFinding(finding);
  return {
    text: [
      finding.id, finding.type, finding.severity, finding.subject.kind, finding.subject.value,
      JSON.stringify(finding.related ?? []), finding.operator ?? '', finding.province ?? '', finding.district ?? '',
      finding.first_event_at, finding.detected_at, JSON.stringify(finding.evidence ?? {}), finding.detector ?? '',
    ],
    ms: [parseIsoMs(finding, 'first_event_at'), parseIsoMs(finding, 'detected_at')],
    rank: severityRank(finding.severity),
  };
}

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** A row of `findings_list.sql` / `finding_get.sql` (JS values) back to a StoredFinding. */
export function storedFindingFromRow(row: Record<string, unknown>): StoredFinding {
  const finding: Finding = {
    id: str(row.id),
    type: str(row.type) as Finding['type'],
    severity: str(row.severity) as Severity,
    score: num(row.score),
    subject: { kind: str(row.subject_kind) as SubjectKind, value: str(row.subject_value) },
    related: JSON.parse(str(row.related) || '[]') as Finding['related'],
    operator: str(row.operator),
    province: str(row.province),
    district: str(row.district),
    first_event_at: str(row.first_event_at),
    detected_at: str(row.detected_at),
    evidence: JSON.parse(str(row.evidence) || '{}') as Finding['evidence'],
    detector: str(row.detector),
  };
  return {
    finding,
    version: num(row.version),
    status: str(row.status) as FindingStatus,
    statusBy: str(row.status_by),
    statusReason: str(row.status_reason),
    statusMs: num(row.status_ms),
    detectedMs: num(row.detected_ms),
  };
}
