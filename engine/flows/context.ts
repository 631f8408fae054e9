/**
 * What a flow detector needs from the engine: episodes, finding emission, and turning
 * dense keys (addresses, sites, operators) back into text for the finding.
 */
import type { EvidenceValue, Finding, FindingType, Severity, Subject } from '../../core/finding.js';
import { isoOf } from '../../core/time.js';
import { formatIPv4 } from '../../ingest/flows/address.js';
import type { FlowDictionaries } from '../../ingest/flows/batch.js';
import type { Episode, EpisodeBook } from './episodes.js';

/** Address keys: IPv4 /32 = the uint32; IPv4 /24 = PREFIX24_BASE + (ip >>> 8); IPv6 = V6_BASE + dictionary id. */
export const PREFIX24_BASE = 4_294_967_296;
export const V6_BASE = 2 * 4_294_967_296;

export interface SitePlace {
  province: string;
  district: string;
}

export interface FlowDetectorContext {
  readonly episodes: EpisodeBook;
  emit(finding: Finding): void;
  dictionaries(): FlowDictionaries;
  place(siteId: number): SitePlace;
  hourOfWeek(ms: number): number;
}

export function addressText(ctx: FlowDetectorContext, key: number): string {
  if (key < PREFIX24_BASE) return formatIPv4(key);
  if (key < V6_BASE) return `${formatIPv4((key - PREFIX24_BASE) * 256)}/24`;
  return ctx.dictionaries().ipv6.value(key - V6_BASE);
}

export interface FindingDraft {
  type: FindingType;
  severity: Severity;
  score: number;
  subject: Subject;
  related?: Subject[];
  siteId: number;
  operatorId: number;
  detectedMs: number;
  evidence: Record<string, EvidenceValue>;
  detector: string;
}

/** Builds the Contract 3 finding for `episode`, stores it on the episode and emits it. */
export function emitFinding(ctx: FlowDetectorContext, episode: Episode, draft: FindingDraft): Finding {
  const dictionaries = ctx.dictionaries();
  const place = ctx.place(draft.siteId);
  const related = draft.related ?? [];
  const site = draft.siteId > 0 ? dictionaries.site.value(draft.siteId) : '';
  if (site !== '' && draft.subject.kind !== 'site') related.push({ kind: 'site', value: site });
  const finding: Finding = {
    id: episode.id,
    type: draft.type,
    severity: draft.severity,
    score: Math.round(draft.score * 1000) / 1000,
    subject: draft.subject,
    related,
    operator: draft.operatorId > 0 ? dictionaries.operator.value(draft.operatorId) : '',
    province: place.province,
    district: place.district,
    first_event_at: isoOf(episode.startMs),
    // raised-at stays fixed across updates (as in the engine's FindingLedger); the update time goes in evidence
    detected_at: episode.finding?.detected_at ?? isoOf(draft.detectedMs),
    evidence: { ...draft.evidence, updated_at: isoOf(draft.detectedMs) },
    detector: draft.detector,
  };
  episode.finding = finding;
  ctx.emit(finding);
  return finding;
}

/** Score in [0.5, 1) for a value `ratio` times its threshold (ratio ≥ 1). */
export function scoreOfRatio(ratio: number): number {
  return 1 - 0.5 / Math.max(1, ratio);
}
