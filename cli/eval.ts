/**
 * `telsentry eval` (npm run eval): simulates each scenario, replays it through the engine and
 * prints per finding type precision, recall and detection delay against the ground truth.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { replayFlowFiles } from '../engine/flow-replay.js';
import { ReferenceData } from '../engine/reference.js';
import { writeSimulatedFlows } from '../sim/flows/simulate.js';
import { join } from 'node:path';
import { validateConfig } from '../core/config.js';
import { formatScoreTable, scoreFindings, type TruthFile, type TypeScore } from '../eval/score.js';
import { SCENARIO_NAMES, simulate, type ScenarioName } from '../sim/index.js';
import { parseFlags, type CommandSpec } from './args.js';
import { replay } from './replay.js';

export const evalSpec: CommandSpec = {
  name: 'eval',
  summary: 'simulate scenarios, replay them and score findings against ground truth',
  usage: 'telsentry eval [--scenario NAME…] [--subscribers N] [--days D] [--seed S] [--dir DIR]',
  flags: [
    { name: 'scenario', kind: 'strings', value: 'NAME', help: `scenario(s) to run (default: all of ${SCENARIO_NAMES.join(', ')})` },
    { name: 'subscribers', kind: 'int', value: 'N', default: 20_000, min: 100, help: 'population size' },
    { name: 'days', kind: 'int', value: 'D', default: 2, min: 1, max: 30, help: 'simulated days' },
    { name: 'seed', kind: 'int', value: 'S', default: 101, help: 'seed (kept apart from the seeds the detectors were developed on)' },
    { name: 'dir', kind: 'string', value: 'DIR', default: 'data/eval', help: 'working directory for simulated files and findings' },
    { name: 'json', kind: 'string', value: 'FILE', help: 'also write all scores as JSON' },
    { name: 'flows', kind: 'boolean', default: true, help: 'also evaluate the flow detectors on a simulated flow scenario' },
    { name: 'reuse', kind: 'boolean', help: 'reuse simulated files already in DIR/<scenario> made with the same seed and size' },
  ],
};

export async function runEval(argv: string[]): Promise<number> {
  const flags = parseFlags(evalSpec, argv);
  const chosen = (flags.scenario as string[]).length > 0 ? flags.scenario as string[] : [...SCENARIO_NAMES];
  for (const name of chosen) {
    if (!(SCENARIO_NAMES as readonly string[]).includes(name)) {
      process.stderr.write(`eval: unknown scenario "${name}" (one of ${SCENARIO_NAMES.join(', ')})\n`);
      return 2;
    }
  }
  const all: Record<string, TypeScore[]> = {};
  for (const scenario of chosen) {
    const dir = join(flags.dir as string, scenario);
    const sim = (flags.reuse === true ? await previousSimulation(dir, flags.seed as number, flags.subscribers as number, flags.days as number) : undefined)
      ?? await (async () => {
        process.stderr.write(`eval: ${scenario}: simulating ${String(flags.subscribers)} subscribers × ${String(flags.days)} days…\n`);
        const made = await simulate({
          outDir: dir, seed: flags.seed as number, subscribers: flags.subscribers as number, days: flags.days as number,
          scenario: scenario as ScenarioName, format: 'csv', gzip: true,
        });
        await writeFile(join(dir, 'simulation.json'), JSON.stringify({ seed: flags.seed, subscribers: flags.subscribers, days: flags.days, ...made }) + '\n');
        return made;
      })();
    process.stderr.write(`eval: ${scenario}: replaying ${sim.records} records…\n`);
    const truth = JSON.parse(await readFile(sim.files.truth, 'utf8')) as TruthFile & {
      maintenance?: { site_id: string; operator: string; cells: string[]; from: string; to: string }[];
    };
    const result = await replay({
      // Operators announce planned works; the simulator's schedule stands in for that feed.
      detectors: { site_silence: { maintenance: (truth.maintenance ?? []).map((m) => ({ siteId: m.site_id, operator: m.operator, cells: m.cells, from: m.from, to: m.to })) } },
      config: validateConfig({}),
      cdrFiles: sim.files.cdr,
      subscribersFile: sim.files.subscribers,
      cellsFile: sim.files.cells,
      testCallsFile: sim.files.testCalls,
      findingsFile: join(dir, 'findings.jsonl'),
    });
    const scores = scoreFindings(result.findings, truth);
    all[scenario] = scores;
    process.stdout.write(formatScoreTable(`${scenario} (seed ${String(flags.seed)}, ${result.summary.recordsRead} records, ${result.summary.recordsPerSecond} records/s)`, scores) + '\n');
  }
  if (flags.flows === true) {
    const dir = join(flags.dir as string, 'flows');
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'flows.jsonl.gz');
    process.stderr.write(`eval: flows: simulating ${String(flags.days)} days of flows…\n`);
    const made = await writeSimulatedFlows(path, { seed: flags.seed as number, days: flags.days as number });
    const reference = new ReferenceData();
    const result = await replayFlowFiles([path], { exporters: made.exporters, reference, timeZone: validateConfig({}).timeZone });
    const scores = scoreFindings(result.findings, { fraud: made.truth.fraud as TruthFile['fraud'], confounders: [] });
    all.flows = scores;
    process.stdout.write(formatScoreTable(`flows (seed ${String(flags.seed)}, ${result.flowsRead} flows)`, scores) + '\n');
  }
  if (flags.json !== undefined) {
    await writeFile(flags.json as string, JSON.stringify(all, null, 2) + '\n');
  }
  return 0;
}

/** The files of an earlier simulation in `dir` when it was made with the same seed and size. */
async function previousSimulation(dir: string, seed: number, subscribers: number, days: number): Promise<Awaited<ReturnType<typeof simulate>> | undefined> {
  try {
    const made = JSON.parse(await readFile(join(dir, 'simulation.json'), 'utf8')) as Awaited<ReturnType<typeof simulate>> & { seed: number; subscribers: number; days: number };
    return made.seed === seed && made.subscribers === subscribers && made.days === days ? made : undefined;
  } catch {
    return undefined;
  }
}
