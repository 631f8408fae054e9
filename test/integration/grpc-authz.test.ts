/**
 * The API driven by the grpc-js client: authorization for every role × method, operator
 * isolation, case references, bad requests, deadlines into DuckDB, and the audit chain.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../api/auth.js';
import { METHOD_ROLES } from '../../api/policy.js';
import { CASE, codeOf, OPERATOR_A, OPERATOR_B, startTestApi, SUSPECT_MSISDN, TOKENS, type RunningApi } from './grpc-fixture.js';

const TOKEN_OF_ROLE: Record<Role, string> = { admin: TOKENS.admin, analyst: TOKENS.analyst, investigator: TOKENS.investigator, operator: TOKENS.operator };

/** A request each method accepts from a role that is allowed to call it. */
const VALID_REQUEST: Record<string, object> = {
  'FindingsService.ListFindings': { page_size: 10 },
  'FindingsService.GetFinding': { id: 'simbox-a-1' },
  'FindingsService.UpdateFindingStatus': { id: 'spam-a-2', status: 'FINDING_STATUS_CONFIRMED', reason: 'test call TC-9 proves it', case_reference: CASE },
  'SubscriberService.GetProfile': { subject: { kind: 'SUBJECT_KIND_MSISDN', value: SUSPECT_MSISDN }, case_reference: CASE },
  'QueryService.ListQueries': {},
  'QueryService.RunQuery': { name: 'findings_by_type_operator', case_reference: CASE },
  'WatchlistService.AddWatchlistEntry': { subject: { kind: 'SUBJECT_KIND_MSISDN', value: '84955555555' }, reason: 'suspected farm SIM', case_reference: CASE },
  'WatchlistService.RemoveWatchlistEntry': { subject: { kind: 'SUBJECT_KIND_MSISDN', value: '84955555555' }, case_reference: CASE },
  'WatchlistService.ListWatchlistEntries': {},
  'AuditService.VerifyAuditChain': {},
};

function openWatch(api: RunningApi, token: string, filter: object = {}): Promise<number | 'open'> {
  const client = api.client(token);
  const stream = client.watch({ filter });
  return new Promise((resolve) => {
    stream.on('metadata', () => {
      resolve('open');
      stream.cancel();
    });
    stream.on('error', (error: grpc.ServiceError) => resolve(error.code));
  });
}

