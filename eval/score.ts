/**
 * Scores findings against a simulator's ground truth, per finding type: precision, recall,
 * detection delay (event time from the fraud's first record to the finding), and which
 * legitimate look-alikes (confounders) were flagged. Matching is by subject: a finding
 * matches a truth entry of the same type when one names the other's subject, IMSI, cells
 * or number-range members.
 */
import type { Finding } from '../core/finding.js';

export interface TruthEntry {
  type: string;
  subject: { kind: string; value: string };
  first_fraud_at: string;
  imsi?: string;
  cells?: string[];
  members?: string[];
  [extra: string]: unknown;
}

export interface TruthFile {
  scenario?: string;
  fraud: TruthEntry[];
  confounders: { kind: string; msisdn?: string; imsi?: string; site?: string; cells?: string[] }[];
}

export interface TypeScore {
  type: string;
  truth: number;
  findings: number;
  truePositives: number;
  falsePositives: number;
  detected: number;
  precision: number;
  recall: number;
  medianDelayMin: number;
  p90DelayMin: number;
  confoundersFlagged: Record<string, number>;
}

function namesOf(f: Finding): Set<string> {
  const names = new Set<string>([f.subject.value]);
  for (const r of f.related) names.add(r.value);
  return names;
}

function truthNames(t: TruthEntry): string[] {
  return [t.subject.value, ...(t.imsi !== undefined ? [t.imsi] : []), ...(t.cells ?? []), ...(t.members ?? [])];
}

function matches(f: Finding, t: TruthEntry): boolean {
  if (f.type !== t.type) return false;
  const names = namesOf(f);
  if (truthNames(t).some((n) => names.has(n))) return true;
  // A number-range truth matches a finding on any number inside the range, and vice versa.
  if (t.subject.kind === 'number_range' && f.subject.value.startsWith(t.subject.value)) return true;
  if (f.subject.kind === 'number_range' && t.subject.value.startsWith(f.subject.value)) return true;
  return false;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function scoreFindings(findings: Finding[], truth: TruthFile, types?: string[]): TypeScore[] {
  const allTypes = types ?? [...new Set([...truth.fraud.map((t) => t.type), ...findings.map((f) => f.type)])].sort();
  const confounderByName = new Map<string, string>();
  for (const c of truth.confounders) {
    for (const name of [c.msisdn, c.imsi, c.site, ...(c.cells ?? [])]) if (name !== undefined) confounderByName.set(name, c.kind);
  }
  return allTypes.map((type) => {
    const truthOfType = truth.fraud.filter((t) => t.type === type);
    const findingsOfType = findings.filter((f) => f.type === type);
    let truePositives = 0;
    const confoundersFlagged: Record<string, number> = {};
    for (const f of findingsOfType) {
      if (truthOfType.some((t) => matches(f, t))) {
        truePositives++;
        continue;
      }
      for (const name of namesOf(f)) {
        const kind = confounderByName.get(name);
        if (kind !== undefined) {
          confoundersFlagged[kind] = (confoundersFlagged[kind] ?? 0) + 1;
          break;
        }
      }
    }
    const delays: number[] = [];
    let detected = 0;
    for (const t of truthOfType) {
      const hits = findingsOfType.filter((f) => matches(f, t));
      if (hits.length === 0) continue;
      detected++;
      const first = Math.min(...hits.map((f) => Date.parse(f.detected_at)));
      delays.push((first - Date.parse(t.first_fraud_at)) / 60_000);
    }
    delays.sort((a, b) => a - b);
    return {
      type,
      truth: truthOfType.length,
      findings: findingsOfType.length,
      truePositives,
      falsePositives: findingsOfType.length - truePositives,
      detected,
      precision: findingsOfType.length === 0 ? (truthOfType.length === 0 ? 1 : 0) : truePositives / findingsOfType.length,
      recall: truthOfType.length === 0 ? 1 : detected / truthOfType.length,
      medianDelayMin: quantile(delays, 0.5),
      p90DelayMin: quantile(delays, 0.9),
      confoundersFlagged,
    };
  });
}

export function formatScoreTable(title: string, scores: TypeScore[]): string {
  const header = '| type | truth | findings | precision | recall | median delay (min) | p90 delay (min) | confounders flagged |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---|';
  const fmt = (x: number, d = 3): string => (Number.isNaN(x) ? '–' : x.toFixed(d));
  const rows = scores.map((s) => `| ${s.type} | ${s.truth} | ${s.findings} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.medianDelayMin, 1)} | ${fmt(s.p90DelayMin, 1)} | ${
    Object.entries(s.confoundersFlagged).map(([k, n]) => `${k}: ${n}`).join(', ') || 'none'} |`);
  return [`### ${title}`, '', header, rule, ...rows, ''].join('\n');
}
