/**
 * Shared by the Prometheus integration tests: runs Debian's prometheus binary on a temp
 * config (127.0.0.1 only), reads every PromQL expression of the dashboards, and evaluates
 * expressions through Prometheus's HTTP API.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const RULES_DIR = join(REPO_ROOT, 'deploy/prometheus/rules');
export const DASHBOARDS_DIR = join(REPO_ROOT, 'dashboards');

/** Scrape every second so a test of a minute sees dozens of samples (a busier target may need more). */
export const DEFAULT_SCRAPE_INTERVAL_S = 1;

/** What Grafana puts for $__rate_interval: four scrape intervals (its minimum), plus one for alignment. */
export function rateInterval(scrapeIntervalS: number): string {
  return `${scrapeIntervalS * 5}s`;
}

export function ensureObservabilityTools(): void {
  execFileSync('bash', [join(REPO_ROOT, 'deploy/tools.d/observability.sh')], { stdio: 'inherit', timeout: 600_000 });
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

export interface RunningPrometheus {
  url: string;
  scrapeIntervalS: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts prometheus scraping `targets` (job "telsentry") with the repository's alert rules loaded. */
export async function startPrometheus(targets: string[], scrapeIntervalS = DEFAULT_SCRAPE_INTERVAL_S): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'telsentry-prom-'));
  const port = await freePort();
  const config = [
    'global:',
    `  scrape_interval: ${scrapeIntervalS}s`,
    `  scrape_timeout: ${scrapeIntervalS}s`,
    `  evaluation_interval: ${scrapeIntervalS}s`,
    'rule_files:',
    `  - ${JSON.stringify(join(RULES_DIR, '*.yml'))}`,
    'scrape_configs:',
    '  - job_name: telsentry',
    `    static_configs: [{ targets: ${JSON.stringify(targets)} }]`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), config);
  let log = '';
  const child = spawn('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => { log = (log + chunk.toString()).slice(-4_000); });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return { url, scrapeIntervalS, process: child, stop };
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  await stop();
  throw new Error(`prometheus did not become ready on ${url}: ${log}`);
}

export interface QueryResult {
  status: string;
  error?: string;
  data?: { resultType: string; result: unknown[] };
}

