/**
 * Which role may call which method, in one table (the authorization tests walk it), and the
 * rules that depend on the request: an operator only sees its own operator's data; an
 * investigator looking up a person's number must give a case reference.
 */
import type { Principal, Role } from './auth.js';
import { denied, invalid } from './status.js';

const ALL: readonly Role[] = ['operator', 'investigator', 'analyst', 'admin'];

export const METHOD_ROLES: Readonly<Record<string, readonly Role[]>> = {
  'FindingsService.ListFindings': ALL,
  'FindingsService.GetFinding': ALL,
  'FindingsService.WatchFindings': ALL,
  'FindingsService.UpdateFindingStatus': ALL,
  // a profile is raw personal data: no operator-wide or aggregate role sees it
  'SubscriberService.GetProfile': ['investigator', 'admin'],
  'QueryService.ListQueries': ALL,
  // each query file also lists its own @roles
  'QueryService.RunQuery': ALL,
  'WatchlistService.AddWatchlistEntry': ['investigator', 'admin'],
  'WatchlistService.RemoveWatchlistEntry': ['investigator', 'admin'],
  'WatchlistService.ListWatchlistEntries': ['investigator', 'admin'],
  'AuditService.VerifyAuditChain': ['admin'],
};

/** Subject kinds that identify a person: looking them up is what the audit trail is for. */
export const PERSON_KINDS: ReadonlySet<string> = new Set(['msisdn', 'imsi', 'imei']);

/** Case references look like "HN-2026-0042": letters, digits and . _ / - (3–64 chars). */
const CASE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{2,63}$/;

export function authorizeMethod(principal: Principal, method: string): void {
  const roles = METHOD_ROLES[method];
  if (roles === undefined || !roles.includes(principal.role)) {
    throw denied(`role ${principal.role} may not call ${method}`);
  }
}

/** Validates a given case reference; for investigators a lookup without one is refused. */
export function requireCaseReference(principal: Principal, caseReference: string, what: string): void {
  if (caseReference !== '' && !CASE_REFERENCE.test(caseReference)) {
    throw invalid(`case_reference must be 3–64 letters, digits or . _ / - (got ${JSON.stringify(caseReference)})`);
  }
  if (principal.role === 'investigator' && caseReference === '') {
    throw denied(`${what} by an investigator requires a case_reference`);
  }
}

export function checkCaseReferenceFormat(caseReference: string): void {
  if (caseReference !== '' && !CASE_REFERENCE.test(caseReference)) {
    throw invalid(`case_reference must be 3–64 letters, digits or . _ / - (got ${JSON.stringify(caseReference)})`);
  }
}

/** For the operator role: the operators it may see (its own); others see all. */
export function operatorScope(principal: Principal, requested: readonly string[]): string[] {
  if (principal.role !== 'operator') return [...requested];
  const foreign = requested.filter((operator) => operator !== principal.operator);
  if (foreign.length > 0) throw denied(`operator ${principal.operator} may not read data of operator ${foreign.join(', ')}`);
  return [principal.operator];
}

export function checkOperatorOwns(principal: Principal, operator: string, what: string): void {
  if (principal.role === 'operator' && operator !== principal.operator) {
    throw denied(`operator ${principal.operator} may not access ${what} of operator ${operator}`);
  }
}
