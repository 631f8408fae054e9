/** FindingFilter messages → store filters and live-stream matchers; opaque page tokens. */
import { createHash } from 'node:crypto';
import { SEVERITIES, type Finding } from '../core/finding.js';
import type { FindingFilter } from '../store/index.js';
import type { FindingFilter__Output } from '../proto/gen/telsentry/v1/FindingFilter.js';
import type { Principal } from './auth.js';
import { findingStatusEnum, findingTypeEnum, msFromTimestamp, severityEnum, subjectKindEnum } from './convert.js';
import { operatorScope } from './policy.js';
import { invalid } from './status.js';

/** Longest list accepted in one repeated filter field: bounds the SQL parameter size. */
export const MAX_FILTER_VALUES = 100;

function defined<T>(values: (T | undefined)[]): T[] {
  return values.filter((value): value is T => value !== undefined);
}

function strings(values: readonly string[] | undefined, field: string): string[] {
  const list = values ?? [];
  if (list.length > MAX_FILTER_VALUES) throw invalid(`${field} may hold at most ${MAX_FILTER_VALUES} values (got ${list.length})`);
  return list.map((value) => value.trim()).filter((value) => value !== '');
}

/** Validates the message and applies the caller's operator scope. Page fields are added by the caller. */
export function storeFilterOf(message: FindingFilter__Output | null | undefined, principal: Principal): FindingFilter {
  const filter: FindingFilter = {};
  if (message === null || message === undefined) {
    const operators = operatorScope(principal, []);
    return operators.length > 0 ? { operators } : filter;
  }
  if ((message.types ?? []).length > MAX_FILTER_VALUES) throw invalid(`filter.types may hold at most ${MAX_FILTER_VALUES} values`);
  const types = defined((message.types ?? []).map((t, i) => findingTypeEnum.fromProto(t, `filter.types[${i}]`)));
  const severities = defined((message.severities ?? []).map((s, i) => severityEnum.fromProto(s, `filter.severities[${i}]`)));
  const statuses = defined((message.statuses ?? []).map((s, i) => findingStatusEnum.fromProto(s, `filter.statuses[${i}]`)));
  const minSeverity = severityEnum.fromProto(message.min_severity, 'filter.min_severity');
  const operators = operatorScope(principal, strings(message.operators, 'filter.operators'));
  const provinces = strings(message.provinces, 'filter.provinces');
  const from = msFromTimestamp(message.detected_after, 'filter.detected_after');
  const to = msFromTimestamp(message.detected_before, 'filter.detected_before');
  if (from !== undefined && to !== undefined && from >= to) {
    throw invalid(`filter.detected_after (${new Date(from).toISOString()}) must be before filter.detected_before (${new Date(to).toISOString()})`);
  }
  if (types.length > 0) filter.types = types;
  if (severities.length > 0) filter.severities = severities;
  if (statuses.length > 0) filter.statuses = statuses;
  if (minSeverity !== undefined) filter.minSeverity = minSeverity;
  if (operators.length > 0) filter.operators = operators;
  if (provinces.length > 0) filter.provinces = provinces;
  if (from !== undefined) filter.detectedFromMs = from;
  if (to !== undefined) filter.detectedToMs = to;
  const kind = subjectKindEnum.fromProto(message.subject?.kind, 'filter.subject.kind');
  const value = (message.subject?.value ?? '').trim();
  if (kind !== undefined || value !== '') filter.subject = { ...(kind ? { kind } : {}), ...(value ? { value } : {}) };
  return filter;
}

/** The same filter, evaluated on a finding in memory (live stream). New findings are open. */
export function findingMatcher(filter: FindingFilter): (finding: Finding) => boolean {
  const minRank = filter.minSeverity === undefined ? -1 : SEVERITIES.indexOf(filter.minSeverity);
  return (finding) =>
    (filter.types === undefined || filter.types.includes(finding.type)) &&
    (filter.severities === undefined || filter.severities.includes(finding.severity)) &&
    SEVERITIES.indexOf(finding.severity) >= minRank &&
    (filter.operators === undefined || filter.operators.includes(finding.operator)) &&
    (filter.provinces === undefined || filter.provinces.includes(finding.province)) &&
    (filter.statuses === undefined || filter.statuses.includes('open')) &&
    (filter.subject?.kind === undefined || finding.subject.kind === filter.subject.kind) &&
    (filter.subject?.value === undefined || finding.subject.value === filter.subject.value) &&
    (filter.detectedFromMs === undefined || Date.parse(finding.detected_at) >= filter.detectedFromMs) &&
    (filter.detectedToMs === undefined || Date.parse(finding.detected_at) < filter.detectedToMs);
}

function filterFingerprint(filter: FindingFilter): string {
  return createHash('sha256').update(JSON.stringify(filter)).digest('base64url').slice(0, 12);
}

/** Opaque: base64url of the keyset cursor plus a fingerprint of the filter it belongs to. */
export function encodePageToken(filter: FindingFilter, detectedMs: number, id: string): string {
  return Buffer.from(JSON.stringify({ f: filterFingerprint(filter), d: detectedMs, i: id })).toString('base64url');
}

export function decodePageToken(token: string, filter: FindingFilter): { detectedMs: number; id: string } | undefined {
  if (token === '') return undefined;
  let parsed: { f?: unknown; d?: unknown; i?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw invalid('page_token is not a token this server issued');
  }
  if (typeof parsed?.d !== 'number' || typeof parsed.i !== 'string' || typeof parsed.f !== 'string') throw invalid('page_token is not a token this server issued');
  if (parsed.f !== filterFingerprint(filter)) throw invalid('page_token belongs to a different filter: repeat the request with the same filter');
  return { detectedMs: parsed.d, id: parsed.i };
}
