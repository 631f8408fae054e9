/** `telsentry replay` (Contract 4): the streaming engine over files, findings to JSONL, a summary, exit 0. */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { validateConfig, loadConfigFile, type TelsentryConfig } from '../core/config.js';
import { createDictionaries } from '../core/dictionary.js';
import { createDetectors, type DetectorOptions, type MaintenanceWindow } from '../detectors/index.js';
import { readWatchlistFile } from '../detectors/watchlist/file.js';
import { ErrorCodes, TelsentryError } from '../core/errors.js';
import { readFileSync } from 'node:fs';
import { Engine } from '../engine/engine.js';
import { replayFiles } from '../engine/file-replay.js';
import { loadExporters, replayFlowFiles } from '../engine/flow-replay.js';
import type { ExporterConfig } from '../ingest/flows/index.js';
import { DeadLetterWriter, IngestStats } from '../ingest/index.js';
import { parseFlags, type CommandSpec } from './args.js';
import { formatSummary, summarise, type RunSummary } from './summary.js';
import type { Finding } from '../core/finding.js';

export const replaySpec: CommandSpec = {
  name: 'replay',
  summary: 'run the streaming engine over files in event-time order and write every finding',
  usage: 'telsentry replay --cdr FILE [--cdr FILE…] [--flows FILE…] [--subscribers FILE] [--cells FILE] [--test-calls FILE] --findings OUT.jsonl',
  flags: [
    { name: 'cdr', kind: 'strings', value: 'FILE', help: 'CDR file (CSV, JSON Lines, optionally .gz; - for stdin)' },
    { name: 'flows', kind: 'strings', value: 'FILE', help: 'network-flow file (goflow2 JSON lines or binary)' },
    { name: 'subscribers', kind: 'string', value: 'FILE', help: 'subscriber registrations side feed' },
    { name: 'cells', kind: 'string', value: 'FILE', help: 'cell reference side feed (province, district)' },
    { name: 'exporters', kind: 'string', value: 'FILE', help: 'flow exporter map: JSON [{address, siteId, operator, samplingRate?}]' },
    { name: 'test-calls', kind: 'string', value: 'FILE', help: 'test-call results side feed' },
    { name: 'maintenance', kind: 'string', value: 'FILE', help: 'planned maintenance windows: JSON [{siteId?, cells?, operator?, from, to}]' },
    { name: 'watchlist', kind: 'string', value: 'FILE', help: 'watchlist: lines "kind,value" (msisdn|imsi|imei)' },
    { name: 'findings', kind: 'string', value: 'OUT.jsonl', required: true, help: 'where to write the latest version of every finding' },
    { name: 'dead-letters', kind: 'string', value: 'FILE', help: 'where to write rejected records with their reason' },
    { name: 'config', kind: 'string', value: 'FILE', help: 'JSON config file (see README: homeCountryCode, timeZone, allowedDisorderMs, …)' },
    { name: 'summary-json', kind: 'string', value: 'FILE', help: 'also write the summary as JSON' },
    { name: 'quiet', kind: 'boolean', help: 'no progress lines on stderr' },
    { name: 'single-thread', kind: 'boolean', help: 'decode CDR files on the engine\'s thread instead of a worker thread (same results, slower)' },
  ],
  examples: [
    'telsentry replay --cdr day1.csv.gz --cdr day2.csv.gz --subscribers subscribers.csv --cells cells.csv --test-calls test_calls.csv --findings findings.jsonl',
  ],
};

export interface ReplayResult {
  summary: RunSummary;
  findings: Finding[];
}

