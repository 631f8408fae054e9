/**
 * Writes a simulation to disk: one CDR file per local day (by mediation delivery time, the
 * way operators hand over daily files), streamed through gzip with back-pressure, then the
 * side feeds (subscribers, cells, test calls) and truth.json.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createGzip, constants as zlibConstants, type Gzip } from 'node:zlib';
import { DAY_MS } from '../core/time.js';
import { CSV_HEADER, csvTable } from './format.js';
import type { Simulation } from './generate.js';
import type { ResolvedOptions } from './options.js';
import type { World } from './world.js';

export interface SimulationFiles {
  cdr: string[];
  subscribers: string;
  cells: string;
  testCalls: string;
  truth: string;
}

/**
 * zlib level 1: measured on 20k subscribers × 2 days, it halves gzip CPU against the default
 * level 6 (≈ 2.3 s vs 5.8 s for 1 M rows) for files only ~20 % larger (45 MB vs 37 MB).
 */
const GZIP_LEVEL = zlibConstants.Z_BEST_SPEED;

class DayFile {
  readonly path: string;
  private readonly file: WriteStream;
  private readonly gzip: Gzip | undefined;

  constructor(path: string, gzip: boolean, header: string) {
    this.path = path;
    this.file = createWriteStream(path);
    this.gzip = gzip ? createGzip({ level: GZIP_LEVEL }) : undefined;
    if (this.gzip) this.gzip.pipe(this.file);
    if (header !== '') this.sink.write(header);
  }

  private get sink(): NodeJS.WritableStream {
    return this.gzip ?? this.file;
  }

  async write(text: string | Buffer): Promise<void> {
    if (!this.sink.write(text)) await once(this.sink, 'drain');
  }

  async close(): Promise<void> {
    const finished = once(this.file, 'close');
    this.sink.end();
    await finished;
  }
}

export async function writeSimulation(sim: Simulation, opts: ResolvedOptions): Promise<{ files: SimulationFiles; records: number }> {
  mkdirSync(opts.outDir, { recursive: true });
  const clock = sim.world.clock;
  const ext = (opts.format === 'csv' ? '.csv' : '.jsonl') + (opts.gzip ? '.gz' : '');
  const dayPaths = Array.from({ length: opts.days }, (_, d) => join(opts.outDir, `cdr-${clock.localDate(opts.startMs + d * DAY_MS)}${ext}`));
  const header = opts.format === 'csv' ? CSV_HEADER : '';
  let day = 0;
  let file = new DayFile(dayPaths[0] as string, opts.gzip, header);
  const dayOf = (deliverMs: number): number => Math.min(opts.days - 1, Math.max(0, Math.floor((deliverMs - opts.startMs) / DAY_MS)));
  for (const segments of sim.rowBatches(dayOf)) {
    for (const segment of segments) {
      if (segment.day !== day) {
        await file.close();
        day = segment.day;
        file = new DayFile(dayPaths[day] as string, opts.gzip, header);
      }
      await file.write(segment.data);
    }
    opts.onProgress?.({ records: sim.recordsWritten, simulatedMs: Math.min(opts.endMs, opts.startMs + sim.hoursDone * 3_600_000) - opts.startMs });
  }
  await file.close();
  // Days with no deliveries at all (impossible with a population, but keep the file set complete).
  for (let d = day + 1; d < opts.days; d++) await new DayFile(dayPaths[d] as string, opts.gzip, header).close();
  return { files: writeSideFiles(sim, opts, dayPaths), records: sim.recordsWritten };
}

function writeSideFiles(sim: Simulation, opts: ResolvedOptions, cdr: string[]): SimulationFiles {
  const { world } = sim;
  const files: SimulationFiles = {
    cdr, subscribers: join(opts.outDir, 'subscribers.csv'), cells: join(opts.outDir, 'cells.csv'),
    testCalls: join(opts.outDir, 'test_calls.csv'), truth: join(opts.outDir, 'truth.json'),
  };
  writeFileSync(files.subscribers, csvTable(SUBSCRIBER_COLUMNS, subscriberRows(world)));
  writeFileSync(files.cells, csvTable(CELL_COLUMNS, cellRows(world)));
  const testCalls = sim.testCallRows() as unknown as Record<string, string>[];
  writeFileSync(files.testCalls, csvTable(['test_id', 'called_at', 'b_number', 'original_cli', 'observed_cli', 'route'], testCalls));
  writeFileSync(files.truth, JSON.stringify(sim.truth(), null, 1) + '\n');
  return files;
}

export const SUBSCRIBER_COLUMNS = ['msisdn', 'imsi', 'operator', 'activated_at', 'plan', 'customer_type', 'dealer_id', 'id_hash'] as const;
export const CELL_COLUMNS = ['cell_id', 'site_id', 'lat', 'lon', 'province', 'district'] as const;

/** The subscribers side feed as rows (also for callers feeding an engine without files). */
export function subscriberRows(world: World): Record<(typeof SUBSCRIBER_COLUMNS)[number], string>[] {
  return world.subscribers.map((s) => ({
    msisdn: s.msisdn, imsi: s.imsi, operator: s.operator, activated_at: new Date(s.activatedAtMs).toISOString(), plan: s.plan,
    customer_type: s.customerType, dealer_id: s.dealerId, id_hash: s.idHash,
  }));
}

/** The cells side feed as rows. */
export function cellRows(world: World): Record<(typeof CELL_COLUMNS)[number], string | number>[] {
  return world.geo.cells.map((c) => ({ cell_id: c.cellId, site_id: c.siteId, lat: c.lat, lon: c.lon, province: c.province, district: c.district }));
}
