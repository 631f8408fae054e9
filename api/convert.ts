/** Contract 3 findings and store rows ⇄ telsentry.v1 messages (as proto-loader objects). */
import { FINDING_TYPES, SEVERITIES, SUBJECT_KINDS, type EvidenceValue, type FindingType, type Severity, type SubjectKind } from '../core/finding.js';
import { FINDING_STATUSES, type FindingStatus, type StoredFinding } from '../store/index.js';
import type { Finding as FindingMessage } from '../proto/gen/telsentry/v1/Finding.js';
import type { Struct } from '../proto/gen/google/protobuf/Struct.js';
import type { Timestamp, Timestamp__Output } from '../proto/gen/google/protobuf/Timestamp.js';
import type { Value } from '../proto/gen/google/protobuf/Value.js';
import { invalid } from './status.js';

/** `simbox` ⇄ `FINDING_TYPE_SIMBOX`: the proto enum is the Contract 3 name, upper-cased, with the enum's prefix. */
function enumMapping<T extends string>(prefix: string, names: readonly T[]) {
  const toProto = (name: T): string => `${prefix}_${name.toUpperCase()}`;
  const fromProto = new Map<string, T>(names.map((name) => [toProto(name), name]));
  return {
    toProto,
    /** undefined for *_UNSPECIFIED; INVALID_ARGUMENT for anything unknown */
    fromProto(value: unknown, field: string): T | undefined {
      if (value === `${prefix}_UNSPECIFIED` || value === 0 || value === undefined || value === null || value === '') return undefined;
      const name = fromProto.get(String(value));
      if (name === undefined) throw invalid(`${field} must be one of ${[...fromProto.keys()].join(', ')} (got ${JSON.stringify(value)})`);
      return name;
    },
  };
}

export const findingTypeEnum = enumMapping<FindingType>('FINDING_TYPE', FINDING_TYPES);
export const severityEnum = enumMapping<Severity>('SEVERITY', SEVERITIES);
export const subjectKindEnum = enumMapping<SubjectKind>('SUBJECT_KIND', SUBJECT_KINDS);
export const findingStatusEnum = enumMapping<FindingStatus>('FINDING_STATUS', FINDING_STATUSES);

export function timestampFromMs(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

export function timestampFromIso(iso: string): Timestamp | null {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? timestampFromMs(ms) : null;
}

/** undefined when the timestamp is absent; INVALID_ARGUMENT when out of range. */
export function msFromTimestamp(timestamp: Timestamp__Output | null | undefined, field: string): number | undefined {
  if (timestamp === null || timestamp === undefined) return undefined;
  const seconds = Number(timestamp.seconds);
  const nanos = Number(timestamp.nanos);
  if (!Number.isSafeInteger(seconds) || !Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) {
    throw invalid(`${field} is not a valid Timestamp (seconds ${timestamp.seconds}, nanos ${timestamp.nanos})`);
  }
  // google.protobuf.Timestamp range: 0001-01-01 .. 9999-12-31
  if (seconds < -62_135_596_800 || seconds > 253_402_300_799) throw invalid(`${field} is outside 0001-01-01..9999-12-31`);
  return seconds * 1000 + Math.floor(nanos / 1e6);
}

function valueOf(value: unknown): Value {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(valueOf) } };
  if (typeof value === 'object') return { structValue: structOf(value as Record<string, unknown>) };
  return { stringValue: String(value) };
}

export function structOf(object: Record<string, unknown>): Struct {
  const fields: Record<string, Value> = {};
  for (const [key, value] of Object.entries(object)) fields[key] = valueOf(value);
  return { fields };
}

/** google.protobuf.Struct (as decoded) back to plain JSON: for the CLI's --json and tests. */
export function plainOfStruct(struct: { fields?: Record<string, unknown> } | null | undefined): Record<string, EvidenceValue> {
  const out: Record<string, EvidenceValue> = {};
  for (const [key, value] of Object.entries(struct?.fields ?? {})) out[key] = plainOfValue(value) as EvidenceValue;
  return out;
}

function plainOfValue(value: unknown): unknown {
  const v = value as Record<string, unknown>;
  switch (v?.kind) {
    case 'numberValue': return v.numberValue;
    case 'stringValue': return v.stringValue;
    case 'boolValue': return v.boolValue;
    case 'listValue': return ((v.listValue as { values?: unknown[] })?.values ?? []).map(plainOfValue);
    case 'structValue': return plainOfStruct(v.structValue as { fields?: Record<string, unknown> });
    default: return null;
  }
}

export function findingMessage(stored: StoredFinding): FindingMessage {
  const { finding } = stored;
  return {
    id: finding.id,
    type: findingTypeEnum.toProto(finding.type) as FindingMessage['type'],
    severity: severityEnum.toProto(finding.severity) as FindingMessage['severity'],
    score: finding.score,
    subject: { kind: subjectKindEnum.toProto(finding.subject.kind) as never, value: finding.subject.value },
    related: finding.related.map((subject) => ({ kind: subjectKindEnum.toProto(subject.kind) as never, value: subject.value })),
    operator: finding.operator,
    province: finding.province,
    district: finding.district,
    first_event_at: timestampFromIso(finding.first_event_at),
    detected_at: timestampFromIso(finding.detected_at),
    evidence: structOf(finding.evidence),
    detector: finding.detector,
    version: String(stored.version),
    status: findingStatusEnum.toProto(stored.status) as FindingMessage['status'],
    status_by: stored.statusBy,
    status_reason: stored.statusReason,
    status_at: stored.statusMs > 0 ? timestampFromMs(stored.statusMs) : null,
  };
}
