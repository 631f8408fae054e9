/**
 * `telsentry start --tls-dir`: the real engine process serves gRPC with the certificates of a
 * Kubernetes-style TLS directory (tls.crt, tls.key, ca.crt → mutual TLS). A client with a
 * certificate of a configured CN gets its role; clients without one, or speaking plaintext,
 * are refused. A directory without tls.key is a configuration error with exit code 2.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../api/client.js';
import { codeOf } from './grpc-fixture.js';
import { freePort } from './prometheus_support.js';
import { makeCertificates } from './test-certificates.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'telsentry.js');
const READY_TIMEOUT_MS = 60_000;

describe('telsentry start --tls-dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'telsentry-start-tls-'));
  const tlsDir = join(dir, 'tls');
  let child: ChildProcess | undefined;
  let output = '';
  let address = '';

  beforeAll(async () => {
    mkdirSync(tlsDir);
    makeCertificates(dir, 'police-hn');
    copyFileSync(join(dir, 'server.pem'), join(tlsDir, 'tls.crt'));
    copyFileSync(join(dir, 'server.key'), join(tlsDir, 'tls.key'));
    copyFileSync(join(dir, 'ca.pem'), join(tlsDir, 'ca.crt'));
    writeFileSync(join(dir, 'auth.json'), JSON.stringify({ tokens: [], certificates: [{ commonName: 'police-hn', principal: 'police-hn-unit', role: 'analyst' }] }));
    const grpcPort = await freePort();
    const metricsPort = await freePort();
    child = spawn(process.execPath, [CLI, 'start', '--data-dir', join(dir, 'data'), '--auth', join(dir, 'auth.json'), '--grpc-port', String(grpcPort),
      '--metrics-port', String(metricsPort), '--population', '500', '--days', '1', '--speed', '0', '--flows=false', '--quiet'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TELSENTRY_TLS_DIR: tlsDir } });
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output = (output + chunk.toString()).slice(-8_000);
        if (output.includes('gRPC API on')) resolve();
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.once('exit', (code) => reject(new Error(`start exited with ${String(code)} before serving:\n${output}`)));
      setTimeout(() => reject(new Error(`start did not serve within ${READY_TIMEOUT_MS} ms:\n${output}`)), READY_TIMEOUT_MS).unref();
    });
    await ready;
    address = `127.0.0.1:${grpcPort}`;
  }, READY_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs that it serves mutual TLS', () => {
    expect(output).toMatch(/gRPC API on 127\.0\.0\.1:\d+ \(mutual TLS/);
  });

  it('serves a client whose certificate CN is configured, with that role', async () => {
    const client = new ApiClient({ address, caPath: join(dir, 'ca.pem'), certPath: join(dir, 'client.pem'), keyPath: join(dir, 'client.key'), timeoutMs: 20_000 });
    try {
      const list = await client.call<{ findings: unknown[] }>('FindingsService', 'ListFindings', {});
      expect(Array.isArray(list.findings)).toBe(true);
      // analyst: aggregates and findings, but no audit-chain verification (admin only)
      expect(await codeOf(client.call('AuditService', 'VerifyAuditChain', {}))).toBe(grpc.status.PERMISSION_DENIED);
    } finally {
      client.close();
    }
  });

  it('refuses a TLS client without a certificate and a plaintext client', async () => {
    for (const options of [{ address, caPath: join(dir, 'ca.pem') }, { address }]) {
      const client = new ApiClient({ ...options, timeoutMs: 5_000 });
      try {
        const code = await codeOf(client.call('FindingsService', 'ListFindings', {}));
        expect([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]).toContain(code);
      } finally {
        client.close();
      }
    }
  });

  it('exits 2 naming the missing file when the directory has no key', () => {
    const broken = join(dir, 'broken-tls');
    mkdirSync(broken);
    copyFileSync(join(dir, 'server.pem'), join(broken, 'tls.crt'));
    const run = spawnSync(process.execPath, [CLI, 'start', '--data-dir', join(dir, 'data-broken'), '--tls-dir', broken, '--grpc-port', '0', '--metrics-port', '0'],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('has no tls.key');
  });
});
