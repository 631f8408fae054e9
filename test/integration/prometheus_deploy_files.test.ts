/**
 * The deployment files next to the Prometheus setup, checked with real schema checkers:
 * kubeconform (strict, Kubernetes 1.37 schemas shipped by the PyPI package
 * kubernetes-validate, see deploy/tools.d/observability.sh), `docker compose config`
 * (plugin if present, else Debian's docker-compose), and systemd-analyze verify.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureObservabilityTools, REPO_ROOT } from './prometheus_support.js';

const K8S_DIR = join(REPO_ROOT, 'deploy/k8s');
const COMPOSE_DIR = join(REPO_ROOT, 'deploy/compose');
const KUBECONFORM = join(REPO_ROOT, '.cache/bin/kubeconform');
const SCHEMA_LOCATION = join(REPO_ROOT, '.cache/k8s-schemas/v1.37.0-standalone-strict/{{ .ResourceKind }}{{ .KindSuffix }}.json');

function kubeconform(files: string[]): { status: number | null; output: string } {
  const result = spawnSync(KUBECONFORM, ['-strict', '-summary', '-schema-location', SCHEMA_LOCATION, ...files], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** `docker compose` if the plugin is there, else Debian's docker-compose. */
function composeCommand(): string[] {
  const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  return plugin.status === 0 ? ['docker', 'compose'] : ['docker-compose'];
}

describe('deployment files pass their schema checkers', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'telsentry-deploy-'));
  beforeAll(() => ensureObservabilityTools());
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const manifests = readdirSync(K8S_DIR).filter((f) => f.endsWith('.yaml')).map((f) => join(K8S_DIR, f));

  it('every Kubernetes manifest is valid for Kubernetes 1.37 (kubeconform -strict)', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(6);
    const { status, output } = kubeconform(manifests);
    expect(output).toMatch(/Valid: \d+, Invalid: 0, Errors: 0, Skipped: 0/);
    expect(status, output).toBe(0);
  });

  it('kubeconform does reject a broken manifest (unknown field, wrong type)', () => {
    const broken = join(scratch, 'broken.yaml');
    writeFileSync(broken, readFileSync(join(K8S_DIR, 'statefulset.yaml'), 'utf8')
      .replace('  serviceName: telsentry-headless', '  serviceName: telsentry-headless\n  replicaz: 3')
      .replace('containerPort: 50051', 'containerPort: "fifty"'));
    const { status, output } = kubeconform([broken]);
    expect(status).not.toBe(0);
    expect(output).toMatch(/replicaz/);
    expect(output).toMatch(/containerPort': got string, want integer/);
  });

  it('the engine is scaled in one consumer group with gRPC 50051 and metrics 9464 exposed', () => {
    const statefulSet = readFileSync(join(K8S_DIR, 'statefulset.yaml'), 'utf8');
    const service = readFileSync(join(K8S_DIR, 'service.yaml'), 'utf8');
    expect(statefulSet).toMatch(/replicas: [2-9]/);
    expect(statefulSet).toMatch(/TELSENTRY_KAFKA_GROUP_ID[\s\S]*key: KAFKA_GROUP_ID/);
    expect(service).toMatch(/port: 50051/);
    expect(service).toMatch(/port: 9464/);
  });

  it('the compose file is valid (compose config)', () => {
    const [command, ...args] = composeCommand();
    const out = execFileSync(command, [...args, '-f', join(COMPOSE_DIR, 'docker-compose.yml'), 'config', '--services'], { encoding: 'utf8' });
    expect(out.trim().split('\n').sort()).toEqual(['alertmanager', 'grafana', 'kafka', 'prometheus', 'telsentry']);
  });

  it('compose config does reject an unknown option', () => {
    for (const f of ['docker-compose.yml', 'telsentry.config.json', 'grafana_admin_password.txt']) copyFileSync(join(COMPOSE_DIR, f), join(scratch, f));
    const broken = join(scratch, 'docker-compose.yml');
    writeFileSync(broken, readFileSync(broken, 'utf8').replace('  kafka:\n', '  kafka:\n    bogus_key: 1\n'));
    const [command, ...args] = composeCommand();
    const result = spawnSync(command, [...args, '-f', broken, 'config', '-q'], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/bogus_key/);
  });

  it('the systemd unit verifies without warnings', () => {
    const result = spawnSync('systemd-analyze', ['verify', join(REPO_ROOT, 'deploy/systemd/telsentry.service')], { encoding: 'utf8' });
    expect(result.stderr.split('\n').filter((line) => line.includes('telsentry.service'))).toEqual([]);
    expect(result.status).toBe(0);
  });
});