describe('gRPC API authorization and validation (grpc-js client)', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('has a valid request for every method in the policy table', () => {
    expect(Object.keys(VALID_REQUEST).sort()).toEqual(Object.keys(METHOD_ROLES).filter((m) => m !== 'FindingsService.WatchFindings').sort());
  });

  for (const [method, allowed] of Object.entries(METHOD_ROLES)) {
    for (const role of ROLES) {
      const expectAllowed = allowed.includes(role);
      it(`${role} ${expectAllowed ? 'may' : 'may not'} call ${method}`, async () => {
        if (method === 'FindingsService.WatchFindings') {
          expect(await openWatch(api, TOKEN_OF_ROLE[role])).toBe(expectAllowed ? 'open' : grpc.status.PERMISSION_DENIED);
          return;
        }
        const [service, rpc] = method.split('.') as [never, string];
        const code = await codeOf(api.client(TOKEN_OF_ROLE[role]).call(service, rpc, VALID_REQUEST[method]!));
        expect(code).toBe(expectAllowed ? undefined : grpc.status.PERMISSION_DENIED);
      });
    }
  }

  it('refuses calls without or with an unknown token', async () => {
    expect(await codeOf(api.client().call('FindingsService', 'ListFindings', {}))).toBe(grpc.status.UNAUTHENTICATED);
    expect(await codeOf(api.client('not-a-token').call('FindingsService', 'ListFindings', {}))).toBe(grpc.status.UNAUTHENTICATED);
    expect(await openWatch(api, 'not-a-token')).toBe(grpc.status.UNAUTHENTICATED);
  });

  it('shows an operator only its own findings', async () => {
    const operatorA = api.client(TOKENS.operator);
    const list = await operatorA.call<{ findings: { operator: string }[] }>('FindingsService', 'ListFindings', {});
    expect(list.findings.length).toBe(2);
    expect(list.findings.every((f) => f.operator === OPERATOR_A)).toBe(true);
    // asking for another operator's findings, by filter or by id, is refused
    expect(await codeOf(operatorA.call('FindingsService', 'ListFindings', { filter: { operators: [OPERATOR_B] } }))).toBe(grpc.status.PERMISSION_DENIED);
    expect(await codeOf(operatorA.call('FindingsService', 'GetFinding', { id: 'simbox-b-1' }))).toBe(grpc.status.PERMISSION_DENIED);
    expect(await codeOf(operatorA.call('FindingsService', 'UpdateFindingStatus', { id: 'simbox-b-1', status: 'FINDING_STATUS_DISMISSED', reason: 'not ours' }))).toBe(grpc.status.PERMISSION_DENIED);
    // named queries are forced to the caller's operator
    const rows = await operatorA.call<{ rows: { values: { string_value?: string }[] }[] }>('QueryService', 'RunQuery', { name: 'findings_by_type_operator' });
    expect(rows.rows.map((r) => r.values[2]?.string_value)).toEqual([OPERATOR_A, OPERATOR_A]);
    expect(await codeOf(operatorA.call('QueryService', 'RunQuery', { name: 'findings_by_type_operator', parameters: { operator: { string_value: OPERATOR_B } } }))).toBe(grpc.status.PERMISSION_DENIED);
    const analyst = await api.client(TOKENS.analyst).call<{ findings: unknown[] }>('FindingsService', 'ListFindings', {});
    expect(analyst.findings.length).toBe(4);
  });

  it('requires a case reference for an investigator looking up a person', async () => {
    const investigator = api.client(TOKENS.investigator);
    const profile = { subject: { kind: 'SUBJECT_KIND_MSISDN', value: SUSPECT_MSISDN } };
    expect(await codeOf(investigator.call('SubscriberService', 'GetProfile', profile))).toBe(grpc.status.PERMISSION_DENIED);
    expect(await codeOf(investigator.call('FindingsService', 'ListFindings', { filter: { subject: { kind: 'SUBJECT_KIND_MSISDN', value: SUSPECT_MSISDN } } }))).toBe(grpc.status.PERMISSION_DENIED);
    expect(await codeOf(investigator.call('QueryService', 'RunQuery', { name: 'top_subscribers_by_callees', parameters: { day: { string_value: '2026-11-20' } } }))).toBe(grpc.status.PERMISSION_DENIED);
    expect(await codeOf(investigator.call('WatchlistService', 'AddWatchlistEntry', { subject: { kind: 'SUBJECT_KIND_MSISDN', value: '84966666666' }, reason: 'x' }))).toBe(grpc.status.PERMISSION_DENIED);
    // a malformed case reference is a bad request, not a refusal
    expect(await codeOf(investigator.call('SubscriberService', 'GetProfile', { ...profile, case_reference: 'x;drop' }))).toBe(grpc.status.INVALID_ARGUMENT);
    // an analyst sees aggregates but no raw identities
    expect(await codeOf(api.client(TOKENS.analyst).call('QueryService', 'RunQuery', { name: 'top_subscribers_by_callees', parameters: { day: { string_value: '2026-11-20' } } }))).toBe(grpc.status.PERMISSION_DENIED);
  });

  it('returns the profile: windows from the engine, history, contacts, cells with province, devices, findings', async () => {
    const profile = await api.client(TOKENS.investigator).call<Record<string, unknown>>('SubscriberService', 'GetProfile', {
      subject: { kind: 'SUBJECT_KIND_MSISDN', value: SUSPECT_MSISDN }, case_reference: CASE, top_contacts: 1,
    });
    expect(profile.imsis).toEqual(['452040000000042']);
    expect((profile.windows as { window: string }[]).map((w) => w.window)).toEqual(['1h', '24h']);
    expect((profile.history as { day: string; mo_voice: string }[]).map((d) => [d.day, d.mo_voice])).toEqual([['2026-11-19', '700'], ['2026-11-20', '880']]);
    expect(profile.top_contacts).toEqual([expect.objectContaining({ number: '84987654321', calls_out: '9' })]);
    expect(profile.cells).toEqual([expect.objectContaining({ cell_id: '452-04-1001-77', province: 'Ha Noi', site_id: 'HN-0077' })]);
    expect(profile.devices).toEqual([expect.objectContaining({ imei: '356938035643809' })]);
    expect((profile.findings as { id: string }[]).map((f) => f.id)).toContain('simbox-a-1');
  });

  const badRequests: [string, string, object, RegExp][] = [
    ['FindingsService', 'ListFindings', { page_size: 1_000_000 }, /page_size must be in \[1, 1000\]/],
    ['FindingsService', 'ListFindings', { page_size: -3 }, /page_size/],
    ['FindingsService', 'ListFindings', { page_token: 'garbage!' }, /page_token/],
    ['FindingsService', 'ListFindings', { filter: { detected_after: { seconds: 2000 }, detected_before: { seconds: 1000 } } }, /detected_after .* must be before/],
    ['FindingsService', 'ListFindings', { filter: { types: [99] } }, /filter.types\[0\] must be one of/],
    ['FindingsService', 'GetFinding', { id: '' }, /id is required/],
    ['FindingsService', 'UpdateFindingStatus', { id: 'simbox-a-1', status: 'FINDING_STATUS_CONFIRMED', reason: '' }, /reason is required/],
    ['SubscriberService', 'GetProfile', { subject: { kind: 'SUBJECT_KIND_MSISDN', value: '12ab' }, case_reference: CASE }, /subject.value for msisdn/],
    ['SubscriberService', 'GetProfile', { subject: { kind: 'SUBJECT_KIND_CELL', value: 'x' }, case_reference: CASE }, /subject.kind must be/],
    ['SubscriberService', 'GetProfile', { subject: { kind: 'SUBJECT_KIND_MSISDN', value: SUSPECT_MSISDN }, case_reference: CASE, history_days: 5000 }, /history_days must be in/],
    ['QueryService', 'RunQuery', { name: 'drop_everything' }, /unknown query "drop_everything"/],
    ['QueryService', 'RunQuery', { name: 'schema' }, /unknown query "schema"/],
    ['QueryService', 'RunQuery', { name: 'findings_by_type_operator', parameters: { from_ms: { bool_value: true } } }, /parameter from_ms must be timestamp_ms \(got bool_value true\)/],
    ['QueryService', 'RunQuery', { name: 'findings_daily_summary', parameters: { since: { string_value: 'last week' } } }, /parameter since must be date/],
    ['QueryService', 'RunQuery', { name: 'findings_by_type_operator', parameters: { sql: { string_value: '1; DROP TABLE findings' } } }, /has no parameter "sql"/],
    ['QueryService', 'RunQuery', { name: 'top_subscribers_by_callees', case_reference: CASE }, /parameter day is required/],
    ['QueryService', 'RunQuery', { name: 'findings_by_type_operator', max_rows: 1_000_000 }, /max_rows must be in/],
    ['WatchlistService', 'AddWatchlistEntry', { subject: { kind: 'SUBJECT_KIND_SITE', value: 'x' }, reason: 'r', case_reference: CASE }, /subject.kind must be one of/],
  ];
  for (const [service, method, request, message] of badRequests) {
    it(`answers INVALID_ARGUMENT with a clear message: ${service}.${method} ${JSON.stringify(request).slice(0, 80)}`, async () => {
      const error = await api.client(TOKENS.admin).call(service as never, method, request).then(() => undefined, (e: grpc.ServiceError) => e);
      expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(error?.details).toMatch(message);
    });
  }

  it('pages through findings with tokens, newest first, without repeats', async () => {
    const client = api.client(TOKENS.analyst);
    const ids: string[] = [];
    let token = '';
    for (let page = 0; page < 10; page++) {
      const response = await client.call<{ findings: { id: string }[]; next_page_token: string }>('FindingsService', 'ListFindings', { page_size: 3, page_token: token });
      ids.push(...response.findings.map((f) => f.id));
      token = response.next_page_token;
      if (token === '') break;
    }
    expect(ids).toEqual(['silence-b-2', 'simbox-b-1', 'spam-a-2', 'simbox-a-1']);
    // a token used with another filter is refused
    const first = await client.call<{ next_page_token: string }>('FindingsService', 'ListFindings', { page_size: 1 });
    expect(await codeOf(client.call('FindingsService', 'ListFindings', { page_size: 1, page_token: first.next_page_token, filter: { provinces: ['Ha Noi'] } }))).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('passes the deadline into DuckDB: a long query is interrupted and the server stays responsive', async () => {
    const admin = api.client(TOKENS.admin, 400);
    const started = Date.now();
    expect(await codeOf(admin.call('QueryService', 'RunQuery', { name: 'diagnostic_deadline_probe' }))).toBe(grpc.status.DEADLINE_EXCEEDED);
    // the next query on the server answers at once: the interrupted one is not still running
    const after = await api.client(TOKENS.admin).call<{ rows: unknown[] }>('QueryService', 'RunQuery', { name: 'diagnostic_deadline_probe', parameters: { rows: { int_value: '1000' } } });
    expect(after.rows).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('records lookups in a hash chain that names the first tampered row', async () => {
    const admin = api.client(TOKENS.admin);
    await api.client(TOKENS.investigator).call('SubscriberService', 'GetProfile', { subject: { kind: 'SUBJECT_KIND_MSISDN', value: SUSPECT_MSISDN }, case_reference: 'HN-2026-0099' });
    const ok = await admin.call<{ ok: boolean; rows_checked: string }>('AuditService', 'VerifyAuditChain', {});
    expect(ok.ok).toBe(true);
    expect(Number(ok.rows_checked)).toBeGreaterThanOrEqual(3);
    const [row] = await api.store.connections.read(`SELECT seq, principal FROM audit_log WHERE case_reference = 'HN-2026-0099'`, {});
    expect(row?.principal).toBe('officer.nguyen@police');
    const seq = Number(row!.seq);
    // someone with file access edits one row to hide who looked the number up
    await api.store.write((connection) => connection.run(`UPDATE audit_log SET principal = 'nobody' WHERE seq = ${seq}`));
    const broken = await admin.call<{ ok: boolean; first_bad_seq: string; reason: string }>('AuditService', 'VerifyAuditChain', {});
    expect(broken.ok).toBe(false);
    expect(Number(broken.first_bad_seq)).toBe(seq);
    expect(broken.reason).toMatch(new RegExp(`row seq ${seq}: content does not match its hash`));
  });
});
