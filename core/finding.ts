/** Contract 3: every finding, wherever it goes, has these fields. */

export const FINDING_TYPES = [
  'simbox', 'tcg_bypass', 'mass_calling', 'sms_spam', 'wangiri', 'irsf', 'junk_sim',
  'site_silence', 'traffic_spike', 'ddos', 'scan', 'watchlist',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SUBJECT_KINDS = ['msisdn', 'imsi', 'imei', 'cell', 'site', 'ip', 'number_range', 'dealer', 'id_hash'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface Subject {
  kind: SubjectKind;
  value: string;
}

export type EvidenceValue = string | number | boolean | string[] | number[];

export interface Finding {
  id: string;
  type: FindingType;
  severity: Severity;
  score: number;
  subject: Subject;
  related: Subject[];
  operator: string;
  province: string;
  district: string;
  /** ISO-8601 */
  first_event_at: string;
  /** ISO-8601, event time when raised or last updated */
  detected_at: string;
  evidence: Record<string, EvidenceValue> & { sample_record_ids?: string[] };
  /** `name@version` */
  detector: string;
}
