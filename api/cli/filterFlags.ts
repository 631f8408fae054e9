/** Finding filter flags shared by `telsentry findings` and `telsentry watch`. */
import { FINDING_TYPES, SEVERITIES, SUBJECT_KINDS } from '../../core/finding.js';
import { UsageError } from './common.js';

/** Checked here: the client library would silently turn an unknown enum name into UNSPECIFIED (no filter). */
function oneOf(flag: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return value;
}

export const FILTER_HELP = `filters:
  --type T[,T…]          simbox, tcg_bypass, mass_calling, sms_spam, wangiri, irsf, junk_sim, …
  --severity S[,S…]      low, medium, high, critical
  --min-severity S       at least this severity
  --operator MCC-MNC[,…] operators (an operator token sees only its own)
  --province P[,P…]      provinces
  --subject KIND:VALUE   findings about one subject, e.g. msisdn:84912345678 (needs --case for investigators)
  --since ISO --until ISO  detected in [since, until)
`;

export const FILTER_OPTIONS = {
  type: { type: 'string' }, severity: { type: 'string' }, 'min-severity': { type: 'string' }, operator: { type: 'string' },
  province: { type: 'string' }, subject: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' },
} as const;

const split = (text: string | undefined): string[] => (text === undefined ? [] : text.split(',').map((s) => s.trim()).filter((s) => s !== ''));

function timestampOf(flag: string, text: string | undefined): { seconds: string; nanos: number } | null {
  if (text === undefined) return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new UsageError(`--${flag} must be an ISO-8601 time (got ${JSON.stringify(text)})`);
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}

/** The FindingFilter message for the flags; enum names are checked by the server. */
export function filterMessage(values: Record<string, unknown>): Record<string, unknown> {
  const subjectText = values.subject as string | undefined;
  let subject: { kind: string; value: string } | null = null;
  if (subjectText !== undefined) {
    const at = subjectText.indexOf(':');
    if (at <= 0) throw new UsageError(`--subject must be KIND:VALUE, e.g. msisdn:84912345678 (got ${JSON.stringify(subjectText)})`);
    subject = { kind: `SUBJECT_KIND_${oneOf('subject', subjectText.slice(0, at), SUBJECT_KINDS).toUpperCase()}`, value: subjectText.slice(at + 1) };
  }
  const minSeverity = values['min-severity'] as string | undefined;
  return {
    types: split(values.type as string | undefined).map((t) => `FINDING_TYPE_${oneOf('type', t, FINDING_TYPES).toUpperCase()}`),
    severities: split(values.severity as string | undefined).map((s) => `SEVERITY_${oneOf('severity', s, SEVERITIES).toUpperCase()}`),
    min_severity: minSeverity === undefined ? 'SEVERITY_UNSPECIFIED' : `SEVERITY_${oneOf('min-severity', minSeverity, SEVERITIES).toUpperCase()}`,
    operators: split(values.operator as string | undefined),
    provinces: split(values.province as string | undefined),
    subject,
    detected_after: timestampOf('since', values.since as string | undefined),
    detected_before: timestampOf('until', values.until as string | undefined),
  };
}