export async function instantQuery(url: string, expr: string): Promise<QueryResult> {
  const response = await fetch(`${url}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query: expr }) });
  return (await response.json()) as QueryResult;
}

export async function rangeQuery(url: string, expr: string, seconds: number): Promise<QueryResult> {
  const end = Date.now() / 1000;
  const body = new URLSearchParams({ query: expr, start: String(end - seconds), end: String(end), step: '2' });
  const response = await fetch(`${url}/api/v1/query_range`, { method: 'POST', body });
  return (await response.json()) as QueryResult;
}

/** Waits until Prometheus has `samples` successful scrapes of every telsentry target. */
export async function waitForScrapes(url: string, samples: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const result = await instantQuery(url, 'min(sum_over_time(up{job="telsentry"}[10m]))');
    const value = (result.data?.result[0] as { value?: [number, string] } | undefined)?.value?.[1];
    last = JSON.stringify(result);
    if (value !== undefined && Number(value) >= samples) return;
    await sleep(1_000);
  }
  throw new Error(`fewer than ${samples} scrapes within ${timeoutMs} ms: ${last}`);
}

export interface PanelQuery {
  dashboard: string;
  panel: string;
  refId: string;
  expr: string;
  instant: boolean;
}

interface DashboardJson {
  uid: string;
  panels: { type: string; title: string; targets?: { refId: string; expr: string; instant?: boolean }[] }[];
}

export function dashboardFiles(): string[] {
  return readdirSync(DASHBOARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => join(DASHBOARDS_DIR, f));
}

export function readDashboard(path: string): DashboardJson {
  return JSON.parse(readFileSync(path, 'utf8')) as DashboardJson;
}

/** Every target of every panel of every dashboard. */
export function panelQueries(): PanelQuery[] {
  const queries: PanelQuery[] = [];
  for (const file of dashboardFiles()) {
    const dashboard = readDashboard(file);
    for (const panel of dashboard.panels) {
      for (const target of panel.targets ?? []) {
        queries.push({ dashboard: dashboard.uid, panel: panel.title, refId: target.refId, expr: target.expr, instant: target.instant === true });
      }
    }
  }
  return queries;
}

/**
 * What Grafana sends for a query: its built-in intervals resolved, and every template
 * variable at "All" (allValue ".*").
 */
export function resolveGrafanaVariables(expr: string, rangeSeconds: number, scrapeIntervalS = DEFAULT_SCRAPE_INTERVAL_S): string {
  return expr
    .replaceAll('$__rate_interval', rateInterval(scrapeIntervalS))
    .replaceAll('$__range', `${Math.max(1, Math.floor(rangeSeconds))}s`)
    .replaceAll('$__interval', `${scrapeIntervalS * 2}s`)
    .replace(/\$\{?(\w+)\}?/g, '.*');
}

export interface RuleFromApi {
  name: string;
  query: string;
  type: string;
  health: string;
  lastError?: string;
}

/** The alert and recording rules Prometheus loaded from deploy/prometheus/rules. */
export async function loadedRules(url: string): Promise<RuleFromApi[]> {
  const response = await fetch(`${url}/api/v1/rules`);
  const body = (await response.json()) as { data: { groups: { rules: RuleFromApi[] }[] } };
  return body.data.groups.flatMap((g) => g.rules);
}

export interface PanelOutcome extends PanelQuery {
  resolved: string;
  status: string;
  error?: string;
  series: number;
  /** Samples that are numbers (not NaN): an all-NaN answer (e.g. a quantile of nothing) is not data. */
  numericSamples: number;
}

function numericSamples(result: unknown[]): number {
  let count = 0;
  for (const series of result as { value?: [number, string]; values?: [number, string][] }[]) {
    const samples = series.values ?? (series.value === undefined ? [] : [series.value]);
    for (const [, value] of samples) if (value !== 'NaN') count++;
  }
  return count;
}

/** Evaluates each panel query the way Grafana would (instant or range) over `rangeSeconds`. */
export async function evaluatePanels(prometheus: RunningPrometheus, rangeSeconds: number): Promise<PanelOutcome[]> {
  const outcomes: PanelOutcome[] = [];
  for (const query of panelQueries()) {
    const resolved = resolveGrafanaVariables(query.expr, rangeSeconds, prometheus.scrapeIntervalS);
    const result = query.instant ? await instantQuery(prometheus.url, resolved) : await rangeQuery(prometheus.url, resolved, rangeSeconds);
    const series = result.data?.result ?? [];
    outcomes.push({ ...query, resolved, status: result.status, error: result.error, series: series.length, numericSamples: numericSamples(series) });
  }
  return outcomes;
}

export interface VariableOutcome {
  dashboard: string;
  variable: string;
  values: string[];
}

/** Resolves every `label_values(metric, label)` template variable the way Grafana does. */
export async function evaluateVariables(url: string): Promise<VariableOutcome[]> {
  const outcomes: VariableOutcome[] = [];
  for (const file of dashboardFiles()) {
    const dashboard = JSON.parse(readFileSync(file, 'utf8')) as { uid: string; templating: { list: { name: string; type: string; definition?: string }[] } };
    for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) {
      const match = /^label_values\((\w+),\s*(\w+)\)$/.exec(variable.definition ?? '');
      if (match === null) throw new Error(`${dashboard.uid}: variable ${variable.name} is not label_values(metric, label): ${variable.definition}`);
      const query = new URLSearchParams({ 'match[]': match[1] });
      const body = (await (await fetch(`${url}/api/v1/label/${match[2]}/values?${query}`)).json()) as { data: string[] };
      outcomes.push({ dashboard: dashboard.uid, variable: variable.name, values: body.data });
    }
  }
  return outcomes;
}
