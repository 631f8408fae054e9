/** FindingsService: list (filters, keyset paging), get, live stream, verdicts. */
import type * as grpc from '@grpc/grpc-js';
import { DEFAULT_FINDINGS_LIMIT, MAX_FINDINGS_LIMIT, type FindingFilter } from '../../store/index.js';
import type { GetFindingRequest__Output } from '../../proto/gen/telsentry/v1/GetFindingRequest.js';
import type { GetFindingResponse } from '../../proto/gen/telsentry/v1/GetFindingResponse.js';
import type { ListFindingsRequest__Output } from '../../proto/gen/telsentry/v1/ListFindingsRequest.js';
import type { ListFindingsResponse } from '../../proto/gen/telsentry/v1/ListFindingsResponse.js';
import type { UpdateFindingStatusRequest__Output } from '../../proto/gen/telsentry/v1/UpdateFindingStatusRequest.js';
import type { UpdateFindingStatusResponse } from '../../proto/gen/telsentry/v1/UpdateFindingStatusResponse.js';
import type { WatchFindingsRequest__Output } from '../../proto/gen/telsentry/v1/WatchFindingsRequest.js';
import type { WatchFindingsResponse } from '../../proto/gen/telsentry/v1/WatchFindingsResponse.js';
import { serverStream, unary, type ApiDeps, type CallContext } from '../context.js';
import { findingMessage, findingStatusEnum } from '../convert.js';
import { decodePageToken, encodePageToken, findingMatcher, storeFilterOf } from '../findingFilter.js';
import { checkCaseReferenceFormat, checkOperatorOwns, PERSON_KINDS, requireCaseReference } from '../policy.js';
import { invalid, notFound } from '../status.js';

/** Longest free-text reason kept with a verdict. */
export const MAX_REASON_LENGTH = 1_000;

function checkSubjectLookup(context: CallContext, filter: FindingFilter, caseReference: string): void {
  checkCaseReferenceFormat(caseReference);
  const kind = filter.subject?.kind;
  const isPerson = filter.subject?.value !== undefined && (kind === undefined || PERSON_KINDS.has(kind));
  if (isPerson) requireCaseReference(context.principal, caseReference, 'a findings lookup of a person\'s number');
}

async function auditSubjectLookup(deps: ApiDeps, context: CallContext, filter: FindingFilter, caseReference: string, detail: Record<string, unknown>): Promise<void> {
  if (filter.subject?.value === undefined) return;
  await deps.audit.append({
    principal: context.principal.name, role: context.principal.role, action: context.method,
    subjectKind: filter.subject.kind ?? '', subjectValue: filter.subject.value, caseReference, detail,
  });
}

export function findingsHandlers(deps: ApiDeps): grpc.UntypedServiceImplementation {
  return {
    ListFindings: unary<ListFindingsRequest__Output, ListFindingsResponse>(deps, 'FindingsService.ListFindings', async (request, context) => {
      const pageSize = request.page_size === 0 ? DEFAULT_FINDINGS_LIMIT : request.page_size;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_FINDINGS_LIMIT) {
        throw invalid(`page_size must be in [1, ${MAX_FINDINGS_LIMIT}] or 0 for the default ${DEFAULT_FINDINGS_LIMIT} (got ${request.page_size})`);
      }
      const filter = storeFilterOf(request.filter, context.principal);
      checkSubjectLookup(context, filter, request.case_reference);
      const after = decodePageToken(request.page_token, filter);
      // one extra row tells whether another page exists (at the maximum page size a full page is taken to mean "maybe")
      const rows = await deps.store.listStoredFindings({ ...filter, ...(after ? { after } : {}), limit: Math.min(pageSize + 1, MAX_FINDINGS_LIMIT) }, { deadlineMs: context.deadlineMs });
      const page = rows.slice(0, pageSize);
      const last = page[page.length - 1];
      const more = rows.length > pageSize || (pageSize === MAX_FINDINGS_LIMIT && rows.length === MAX_FINDINGS_LIMIT);
      await auditSubjectLookup(deps, context, filter, request.case_reference, { returned: page.length });
      return {
        findings: page.map(findingMessage),
        next_page_token: more && last !== undefined ? encodePageToken(filter, last.detectedMs, last.finding.id) : '',
      };
    }),

    GetFinding: unary<GetFindingRequest__Output, GetFindingResponse>(deps, 'FindingsService.GetFinding', async (request, context) => {
      if (request.id.trim() === '') throw invalid('id is required');
      checkCaseReferenceFormat(request.case_reference);
      const stored = await deps.store.getStoredFinding(request.id, { deadlineMs: context.deadlineMs });
      if (stored === undefined) throw notFound(`no finding with id ${JSON.stringify(request.id)}`);
      checkOperatorOwns(context.principal, stored.finding.operator, `finding ${request.id}`);
      return { finding: findingMessage(stored) };
    }),

    WatchFindings: serverStream<WatchFindingsRequest__Output, WatchFindingsResponse>(deps, 'FindingsService.WatchFindings', async (call, context) => {
      const filter = storeFilterOf(call.request.filter, context.principal);
      if (filter.subject?.value !== undefined) {
        checkSubjectLookup(context, filter, '');
        await auditSubjectLookup(deps, context, filter, '', { live: true });
      }
      await deps.hub.add(call as never, findingMatcher(filter));
    }),

    UpdateFindingStatus: unary<UpdateFindingStatusRequest__Output, UpdateFindingStatusResponse>(deps, 'FindingsService.UpdateFindingStatus', async (request, context) => {
      if (request.id.trim() === '') throw invalid('id is required');
      const status = findingStatusEnum.fromProto(request.status, 'status');
      if (status === undefined) throw invalid('status is required: FINDING_STATUS_CONFIRMED, FINDING_STATUS_DISMISSED or FINDING_STATUS_OPEN');
      const reason = request.reason.trim();
      if (reason === '') throw invalid('reason is required: say why the finding is confirmed or dismissed');
      if (reason.length > MAX_REASON_LENGTH) throw invalid(`reason may be at most ${MAX_REASON_LENGTH} characters (got ${reason.length})`);
      checkCaseReferenceFormat(request.case_reference);
      const before = await deps.store.getStoredFinding(request.id, { deadlineMs: context.deadlineMs });
      if (before === undefined) throw notFound(`no finding with id ${JSON.stringify(request.id)}`);
      checkOperatorOwns(context.principal, before.finding.operator, `finding ${request.id}`);
      await deps.store.setFindingStatus(request.id, status, context.principal.name, reason);
      await deps.audit.append({
        principal: context.principal.name, role: context.principal.role, action: context.method,
        subjectKind: before.finding.subject.kind, subjectValue: before.finding.subject.value,
        caseReference: request.case_reference, detail: { finding_id: request.id, status, reason },
      });
      const after = await deps.store.getStoredFinding(request.id);
      return { finding: findingMessage(after ?? before) };
    }),
  };
}
