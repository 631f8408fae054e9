/** The investigators' CLI commands (thin grpc-js clients) against a running API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit, runFindings, runLookup, runWatch, runWatchlist } from '../../api/index.js';
import type { Io } from '../../api/cli/common.js';
import { CASE, makeFinding, startTestApi, SUSPECT_MSISDN, TOKENS, type RunningApi } from './grpc-fixture.js';

function capture(): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('CLI: lookup, findings, watch, watchlist, audit verify', () => {
  let api: RunningApi;
  let server: string[];
  beforeAll(async () => {
    api = await startTestApi();
    server = ['--server', api.address];
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('prints help and refuses bad usage with exit 2', async () => {
    const help = capture();
    expect(await runLookup(['--help'], help)).toBe(0);
    expect(help.stdout).toMatch(/usage: telsentry lookup/);
    const bad = capture();
    expect(await runLookup([...server, '--token', TOKENS.investigator], bad)).toBe(2);
    expect(bad.stderr).toMatch(/exactly one of --msisdn, --imsi, --imei/);
  });

  it('looks up a number as a table and as JSON; without a case reference it is refused', async () => {
    const text = capture();
    expect(await runLookup([...server, '--token', TOKENS.investigator, '--msisdn', SUSPECT_MSISDN, '--case', CASE], text)).toBe(0);
    expect(text.stdout).toMatch(/IMSIs: 452040000000042/);
    expect(text.stdout).toMatch(/84987654321/);
    expect(text.stdout).toMatch(/Ha Noi/);
    const asJson = capture();
    expect(await runLookup([...server, '--token', TOKENS.investigator, '--msisdn', SUSPECT_MSISDN, '--case', CASE, '--json'], asJson)).toBe(0);
    expect(JSON.parse(asJson.stdout).findings[0]).toMatchObject({ id: 'simbox-a-1', type: 'simbox', subject: { kind: 'imsi' } });
    const refused = capture();
    expect(await runLookup([...server, '--token', TOKENS.investigator, '--msisdn', SUSPECT_MSISDN], refused)).toBe(1);
    expect(refused.stderr).toMatch(/PERMISSION_DENIED: a profile lookup by an investigator requires a case_reference/);
  });

  it('lists findings with filters and paging, gets one and confirms it', async () => {
    const list = capture();
    expect(await runFindings([...server, '--token', TOKENS.analyst, '--type', 'simbox', '--limit', '1', '--all', '--json'], list)).toBe(0);
    expect(JSON.parse(list.stdout).findings.map((f: { id: string }) => f.id)).toEqual(['simbox-b-1', 'simbox-a-1']);
    const table = capture();
    expect(await runFindings([...server, '--token', TOKENS.operator], table)).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/detected_at\s+type\s+severity/);
    expect(table.stdout).not.toMatch(/452-01/);
    const confirm = capture();
    expect(await runFindings([...server, '--token', TOKENS.investigator, 'confirm', 'simbox-a-1', '--reason', 'test call TC-1 arrived with a local CLI', '--case', CASE], confirm)).toBe(0);
    expect(confirm.stdout).toMatch(/confirmed by officer.nguyen@police: test call TC-1/);
    const badType = capture();
    expect(await runFindings([...server, '--token', TOKENS.analyst, '--type', 'nonsense'], badType)).toBe(2);
    expect(badType.stderr).toMatch(/--type must be one of simbox, tcg_bypass/);
  });

  it('watches live findings until --count', async () => {
    const io = capture();
    const watching = runWatch([...server, '--token', TOKENS.analyst, '--count', '2', '--json'], io);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await api.store.upsertFindings([makeFinding({ id: 'live-1', detected_at: '2026-11-22T00:00:00.000Z' }), makeFinding({ id: 'live-2', detected_at: '2026-11-22T00:01:00.000Z' })]);
    expect(await watching).toBe(0);
    expect(io.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual(['live-1', 'live-2']);
  });

  it('manages the watchlist', async () => {
    const add = capture();
    expect(await runWatchlist([...server, '--token', TOKENS.investigator, 'add', '--msisdn', '84977777777', '--case', CASE, '--reason', 'farm SIM'], add)).toBe(0);
    expect(add.stdout).toMatch(/added msisdn 84977777777/);
    const list = capture();
    expect(await runWatchlist([...server, '--token', TOKENS.investigator, 'list'], list)).toBe(0);
    expect(list.stdout).toMatch(/msisdn\s+84977777777\s+HN-2026-0042\s+farm SIM/);
    const remove = capture();
    expect(await runWatchlist([...server, '--token', TOKENS.investigator, 'remove', '--msisdn', '84977777777', '--case', CASE], remove)).toBe(0);
    expect(remove.stdout).toMatch(/removed/);
  });

  it('verifies the audit chain and names a tampered row', async () => {
    const ok = capture();
    expect(await runAudit([...server, '--token', TOKENS.admin, 'verify'], ok)).toBe(0);
    expect(ok.stdout).toMatch(/audit chain intact: \d+ rows verified/);
    await api.store.write((c) => c.run(`UPDATE audit_log SET subject_value = '84900000000' WHERE seq = 2`));
    const broken = capture();
    expect(await runAudit([...server, '--token', TOKENS.admin, 'verify'], broken)).toBe(1);
    expect(broken.stdout).toMatch(/audit chain BROKEN at row seq 2: row seq 2: content does not match its hash/);
  });
});
