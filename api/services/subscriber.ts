/** SubscriberService: the profile of one number, IMSI or IMEI. Every lookup is audited before it is answered. */
import type * as grpc from '@grpc/grpc-js';
import { readProfile, type LookupKind } from '../../store/index.js';
import type { GetProfileRequest__Output } from '../../proto/gen/telsentry/v1/GetProfileRequest.js';
import type { GetProfileResponse } from '../../proto/gen/telsentry/v1/GetProfileResponse.js';
import { unary, type ApiDeps } from '../context.js';
import { findingMessage, subjectKindEnum, timestampFromMs } from '../convert.js';
import { requireCaseReference } from '../policy.js';
import { invalid } from '../status.js';

export const DEFAULT_HISTORY_DAYS = 30;
export const MAX_HISTORY_DAYS = 366;
export const DEFAULT_TOP_CONTACTS = 20;
export const MAX_TOP_CONTACTS = 100;

/** Shapes from Contract 1: E.164 digits without "+", IMSI 14–15 digits, IMEI 14–16 digits. */
const VALUE_SHAPE: Record<LookupKind, { pattern: RegExp; text: string }> = {
  msisdn: { pattern: /^[1-9]\d{5,14}$/, text: 'E.164 digits without "+" (6–15 digits)' },
  imsi: { pattern: /^\d{14,15}$/, text: '14–15 digits' },
  imei: { pattern: /^\d{14,16}$/, text: '14–16 digits' },
};

function boundedInt(value: number, field: string, defaultValue: number, max: number): number {
  if (value === 0) return defaultValue;
  if (!Number.isInteger(value) || value < 1 || value > max) throw invalid(`${field} must be in [1, ${max}] or 0 for the default ${defaultValue} (got ${value})`);
  return value;
}

const num = (value: unknown): number => Number(value ?? 0);
const int = (value: unknown): string => String(value ?? 0);

export function subscriberHandlers(deps: ApiDeps): grpc.UntypedServiceImplementation {
  return {
    GetProfile: unary<GetProfileRequest__Output, GetProfileResponse>(deps, 'SubscriberService.GetProfile', async (request, context) => {
      const kind = subjectKindEnum.fromProto(request.subject?.kind, 'subject.kind');
      if (kind !== 'msisdn' && kind !== 'imsi' && kind !== 'imei') {
        throw invalid(`subject.kind must be SUBJECT_KIND_MSISDN, SUBJECT_KIND_IMSI or SUBJECT_KIND_IMEI (got ${JSON.stringify(request.subject?.kind ?? '')})`);
      }
      const value = (request.subject?.value ?? '').trim();
      if (!VALUE_SHAPE[kind].pattern.test(value)) throw invalid(`subject.value for ${kind} must be ${VALUE_SHAPE[kind].text} (got ${JSON.stringify(value)})`);
      const historyDays = boundedInt(request.history_days, 'history_days', DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS);
      const topContacts = boundedInt(request.top_contacts, 'top_contacts', DEFAULT_TOP_CONTACTS, MAX_TOP_CONTACTS);
      requireCaseReference(context.principal, request.case_reference, 'a profile lookup');
      // Audited before any data leaves: the response waits for the audit commit and a failed audit
      // write fails the lookup. The reads run meanwhile, so a lookup costs max(audit, reads), not the sum.
      const [, stored, windows] = await Promise.all([
        deps.audit.append({
          principal: context.principal.name, role: context.principal.role, action: context.method,
          subjectKind: kind, subjectValue: value, caseReference: request.case_reference, detail: { history_days: historyDays, top_contacts: topContacts },
        }),
        readProfile(deps.store, { kind, value, historyDays, topContacts }, { deadlineMs: context.deadlineMs }),
        deps.profiles === undefined ? Promise.resolve([]) : Promise.resolve(deps.profiles.getWindowFeatures(kind, value)),
      ]);
      return {
        subject: { kind: request.subject?.kind as never, value },
        imsis: [...new Set(stored.identities.map((id) => id.imsi))],
        msisdns: [...new Set(stored.identities.map((id) => id.msisdn))],
        operators: [...new Set(stored.identities.map((id) => id.operator))],
        windows: windows.map((set) => ({ window: set.window, features: set.features })),
        history: stored.history.map((row) => ({
          day: String(row.day), imsi: String(row.imsi), msisdn: String(row.msisdn), operator: String(row.operator),
          mo_voice: int(row.mo_voice), mt_voice: int(row.mt_voice), mo_voice_answered: int(row.mo_voice_answered),
          mo_duration_s: num(row.mo_duration_s), mo_sms: int(row.mo_sms), mt_sms: int(row.mt_sms),
          data_sessions: int(row.data_sessions), data_bytes: num(row.data_bytes), night_mo_voice: int(row.night_mo_voice),
          intl_mo_voice: int(row.intl_mo_voice), distinct_callees: int(row.distinct_callees), distinct_cells: int(row.distinct_cells),
          distinct_imeis: int(row.distinct_imeis), callees_no_callback: int(row.callees_no_callback),
        })),
        top_contacts: stored.contacts.map((row) => ({
          number: String(row.number), calls_out: int(row.calls_out), calls_in: int(row.calls_in), sms_out: int(row.sms_out),
          sms_in: int(row.sms_in), duration_s: num(row.duration_s), days: int(row.days),
        })),
        cells: stored.cells.map((row) => ({
          cell_id: String(row.cell_id), site_id: String(row.site_id), province: String(row.province), district: String(row.district),
          events: int(row.events), first_day: String(row.first_day), last_day: String(row.last_day),
        })),
        devices: stored.devices.map((row) => ({
          imei: String(row.imei), imsi: String(row.imsi), events: int(row.events), first_day: String(row.first_day), last_day: String(row.last_day),
        })),
        findings: stored.findings.map(findingMessage),
        generated_at: timestampFromMs(Date.now()),
      };
    }),
  };
}
