/** Scores findings (Contract 3 JSONL) against blind truth: precision, recall, detection delay, FP and miss lists. */
import type { Finding } from '../../core/finding.js';
import type { TruthFile } from './truth.js';

export interface TypeScore {
  type: string;
  findings: number;
  truePositives: number;
  truthSubjects: number;
  found: number;
  precision: number;
  recall: number;
  medianDelayMin: number;
}

export interface FalsePositive { type: string; subject: string; group: string; score: number; reasons: string }
export interface Miss { type: string; subject: string; scenario: string }

export interface ScoreReport {
  rows: TypeScore[];
  falsePositives: FalsePositive[];
  misses: Miss[];
  /** type → scenario → [found, total] */
  byScenario: Map<string, Map<string, [number, number]>>;
}

export interface Reference {
  imsiToMsisdn: Map<string, string>;
  cellToSite: Map<string, string>;
}

/** The truth values a finding names: its subject, resolved to msisdn/site where the kind allows. */
function keysOf(f: Finding, ref: Reference): string[] {
  const v = f.subject.value;
  if (f.subject.kind === 'imsi') return [v, ref.imsiToMsisdn.get(v) ?? v];
  if (f.subject.kind === 'cell') return [v, ref.cellToSite.get(v) ?? v];
  return [v];
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function scoreFindings(truth: TruthFile, findings: Finding[], ref: Reference): ScoreReport {
  const types = [...new Set([...truth.subjects.map((s) => s.type), ...findings.map((f) => f.type)])].sort();
  const rows: TypeScore[] = [];
  const falsePositives: FalsePositive[] = [];
  const misses: Miss[] = [];
  const byScenario = new Map<string, Map<string, [number, number]>>();
  const anyTruth = new Map(truth.subjects.map((s) => [s.value, s]));
  for (const type of types) {
    const expected = new Map(truth.subjects.filter((s) => s.type === type).map((s) => [s.value, s]));
    const ofType = findings.filter((f) => f.type === type);
    const found = new Map<string, number>();
    let tp = 0;
    for (const f of ofType) {
      const keys = keysOf(f, ref);
      // Number ranges match a truth number they prefix (Wangiri ranges).
      const hit = f.subject.kind === 'number_range'
        ? [...expected.keys()].find((k) => k.startsWith(f.subject.value))
        : keys.find((k) => expected.has(k));
      if (hit !== undefined) {
        tp++;
        const delay = (Date.parse(f.detected_at) - Date.parse(expected.get(hit)!.first_event_at)) / 60_000;
        found.set(hit, Math.min(found.get(hit) ?? Infinity, delay));
      } else {
        const other = keys.map((k) => anyTruth.get(k)).find((s) => s !== undefined);
        const group = other !== undefined ? `fraud ${other.type}/${other.scenario}` : keys.map((k) => truth.labels[k]).find((g) => g !== undefined) ?? 'population';
        const reasons = Array.isArray(f.evidence['reasons']) ? (f.evidence['reasons'] as string[]).join('; ') : JSON.stringify(f.evidence).slice(0, 300);
        falsePositives.push({ type, subject: `${f.subject.kind}:${f.subject.value}`, group, score: f.score, reasons });
      }
    }
    const perScenario = new Map<string, [number, number]>();
    for (const s of expected.values()) {
      const cell = perScenario.get(s.scenario) ?? [0, 0];
      cell[1]++;
      if (found.has(s.value)) cell[0]++;
      else misses.push({ type, subject: `${s.kind}:${s.value}`, scenario: s.scenario });
      perScenario.set(s.scenario, cell);
    }
    byScenario.set(type, perScenario);
    rows.push({
      type, findings: ofType.length, truePositives: tp, truthSubjects: expected.size, found: found.size,
      precision: ofType.length === 0 ? NaN : tp / ofType.length,
      recall: expected.size === 0 ? NaN : found.size / expected.size,
      medianDelayMin: median([...found.values()]),
    });
  }
  return { rows, falsePositives, misses, byScenario };
}

const fmt = (x: number, digits = 2): string => (Number.isNaN(x) ? '—' : x.toFixed(digits));

export function reportMarkdown(report: ScoreReport): string {
  const lines = ['| type | findings | TP | truth | found | precision | recall | median delay (min) |', '|---|---|---|---|---|---|---|---|'];
  for (const r of report.rows) {
    lines.push(`| ${r.type} | ${r.findings} | ${r.truePositives} | ${r.truthSubjects} | ${r.found} | ${fmt(r.precision)} | ${fmt(r.recall)} | ${fmt(r.medianDelayMin, 0)} |`);
  }
  lines.push('', '**Recall by fraud variant**', '', '| type | variant | found / total |', '|---|---|---|');
  for (const [type, scenarios] of report.byScenario) {
    for (const [scenario, [found, total]] of scenarios) lines.push(`| ${type} | ${scenario} | ${found} / ${total} |`);
  }
  lines.push('', `**False positives (${report.falsePositives.length})**`, '');
  const fpGroups = new Map<string, FalsePositive[]>();
  for (const fp of report.falsePositives) {
    const k = `${fp.type} ← ${fp.group}`;
    fpGroups.set(k, [...(fpGroups.get(k) ?? []), fp]);
  }
  for (const [k, fps] of fpGroups) {
    lines.push(`- ${k}: ${fps.length} (e.g. ${fps[0]!.subject}, score ${fps[0]!.score}: ${fps[0]!.reasons})`);
  }
  lines.push('', `**Misses (${report.misses.length})**`, '');
  const missGroups = new Map<string, Miss[]>();
  for (const m of report.misses) {
    const k = `${m.type} / ${m.scenario}`;
    missGroups.set(k, [...(missGroups.get(k) ?? []), m]);
  }
  for (const [k, ms] of missGroups) lines.push(`- ${k}: ${ms.length} (e.g. ${ms.slice(0, 3).map((m) => m.subject).join(', ')})`);
  return lines.join('\n') + '\n';
}
