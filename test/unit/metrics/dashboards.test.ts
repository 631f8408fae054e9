/**
 * Static checks of dashboards/*.json, the alert rules and the Grafana provisioning: fixed
 * uids, units and descriptions, $__rate_interval, and every metric they name exists in
 * TelsentryMetrics (so a renamed metric cannot silently empty a panel).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TelsentryMetrics } from '../../../metrics/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const DASHBOARDS = join(ROOT, 'dashboards');
const RULES = join(ROOT, 'deploy/prometheus/rules');

interface Target { refId: string; expr: string; datasource: { uid: string } }
interface Panel { id: number; type: string; title: string; description?: string; datasource?: { uid: string }; targets?: Target[]; fieldConfig?: { defaults: { unit?: string } } }
interface Dashboard { uid: string; title: string; panels: Panel[]; templating: { list: { name: string }[] } }

const files = readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json'));
const dashboards = files.map((f) => JSON.parse(readFileSync(join(DASHBOARDS, f), 'utf8')) as Dashboard);
const ruleTexts = readdirSync(RULES).filter((f) => f.endsWith('.yml')).map((f) => readFileSync(join(RULES, f), 'utf8'));

/** Series names a PromQL expression selects: identifiers followed by `{`, `[` or used bare inside functions. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b((?:telsentry|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1]);
}

async function exposedNames(): Promise<Set<string>> {
  const metrics = new TelsentryMetrics();
  const names = new Set<string>();
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
  }
  return names;
}

describe('dashboards', () => {
  it('are the four the department uses, with fixed unique uids', () => {
    expect(dashboards.map((d) => d.uid).sort()).toEqual(['telsentry-flows', 'telsentry-fraud', 'telsentry-overview', 'telsentry-pipeline']);
  });

  it('every panel has a description, a unit and the provisioned datasource', () => {
    for (const dashboard of dashboards) {
      for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
        const where = `${dashboard.uid} / ${panel.title}`;
        expect(panel.description?.length ?? 0, where).toBeGreaterThan(20);
        expect(panel.fieldConfig?.defaults.unit, where).toBeTruthy();
        expect(panel.datasource?.uid, where).toBe('telsentry-prometheus');
        expect(panel.targets?.length ?? 0, where).toBeGreaterThan(0);
        for (const target of panel.targets ?? []) expect(target.datasource.uid, where).toBe('telsentry-prometheus');
      }
    }
  });

  it('rates use $__rate_interval (or the whole $__range), never a hard-coded window', () => {
    for (const dashboard of dashboards) {
      for (const panel of dashboard.panels) {
        for (const target of panel.targets ?? []) {
          for (const window of target.expr.matchAll(/\(\s*(?:rate|increase|deriv|irate)\([^[]*\[([^\]]+)\]/g)) {
            expect(['$__rate_interval', '$__range'], `${dashboard.uid} / ${panel.title}: ${target.expr}`).toContain(window[1]);
          }
        }
      }
    }
  });

  it('template variables used in queries are defined', () => {
    for (const dashboard of dashboards) {
      const defined = new Set(dashboard.templating.list.map((v) => v.name));
      for (const panel of dashboard.panels) {
        for (const target of panel.targets ?? []) {
          for (const use of target.expr.matchAll(/\$(\w+)/g)) {
            if (!use[1].startsWith('__')) expect(defined.has(use[1]), `${dashboard.uid}: $${use[1]}`).toBe(true);
          }
        }
      }
    }
  });

  it('every metric a panel or an alert rule names is exposed by TelsentryMetrics', async () => {
    const exposed = await exposedNames();
    const used = new Set<string>();
    for (const dashboard of dashboards) for (const panel of dashboard.panels) for (const t of panel.targets ?? []) metricNames(t.expr).forEach((n) => used.add(n));
    for (const text of ruleTexts) for (const line of text.split('\n').filter((l) => !l.trim().startsWith('#') && !/^\s*(summary|description):/.test(l))) metricNames(line).forEach((n) => used.add(n));
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((n) => !exposed.has(n))).toEqual([]);
  });

  it('every metric telsentry exposes appears on some dashboard', async () => {
    const exposed = [...(await exposedNames())].filter((n) => n.startsWith('telsentry_') && !/_(sum|count)$/.test(n));
    const all = dashboards.flatMap((d) => d.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr))).join('\n');
    const histogramBases = new Set(exposed.filter((n) => n.endsWith('_bucket')).map((n) => n.slice(0, -'_bucket'.length)));
    const missing = exposed.filter((n) => !histogramBases.has(n) && !all.includes(n) && n !== 'telsentry_build_info');
    expect(missing).toEqual([]);
  });
});

describe('alert rules and provisioning', () => {
  it('every runbook_url points at a section of docs/runbooks.md', () => {
    const runbooks = readFileSync(join(ROOT, 'docs/runbooks.md'), 'utf8');
    const anchors = new Set([...runbooks.matchAll(/^##+\s+(.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
    const urls = ruleTexts.flatMap((t) => [...t.matchAll(/runbook_url: "([^"]+)"/g)].map((m) => m[1]));
    const alerts = ruleTexts.flatMap((t) => [...t.matchAll(/- alert: (\w+)/g)].map((m) => m[1]));
    expect(urls.length).toBe(alerts.length);
    for (const url of urls) expect(anchors.has(url.split('#')[1]), url).toBe(true);
  });

  it('every alert has a summary and a description', () => {
    for (const text of ruleTexts) {
      const alerts = text.split(/\n(?= +- alert: )/).slice(1);
      for (const alert of alerts) {
        expect(alert, alert.slice(0, 60)).toMatch(/summary: "/);
        expect(alert, alert.slice(0, 60)).toMatch(/description: "/);
      }
    }
  });

  it('the provisioned datasource uid is the one the dashboards use', () => {
    const datasource = readFileSync(join(ROOT, 'deploy/grafana/provisioning/datasources/telsentry.yml'), 'utf8');
    expect(datasource).toMatch(/uid: telsentry-prometheus/);
  });
});
