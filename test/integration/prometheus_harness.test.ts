/**
 * Real Prometheus (Debian package) scraping a metrics server fed by the synthetic engine
 * harness: every metric gets series, so every dashboard panel and alert rule can be
 * evaluated against live data. Also runs promtool and amtool on the repository's files.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsServer, TelsentryMetrics } from '../../metrics/index.js';
import type { MetricsServer } from '../../metrics/index.js';
import { SyntheticEngine } from '../unit/metrics/synthetic_engine.js';
import {
  ensureObservabilityTools, evaluatePanels, evaluateVariables, instantQuery, loadedRules, REPO_ROOT, RULES_DIR, startPrometheus, waitForScrapes,
} from './prometheus_support.js';
import type { RunningPrometheus } from './prometheus_support.js';

const PROMETHEUS_DIR = join(REPO_ROOT, 'deploy/prometheus');
const ALERTMANAGER_CONFIG = join(REPO_ROOT, 'deploy/alertmanager/alertmanager.yml');
/** The harness advances one engine batch per operator this often. */
const BATCH_EVERY_MS = 250;
/** Scrapes before evaluating: enough for rate() over $__rate_interval and increase() over the range. */
const SCRAPES_BEFORE_EVALUATION = 12;

function run(command: string, args: string[], cwd = REPO_ROOT): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('Prometheus toolchain on the repository files', () => {
  beforeAll(() => ensureObservabilityTools());

  it('promtool check rules accepts every rule file', () => {
    expect(run('promtool', ['check', 'rules', join(RULES_DIR, 'pipeline.yml'), join(RULES_DIR, 'findings.yml')])).toMatch(/SUCCESS: 6 rules found[\s\S]*SUCCESS: 3 rules found|SUCCESS: 3 rules found[\s\S]*SUCCESS: 6 rules found/);
  });

  it('promtool test rules passes the rule unit tests', () => {
    const out = run('promtool', ['test', 'rules', 'findings_test.yml', 'pipeline_test.yml'], join(PROMETHEUS_DIR, 'tests'));
    expect(out.match(/SUCCESS/g)?.length).toBe(2);
  });

  it('promtool check config accepts the deployment prometheus.yml', () => {
    expect(run('promtool', ['check', 'config', '--syntax-only', join(PROMETHEUS_DIR, 'prometheus.yml')])).toMatch(/SUCCESS/);
  });

  it('amtool check-config accepts the Alertmanager example', () => {
    expect(run('amtool', ['check-config', ALERTMANAGER_CONFIG])).toMatch(/SUCCESS/);
  });

  it.each([
    [{ category: 'pipeline', alertname: 'TelsentryDown' }, 'telsentry-oncall'],
    [{ category: 'finding', type: 'site_silence', province: 'Hà Nội' }, 'police-ha-noi'],
    [{ category: 'finding', type: 'site_silence', province: 'Nghệ An' }, 'police-provincial-default'],
    [{ category: 'finding', type: 'simbox', severity: 'critical', province: 'Hồ Chí Minh' }, 'police-high-tech-crime,telecom-authority-fraud'],
    [{ category: 'finding', type: 'tcg_bypass', severity: 'critical', province: 'Cần Thơ' }, 'telecom-authority-fraud'],
    [{ category: 'finding', type: 'sms_spam', province: 'Đà Nẵng' }, 'anti-spam-center'],
    [{ category: 'finding', type: 'ddos', province: 'Hà Nội' }, 'cyber-incident-response'],
    [{ category: 'finding', type: 'watchlist', province: 'Hà Nội' }, 'police-high-tech-crime'],
  ])('Alertmanager routes %o to %s', (labels, receivers) => {
    const args = ['config', 'routes', 'test', `--config.file=${ALERTMANAGER_CONFIG}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];
    expect(run('amtool', args).trim()).toBe(receivers);
  });
});

describe('Prometheus scraping the synthetic engine harness', () => {
  const metrics = new TelsentryMetrics({ version: 'harness' });
  const engine = new SyntheticEngine(metrics, 100_000);
  let server: MetricsServer;
  let prometheus: RunningPrometheus;
  let ticker: NodeJS.Timeout;
  const startedAt = Date.now();

  beforeAll(async () => {
    ensureObservabilityTools();
    server = await startMetricsServer({ host: '127.0.0.1', port: 0, metrics });
    engine.advance();
    ticker = setInterval(() => engine.advance(), BATCH_EVERY_MS);
    prometheus = await startPrometheus([`127.0.0.1:${server.port}`]);
    await waitForScrapes(prometheus.url, SCRAPES_BEFORE_EVALUATION, 60_000);
  });

  afterAll(async () => {
    clearInterval(ticker);
    await prometheus?.stop();
    await server?.close();
  });

  it('the exposition passes promtool check metrics', async () => {
    const text = await metrics.exposition();
    expect(() => execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' })).not.toThrow();
  });

  it('every dashboard panel query parses and returns data (numbers, not only NaN)', async () => {
    const outcomes = await evaluatePanels(prometheus, (Date.now() - startedAt) / 1000);
    expect(outcomes.length).toBeGreaterThanOrEqual(40);
    const failed = outcomes.filter((o) => o.status !== 'success' || o.numericSamples === 0)
      .map((o) => `${o.dashboard} / ${o.panel} / ${o.refId}: ${o.error ?? (o.series === 0 ? 'no data' : 'only NaN')} — ${o.resolved}`);
    expect(failed).toEqual([]);
  });

  it('every dashboard template variable has values', async () => {
    const outcomes = await evaluateVariables(prometheus.url);
    expect(outcomes.length).toBeGreaterThanOrEqual(6);
    expect(outcomes.filter((o) => o.values.length === 0).map((o) => `${o.dashboard} $${o.variable}`)).toEqual([]);
  });

  it('every alert rule loads healthy and its expression evaluates', async () => {
    await new Promise((r) => setTimeout(r, 2_000)); // one evaluation cycle after the scrapes
    const rules = await loadedRules(prometheus.url);
    expect(rules.map((r) => r.name).sort()).toEqual([
      'TelsentryCriticalFindingRaised', 'TelsentryDown', 'TelsentryFlood', 'TelsentryKafkaConsumerLagGrowing',
      'TelsentryOperatorFeedSilent', 'TelsentryRejectRateHigh', 'TelsentrySiteSilence', 'TelsentryWatermarkLagHigh', 'TelsentryWatermarkStuck',
    ]);
    for (const rule of rules) {
      expect(rule.health, `${rule.name}: ${rule.lastError ?? ''}`).toBe('ok');
      const result = await instantQuery(prometheus.url, rule.query);
      expect(result.status, `${rule.name}: ${result.error ?? ''}`).toBe('success');
    }
  });

  it('the harness drives the finding alerts: a critical finding fires TelsentryCriticalFindingRaised', async () => {
    const result = await instantQuery(prometheus.url, 'ALERTS{alertname="TelsentryCriticalFindingRaised"}');
    expect(result.data?.result.length).toBeGreaterThan(0);
  });
});
