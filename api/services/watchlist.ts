/** WatchlistService: add, remove, list. Changes and listings are audited; every change needs a case reference. */
import type * as grpc from '@grpc/grpc-js';
import type { WatchlistEntry } from '../../store/index.js';
import type { AddWatchlistEntryRequest__Output } from '../../proto/gen/telsentry/v1/AddWatchlistEntryRequest.js';
import type { AddWatchlistEntryResponse } from '../../proto/gen/telsentry/v1/AddWatchlistEntryResponse.js';
import type { ListWatchlistEntriesRequest__Output } from '../../proto/gen/telsentry/v1/ListWatchlistEntriesRequest.js';
import type { ListWatchlistEntriesResponse } from '../../proto/gen/telsentry/v1/ListWatchlistEntriesResponse.js';
import type { RemoveWatchlistEntryRequest__Output } from '../../proto/gen/telsentry/v1/RemoveWatchlistEntryRequest.js';
import type { RemoveWatchlistEntryResponse } from '../../proto/gen/telsentry/v1/RemoveWatchlistEntryResponse.js';
import type { Subject__Output } from '../../proto/gen/telsentry/v1/Subject.js';
import type { WatchlistEntry as WatchlistEntryMessage } from '../../proto/gen/telsentry/v1/WatchlistEntry.js';
import { unary, type ApiDeps, type CallContext } from '../context.js';
import { subjectKindEnum, timestampFromMs } from '../convert.js';
import { checkCaseReferenceFormat } from '../policy.js';
import { denied, invalid } from '../status.js';

export const MAX_WATCH_REASON_LENGTH = 500;
/** Watchable subjects and their shape (Contract 1 digits; number_range as a digit prefix). */
const WATCHABLE: Record<string, RegExp> = {
  msisdn: /^[1-9]\d{5,14}$/,
  imsi: /^\d{14,15}$/,
  imei: /^\d{14,16}$/,
  number_range: /^[1-9]\d{1,14}$/,
};

function watchSubject(subject: Subject__Output | null): { kind: string; value: string } {
  const kind = subjectKindEnum.fromProto(subject?.kind, 'subject.kind');
  const value = (subject?.value ?? '').trim();
  if (kind === undefined || WATCHABLE[kind] === undefined) {
    throw invalid(`subject.kind must be one of ${Object.keys(WATCHABLE).map((k) => subjectKindEnum.toProto(k as never)).join(', ')}`);
  }
  if (!WATCHABLE[kind].test(value)) throw invalid(`subject.value ${JSON.stringify(value)} is not a valid ${kind}`);
  return { kind, value };
}

function requireCase(context: CallContext, caseReference: string): void {
  checkCaseReferenceFormat(caseReference);
  if (caseReference === '') throw denied(`${context.method} requires a case_reference`);
}

function entryMessage(entry: WatchlistEntry): WatchlistEntryMessage {
  return {
    subject: { kind: subjectKindEnum.toProto(entry.kind as never) as never, value: entry.value },
    reason: entry.reason, case_reference: entry.caseReference, added_by: entry.addedBy, added_at: timestampFromMs(entry.addedMs),
  };
}

export function watchlistHandlers(deps: ApiDeps): grpc.UntypedServiceImplementation {
  const audit = (context: CallContext, subject: { kind: string; value: string }, caseReference: string, detail: Record<string, unknown>) =>
    deps.audit.append({ principal: context.principal.name, role: context.principal.role, action: context.method, subjectKind: subject.kind, subjectValue: subject.value, caseReference, detail });
  return {
    AddWatchlistEntry: unary<AddWatchlistEntryRequest__Output, AddWatchlistEntryResponse>(deps, 'WatchlistService.AddWatchlistEntry', async (request, context) => {
      const subject = watchSubject(request.subject);
      requireCase(context, request.case_reference);
      const reason = request.reason.trim();
      if (reason === '') throw invalid('reason is required');
      if (reason.length > MAX_WATCH_REASON_LENGTH) throw invalid(`reason may be at most ${MAX_WATCH_REASON_LENGTH} characters`);
      await audit(context, subject, request.case_reference, { reason });
      const { entry, created } = await deps.watchlist.add({ ...subject, reason, caseReference: request.case_reference, addedBy: context.principal.name });
      return { entry: entryMessage(entry), created };
    }),

    RemoveWatchlistEntry: unary<RemoveWatchlistEntryRequest__Output, RemoveWatchlistEntryResponse>(deps, 'WatchlistService.RemoveWatchlistEntry', async (request, context) => {
      const subject = watchSubject(request.subject);
      requireCase(context, request.case_reference);
      await audit(context, subject, request.case_reference, {});
      return { removed: await deps.watchlist.remove(subject.kind, subject.value) };
    }),

    ListWatchlistEntries: unary<ListWatchlistEntriesRequest__Output, ListWatchlistEntriesResponse>(deps, 'WatchlistService.ListWatchlistEntries', async (request, context) => {
      checkCaseReferenceFormat(request.case_reference);
      const entries = await deps.watchlist.list(request.case_reference);
      await audit(context, { kind: '', value: '' }, request.case_reference, { listed: entries.length });
      return { entries: entries.map(entryMessage) };
    }),
  };
}
