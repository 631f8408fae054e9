/**
 * Scale-out gap probe (issue 4, BENCHMARKS.md "Scale-out without repartition topics"): what
 * detection loses when N engine instances each see only their partitions' subscribers, as in a
 * consumer group without repartition topics.
 *
 *   node dist/bench/partition-gap.js --dir DIR [--instances 2]
 *
 * DIR holds simulator output (cdr-*.csv[.gz], subscribers.csv, cells.csv, test_calls.csv). The CDR
 * files are split by served IMSI exactly as `telsentry simulate --kafka` partitions them
 * (crc32(imsi) mod N: one instance per partition), the side feeds go to every instance, and
 * `telsentry replay` runs on the whole input and on each part. Findings are compared by
 * (type, subject): found by the one engine only = lost by the split, by a part only = extra; for
 * the others, whether several instances raised it (duplicates for the reader to merge), under
 * another id or severity, and earlier or later (the instances' earliest raise counts).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, crc32 } from 'node:zlib';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const dir = arg('dir', 'data/sim');
const instances = Number(arg('instances', '2'));
if (!Number.isInteger(instances) || instances < 2 || instances > 16) throw new RangeError(`--instances must be an integer from 2 to 16 (got ${arg('instances', '2')})`);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'telsentry.js');
const names = readdirSync(dir);
const cdrFiles = names.filter((n) => n.startsWith('cdr-')).sort().map((n) => join(dir, n));
if (cdrFiles.length === 0) throw new Error(`no cdr-* files in ${dir}`);
const side = (['subscribers', 'cells', 'test-calls'] as const).flatMap((flag) => {
  const file = join(dir, `${flag.replace('-', '_')}.csv`);
  return existsSync(file) ? [`--${flag}`, file] : [];
});
const work = mkdtempSync(join(tmpdir(), 'telsentry-partition-gap-'));

/** Writes each CDR file's rows into `instances` plain CSV parts by crc32(imsi) mod instances. */
async function split(file: string, index: number): Promise<string[]> {
  const parts = Array.from({ length: instances }, (_, p) => join(work, `part${p}-${index}.csv`));
  const outs: WriteStream[] = parts.map((path) => createWriteStream(path));
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  let imsiColumn = -1;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (imsiColumn < 0) {
      imsiColumn = line.split(',').indexOf('imsi');
      if (imsiColumn < 0) throw new Error(`${file}: no imsi column (comma-separated header expected)`);
      for (const out of outs) out.write(line + '\n');
      continue;
    }
    // Simulator CSV has no quoted commas before the imsi column; a row too short goes to part 0 (replay rejects it there).
    const imsi = line.split(',')[imsiColumn] ?? '';
    outs[crc32(imsi) % instances]!.write(line + '\n');
  }
  await Promise.all(outs.map((out) => new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))));
  return parts;
}

interface Found {
  id: string;
  type: string;
  severity: string;
  detectedMs: number;
  delayMin: number;
}

interface Run {
  seconds: number;
  /** (type, subject) → finding. */
  found: Map<string, Found>;
}

function replay(cdrs: readonly string[], label: string): Run {
  const findings = join(work, `findings-${label}.jsonl`);
  const t0 = performance.now();
  execFileSync(process.execPath, [BIN, 'replay', '--quiet', ...cdrs.flatMap((f) => ['--cdr', f]), ...side, '--findings', findings], { stdio: ['ignore', 'ignore', 'inherit'] });
  const found = new Map<string, Found>();
  for (const line of readFileSync(findings, 'utf8').split('\n')) {
    if (line === '') continue;
    const f = JSON.parse(line) as { id: string; type: string; severity: string; subject: { kind: string; value: string }; first_event_at: string; detected_at: string };
    const detectedMs = Date.parse(f.detected_at);
    found.set(`${f.type}\t${f.subject.kind}:${f.subject.value}`, {
      id: f.id, type: f.type, severity: f.severity, detectedMs, delayMin: (detectedMs - Date.parse(f.first_event_at)) / 60_000,
    });
  }
  return { seconds: (performance.now() - t0) / 1000, found };
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((x, y) => x - y);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
};

try {
  const parts: string[][] = Array.from({ length: instances }, () => []);
  for (const [i, file] of cdrFiles.entries()) (await split(file, i)).forEach((part, p) => parts[p]!.push(part));
  const whole = replay(cdrFiles, 'whole');
  const runs = parts.map((files, p) => replay(files, `part${p}`));
  /** Subject → the earliest raise among the instances, and how many instances raised it. */
  const union = new Map<string, Found & { instances: number }>();
  for (const run of runs) {
    for (const [key, f] of run.found) {
      const seen = union.get(key);
      if (seen === undefined) union.set(key, { ...f, instances: 1 });
      else union.set(key, { ...(f.detectedMs < seen.detectedMs ? f : seen), instances: seen.instances + 1 });
    }
  }
  const types = [...new Set([...whole.found.values(), ...union.values()].map((f) => f.type))].sort();
  const perType: Record<string, Record<string, number | null>> = {};
  for (const type of types) {
    const a = [...whole.found].filter(([, f]) => f.type === type);
    const b = [...union].filter(([, f]) => f.type === type);
    const both = a.filter(([key]) => union.has(key)).map(([key, f]) => [f, union.get(key)!] as const);
    perType[type] = {
      oneEngine: a.length,
      split: b.length,
      lost: a.length - both.length,
      extra: b.length - both.length,
      raisedByMoreThanOne: b.filter(([, f]) => f.instances > 1).length,
      otherId: both.filter(([x, y]) => x.id !== y.id).length,
      otherSeverity: both.filter(([x, y]) => x.severity !== y.severity).length,
      raisedLater: both.filter(([x, y]) => y.detectedMs > x.detectedMs).length,
      raisedEarlier: both.filter(([x, y]) => y.detectedMs < x.detectedMs).length,
      medianDelayMinOneEngine: median(a.map(([, f]) => f.delayMin)),
      medianDelayMinSplit: median(b.map(([, f]) => f.delayMin)),
    };
  }
  process.stdout.write(JSON.stringify({
    dir, instances, cdrFiles: cdrFiles.length,
    seconds: { whole: Math.round(whole.seconds), parts: runs.map((run) => Math.round(run.seconds)) },
    perType,
  }, null, 1) + '\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
