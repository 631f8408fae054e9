/**
 * Writes the default flow scenario: `vite-node sim/flows/main.ts --out flows.jsonl[.gz]
 * --truth truth.json [--days 2] [--seed 7] [--exporters exporters.json]`.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeSimulatedFlows } from './simulate.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string' }, truth: { type: 'string' }, exporters: { type: 'string' },
    days: { type: 'string' }, seed: { type: 'string' }, rate: { type: 'string' },
  },
});
if (values.out === undefined || values.truth === undefined) {
  console.error('usage: main.ts --out FLOWS.jsonl[.gz] --truth TRUTH.json [--exporters EXPORTERS.json] [--days N] [--seed N] [--rate FLOWS_PER_MIN]');
  process.exit(2);
}
const sim = await writeSimulatedFlows(values.out, {
  ...(values.days ? { days: Number(values.days) } : {}),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values.rate ? { baseFlowsPerMinute: Number(values.rate) } : {}),
});
writeFileSync(values.truth, `${JSON.stringify(sim.truth, null, 1)}\n`);
if (values.exporters) writeFileSync(values.exporters, `${JSON.stringify(sim.exporters, null, 1)}\n`);
console.log(`${sim.lineCount} flows → ${values.out}; ${sim.truth.fraud.length} truth entries → ${values.truth}`);
