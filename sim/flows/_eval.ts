import { writeSimulatedFlows } from './simulate.js';
import { readFlows } from '../../ingest/flows/read.js';
import { FlowEngine } from '../../engine/flows/flow-engine.js';
import type { Finding } from '../../core/finding.js';
const t0 = Date.now();
const seed = Number(process.argv[2] ?? 7);
const sim = await writeSimulatedFlows('/tmp/fl/flows.jsonl', { seed });
console.log('lines', sim.lineCount, 'ms', Date.now() - t0);
const engine = new FlowEngine();
const latest = new Map<string, Finding>();
const first = new Map<string, Finding>();
engine.onFinding((f) => { latest.set(f.id, f); if (!first.has(f.id)) first.set(f.id, f); });
const rejects = {};
for await (const b of readFlows('/tmp/fl/flows.jsonl', { exporters: sim.exporters, rejects })) engine.ingest(b);
engine.flush();
console.log('read+engine ms', Date.now() - t0, rejects, engine.counters);
const truthKeys = new Map(sim.truth.fraud.map((t) => [`${t.type}|${t.subject.value}`, t]));
let tp = 0;
const seen = new Set<string>();
for (const f of latest.values()) {
  const k = `${f.type}|${f.subject.value}`;
  const t = truthKeys.get(k);
  const delay = t ? (Date.parse(first.get(f.id)!.detected_at) - Date.parse(t.first_fraud_at)) / 1000 : NaN;
  if (!t || delay > 60 && f.type === 'ddos') console.log(t ? 'TP' : 'FP', k, f.severity, f.first_event_at, 'delay_s', delay, JSON.stringify(f.evidence).slice(0, 200));
  if (t && !seen.has(k)) { tp++; seen.add(k); }
}
for (const k of truthKeys.keys()) if (!seen.has(k)) console.log('FN', k, truthKeys.get(k)!.first_fraud_at);
console.log('findings', latest.size, 'tp', tp, 'truth', truthKeys.size);