export async function runReplay(argv: string[]): Promise<number> {
  const flags = parseFlags(replaySpec, argv);
  const cdrFiles = flags.cdr as string[];
  const flowFiles = flags.flows as string[];
  if (cdrFiles.length === 0 && flowFiles.length === 0) {
    process.stderr.write('replay: give at least one --cdr or --flows file (see "telsentry replay --help")\n');
    return 2;
  }
  const config = flags.config === undefined ? validateConfig({}) : loadConfigFile(flags.config as string);
  const result = await replay({
    config,
    cdrFiles,
    flowFiles,
    exporters: flags.exporters === undefined ? undefined : loadExporters(flags.exporters as string),
    detectors: {
      site_silence: { maintenance: flags.maintenance === undefined ? [] : loadMaintenance(flags.maintenance as string) },
      watchlist: { entries: flags.watchlist === undefined ? [] : readWatchlistFile(flags.watchlist as string) },
    },
    subscribersFile: flags.subscribers as string | undefined,
    cellsFile: flags.cells as string | undefined,
    testCallsFile: flags['test-calls'] as string | undefined,
    deadLettersFile: flags['dead-letters'] as string | undefined,
    findingsFile: flags.findings as string,
    progress: flags.quiet !== true,
    parseInWorker: flags['single-thread'] !== true,
  });
  process.stdout.write(formatSummary(result.summary));
  if (flags['summary-json'] !== undefined) {
    await writeFile(flags['summary-json'] as string, JSON.stringify(result.summary, null, 2) + '\n');
  }
  return 0;
}

export interface ReplayRequest {
  config: TelsentryConfig;
  cdrFiles: string[];
  flowFiles?: string[];
  exporters?: ExporterConfig[];
  detectors?: DetectorOptions;
  subscribersFile?: string;
  cellsFile?: string;
  testCallsFile?: string;
  deadLettersFile?: string;
  findingsFile?: string;
  progress?: boolean;
  /** Decode CDR files on a worker thread (needs the compiled dist/ build); default false. */
  parseInWorker?: boolean;
}

export async function replay(request: ReplayRequest): Promise<ReplayResult> {
  const started = performance.now();
  const dictionaries = createDictionaries();
  const engine = new Engine({ config: request.config, dictionaries, detectors: createDetectors(request.detectors) });
  const stats = new IngestStats();
  const deadLetters = request.deadLettersFile === undefined ? undefined : new DeadLetterWriter(request.deadLettersFile);
  try {
    await replayFiles(request, {
      engine, stats, deadLetters, parseInWorker: request.parseInWorker === true,
      onProgress: request.progress === true ? (p) => process.stderr.write(
        `replay: ${p.recordsRead} records, event time ${Number.isFinite(p.watermarkMs) ? new Date(p.watermarkMs).toISOString() : '-'}, `
        + `${p.findings} findings, ${Math.round(p.recordsRead / ((performance.now() - started) / 1000))} records/s\n`) : undefined,
    });
  } finally {
    await deadLetters?.close();
  }
  let findings = engine.findings();
  const summaryExtra = { flowsRead: 0, flowRejects: {} as Record<string, number> };
  if (request.flowFiles !== undefined && request.flowFiles.length > 0) {
    const flows = await replayFlowFiles(request.flowFiles, { exporters: request.exporters, reference: engine.reference, timeZone: request.config.timeZone });
    findings = [...findings, ...flows.findings].sort((a, b) => (a.detected_at < b.detected_at ? -1 : a.detected_at > b.detected_at ? 1 : a.id < b.id ? -1 : 1));
    summaryExtra.flowsRead = flows.flowsRead;
    summaryExtra.flowRejects = flows.rejects as Record<string, number>;
  }
  if (request.findingsFile !== undefined) await writeFindings(request.findingsFile, findings);
  return { summary: summarise(stats, engine.stats, findings, performance.now() - started, summaryExtra), findings };
}

async function writeFindings(path: string, findings: Finding[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  for (const finding of findings) out.write(JSON.stringify(finding) + '\n');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Planned maintenance windows: a JSON array of {siteId?, cells?, operator?, from, to}. */
export function loadMaintenance(path: string): MaintenanceWindow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `cannot read maintenance file ${path}: ${(cause as Error).message}`, { cause });
  }
  if (!Array.isArray(parsed)) throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `${path}: expected a JSON array of maintenance windows`);
  parsed.forEach((w: unknown, i: number) => {
    const win = w as Partial<MaintenanceWindow>;
    if (win === null || typeof win !== 'object' || (win.siteId === undefined && win.cells === undefined) || win.from === undefined || win.to === undefined) {
      throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `${path}: window ${i} needs siteId or cells, and from and to (got ${JSON.stringify(w)})`);
    }
  });
  return parsed as MaintenanceWindow[];
}
