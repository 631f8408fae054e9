/**
 * Clients nobody here wrote: Python's grpcio (message classes built from a buf descriptor set
 * of proto/) and grpcurl (which learns the API by server reflection).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE, OPERATOR_A, OPERATOR_B, startTestApi, SUSPECT_MSISDN, TOKENS, type RunningApi } from './grpc-fixture.js';

const ROOT = resolve(import.meta.dirname, '../..');
const GRPCURL = join(ROOT, '.cache/bin/grpcurl');
const PYTHON = ['/usr/bin/python3', 'python3'].find((python) => spawnSync(python, ['-c', 'import grpc, google.protobuf'], { stdio: 'ignore' }).status === 0);

/** Runs a client asynchronously: the server lives in this process, so a sync spawn would block it. */
function run(command: string, args: string[], input?: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status: status ?? -1, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

interface PyCall { method: string; request_type: string; response_type: string; token?: string; request?: object; timeout?: number }
interface PyResult { code: string; details: string; response: Record<string, unknown> | null }

describe('gRPC API with real third-party clients', () => {
  let api: RunningApi;
  let descriptorSet: string;
  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'deploy/tools.d/grpc.sh')], { stdio: 'inherit' });
    api = await startTestApi();
    descriptorSet = join(api.dir, 'telsentry.binpb');
    execFileSync(join(ROOT, 'node_modules/.bin/buf'), ['build', join(ROOT, 'proto'), '-o', descriptorSet], { cwd: ROOT, stdio: 'inherit' });
    const healthSet = join(api.dir, 'health.binpb');
    execFileSync(join(ROOT, 'node_modules/.bin/buf'), ['build', join(ROOT, 'node_modules/grpc-health-check/proto'), '-o', healthSet], { cwd: ROOT, stdio: 'inherit' });
    descriptorSet = `${descriptorSet},${healthSet}`;
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function python(calls: PyCall[]): Promise<PyResult[]> {
    if (PYTHON === undefined) throw new Error('python3 with grpcio not found: run deploy/tools.d/grpc.sh');
    const out = await run(PYTHON, [join(ROOT, 'test/fixtures/api/grpcio_client.py'), descriptorSet, api.address], JSON.stringify(calls));
    if (out.status !== 0) throw new Error(`python client failed: ${out.stderr}`);
    return JSON.parse(out.stdout) as PyResult[];
  }

  const findings = (token: string, request: object = {}): PyCall => ({
    method: '/telsentry.v1.FindingsService/ListFindings', request_type: 'telsentry.v1.ListFindingsRequest', response_type: 'telsentry.v1.ListFindingsResponse', token, request,
  });

  it('python grpcio: lists findings, enforces roles and validates requests', async () => {
    const [analyst, operatorOwn, operatorForeign, anonymous, huge, profileNoCase, profile, health] = await python([
      findings(TOKENS.analyst, { filter: { types: ['FINDING_TYPE_SIMBOX'] } }),
      findings(TOKENS.operator),
      findings(TOKENS.operator, { filter: { operators: [OPERATOR_B] } }),
      findings(''),
      findings(TOKENS.analyst, { page_size: 100000 }),
      { method: '/telsentry.v1.SubscriberService/GetProfile', request_type: 'telsentry.v1.GetProfileRequest', response_type: 'telsentry.v1.GetProfileResponse', token: TOKENS.investigator, request: { subject: { kind: 'SUBJECT_KIND_MSISDN', value: SUSPECT_MSISDN } } },
      { method: '/telsentry.v1.SubscriberService/GetProfile', request_type: 'telsentry.v1.GetProfileRequest', response_type: 'telsentry.v1.GetProfileResponse', token: TOKENS.investigator, request: { subject: { kind: 'SUBJECT_KIND_MSISDN', value: SUSPECT_MSISDN }, case_reference: CASE } },
      { method: '/grpc.health.v1.Health/Check', request_type: 'grpc.health.v1.HealthCheckRequest', response_type: 'grpc.health.v1.HealthCheckResponse', request: { service: 'telsentry.v1.FindingsService' } },
    ]);
    expect(analyst!.code).toBe('OK');
    const ids = (analyst!.response!.findings as { id: string; type: string; version: string }[]);
    expect(ids.map((f) => f.id).sort()).toEqual(['simbox-a-1', 'simbox-b-1']);
    expect(ids[0]!.type).toBe('FINDING_TYPE_SIMBOX');
    expect(ids[0]!.version).toBe('1'); // int64 as an exact decimal string in proto JSON
    expect((operatorOwn!.response!.findings as { operator: string }[]).every((f) => f.operator === OPERATOR_A)).toBe(true);
    expect(operatorForeign!.code).toBe('PERMISSION_DENIED');
    expect(operatorForeign!.details).toMatch(/may not read data of operator 452-01/);
    expect(anonymous!.code).toBe('UNAUTHENTICATED');
    expect(huge!.code).toBe('INVALID_ARGUMENT');
    expect(huge!.details).toMatch(/page_size must be in \[1, 1000\]/);
    expect(profileNoCase!.code).toBe('PERMISSION_DENIED');
    expect(profileNoCase!.details).toMatch(/requires a case_reference/);
    expect(profile!.code).toBe('OK');
    expect(profile!.response!.imsis).toEqual(['452040000000042']);
    expect(health).toEqual({ code: 'OK', details: '', response: { status: 'SERVING' } });
  });

  function grpcurl(args: string[], token?: string): Promise<{ status: number; stdout: string; stderr: string }> {
    const auth = token === undefined ? [] : ['-H', `authorization: Bearer ${token}`];
    return run(GRPCURL, ['-plaintext', '-max-time', '20', ...auth, ...args]);
  }

  it('grpcurl: discovers the services by reflection and calls them', async () => {
    expect(existsSync(GRPCURL)).toBe(true);
    const list = await grpcurl([api.address, 'list']);
    expect(list.status).toBe(0);
    for (const service of ['telsentry.v1.FindingsService', 'telsentry.v1.SubscriberService', 'telsentry.v1.QueryService', 'telsentry.v1.WatchlistService', 'telsentry.v1.AuditService', 'grpc.health.v1.Health']) {
      expect(list.stdout).toContain(service);
    }
    const describe = await grpcurl([api.address, 'describe', 'telsentry.v1.Finding']);
    expect(describe.stdout).toMatch(/google\.protobuf\.Timestamp detected_at = 11;/);

    const health = await grpcurl([api.address, 'grpc.health.v1.Health/Check']);
    expect(JSON.parse(health.stdout)).toEqual({ status: 'SERVING' });

    const listed = await grpcurl(['-d', '{"filter":{"min_severity":"SEVERITY_CRITICAL"}}', api.address, 'telsentry.v1.FindingsService/ListFindings'], TOKENS.analyst);
    expect(listed.status).toBe(0);
    const body = JSON.parse(listed.stdout) as { findings: { id: string; detectedAt?: string; detected_at?: string; evidence: Record<string, unknown> }[] };
    expect(body.findings.map((f) => f.id)).toEqual(['silence-b-2']);
    expect(body.findings[0]!.detectedAt ?? body.findings[0]!.detected_at).toBe('2026-11-20T05:00:00Z');
    expect(body.findings[0]!.evidence).toMatchObject({ distinctCallees: 140 });

    const query = await grpcurl(['-d', JSON.stringify({ name: 'findings_by_type_operator', parameters: { from_ms: { int_value: '0' } } }), api.address, 'telsentry.v1.QueryService/RunQuery'], TOKENS.analyst);
    expect(query.status).toBe(0);
    expect((JSON.parse(query.stdout) as { columns: string[] }).columns).toEqual(['type', 'severity', 'operator', 'province', 'findings', 'max_score']);

    const foreign = await grpcurl(['-d', '{"id":"simbox-b-1"}', api.address, 'telsentry.v1.FindingsService/GetFinding'], TOKENS.operator);
    expect(foreign.status).not.toBe(0);
    expect(foreign.stderr).toMatch(/PermissionDenied/);

    const badType = await grpcurl(['-d', JSON.stringify({ name: 'findings_by_type_operator', parameters: { from_ms: { string_value: 'yesterday' } } }), api.address, 'telsentry.v1.QueryService/RunQuery'], TOKENS.analyst);
    expect(badType.stderr).toMatch(/InvalidArgument/);
    expect(badType.stderr).toMatch(/parameter from_ms must be timestamp_ms/);
  });
});
