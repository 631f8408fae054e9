/**
 * The seeded traffic simulator behind `telsentry simulate`: a population with daily rhythm,
 * social circles, mobility, SMS and data; legitimate heavy users (confounders); SIM-box farms
 * and the issue-3 fraud behaviours, all with ground truth. Same seed → byte-identical files.
 */
import { csvRow, jsonRow } from './format.js';
import { generateCdrs, Simulation } from './generate.js';
import { resolveOptions, type SimulationOptions } from './options.js';
import { writeSimulation, type SimulationFiles } from './output.js';

// Options and scenarios
export { SCENARIO_NAMES, SIMULATION_DEFAULTS, resolveOptions } from './options.js';
export type { ScenarioName, SimulationOptions, ResolvedOptions } from './options.js';
// Streaming records without files (e.g. feeding the engine directly)
export { generateCdrs, Simulation };
export type { PendingRecord } from './sink.js';
// Ground truth and side feeds
export type { TruthFile, FraudEntry, ConfounderEntry, MaintenanceEntry } from './truth.js';
export type { TestCallRow } from './behaviours/test_calls.js';
export type { SimulationFiles } from './output.js';
export { subscriberRows, cellRows, SUBSCRIBER_COLUMNS, CELL_COLUMNS } from './output.js';
// Hot lists the detectors' defaults may want to compare against
export { IRSF_PREMIUM_RANGES } from './behaviours/irsf.js';
export { WANGIRI_SOURCES } from './behaviours/wangiri.js';

/** Runs a simulation and writes Contract-1 CDR files, side feeds and truth.json into `outDir`. */
export async function simulate(options: Partial<SimulationOptions> & { outDir: string; seed: number }): Promise<{ files: SimulationFiles; records: number }> {
  const opts = resolveOptions(options);
  return writeSimulation(new Simulation(opts, opts.format === 'csv' ? csvRow : jsonRow), opts);
}
