/**
 * Engine state and the source offsets it covers, written together and atomically.
 *
 *   <dir>/CURRENT                      name of the live checkpoint (replaced by rename)
 *   <dir>/ckpt-000000042/
 *       tables/<name>.arrow            one Arrow IPC file per state table
 *       meta.json  offsets.json        engine metadata; topic/partition → next offset
 *       MANIFEST.json                  written last: file names and sizes
 *
 * A checkpoint is built in a `*.tmp-*` directory, every file and the directory fsynced,
 * renamed to its final name, and only then does CURRENT switch to it (write CURRENT.tmp,
 * fsync, rename, fsync the directory). A directory cannot be renamed over a non-empty one,
 * so the pointer file is what makes the switch atomic: a crash at any point leaves CURRENT
 * naming a complete checkpoint (the old or the new), and leftovers are swept on the next
 * open. The previous checkpoint is kept as a fallback in case the live one fails its
 * manifest check (a disk that lied about fsync).
 */
import {
  closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { ErrorCodes, TelsentryError } from '../../core/errors.js';
import type { TopicPartitionOffset } from './rdkafka.js';

export interface Checkpoint {
  tables: Record<string, Table>;
  /** Engine metadata (JSON-serialisable). */
  meta: unknown;
  /** Next offset to read per partition: what the state already contains. */
  offsets: TopicPartitionOffset[];
}

export interface LoadedCheckpoint extends Checkpoint {
  seq: number;
  path: string;
  /** True when the live checkpoint was unreadable and the previous one was loaded. */
  fellBack: boolean;
}

export interface CheckpointStoreOptions {
  /** Complete checkpoints kept besides the live one (fallbacks). */
  retain: number;
}

export const CHECKPOINT_STORE_DEFAULTS: Readonly<CheckpointStoreOptions> = Object.freeze({
  retain: 1, // one fallback: enough to survive a torn live checkpoint, bounded disk use
});

interface Manifest {
  version: 1;
  seq: number;
  writtenAt: string;
  files: { path: string; bytes: number }[];
  tables: string[];
}

const CURRENT = 'CURRENT';
const DIR_PREFIX = 'ckpt-';
const TMP_MARK = '.tmp-';
const TABLE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const dirName = (seq: number): string => `${DIR_PREFIX}${String(seq).padStart(9, '0')}`;

function storeError(message: string, cause?: unknown): TelsentryError {
  return new TelsentryError(ErrorCodes.STORE_FAILED, message, cause === undefined ? undefined : { cause });
}

function writeFileDurably(path: string, data: Uint8Array | string): number {
  const fd = openSync(path, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    return bytes.length;
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class CheckpointStore {
  readonly dir: string;
  private readonly opts: CheckpointStoreOptions;
  private seq: number;

  constructor(dir: string, opts: Partial<CheckpointStoreOptions> = {}) {
    this.dir = dir;
    this.opts = { ...CHECKPOINT_STORE_DEFAULTS, ...opts };
    if (!Number.isInteger(this.opts.retain) || this.opts.retain < 0 || this.opts.retain > 100) {
      throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `checkpoint retain must be an integer in [0, 100] (got ${this.opts.retain})`);
    }
    mkdirSync(dir, { recursive: true });
    this.sweepTemporaries();
    this.seq = Math.max(0, ...this.completeSeqs());
  }

  /** Writes a checkpoint and makes it the live one; returns its sequence number and size. */
  write(checkpoint: Checkpoint): { seq: number; path: string; bytes: number } {
    const seq = this.seq + 1;
    const finalPath = join(this.dir, dirName(seq));
    const tmpPath = `${finalPath}${TMP_MARK}${process.pid}`;
    rmSync(tmpPath, { recursive: true, force: true });
    mkdirSync(join(tmpPath, 'tables'), { recursive: true });
    const files: Manifest['files'] = [];
    let total = 0;
    const put = (relative: string, data: Uint8Array | string): void => {
      const bytes = writeFileDurably(join(tmpPath, relative), data);
      files.push({ path: relative, bytes });
      total += bytes;
    };
    try {
      const names = Object.keys(checkpoint.tables).sort();
      for (const name of names) {
        if (!TABLE_NAME.test(name)) throw storeError(`checkpoint table name ${JSON.stringify(name)} is not a safe file name`);
        put(join('tables', `${name}.arrow`), tableToIPC(checkpoint.tables[name]!, 'file'));
      }
      put('meta.json', JSON.stringify(checkpoint.meta ?? null));
      put('offsets.json', JSON.stringify(checkpoint.offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset }))));
      const manifest: Manifest = { version: 1, seq, writtenAt: new Date().toISOString(), files, tables: names };
      writeFileDurably(join(tmpPath, 'MANIFEST.json'), JSON.stringify(manifest));
      fsyncDir(join(tmpPath, 'tables'));
      fsyncDir(tmpPath);
      renameSync(tmpPath, finalPath);
      fsyncDir(this.dir);
      writeFileDurably(join(this.dir, `${CURRENT}.tmp`), `${dirName(seq)}\n`);
      renameSync(join(this.dir, `${CURRENT}.tmp`), join(this.dir, CURRENT));
      fsyncDir(this.dir);
    } catch (err) {
      rmSync(tmpPath, { recursive: true, force: true });
      if (err instanceof TelsentryError) throw err;
      throw storeError(`writing checkpoint ${seq} in ${this.dir} failed: ${(err as Error).message}`, err);
    }
    this.seq = seq;
    this.pruneOld();
    return { seq, path: finalPath, bytes: total };
  }

  /** The live checkpoint (or, if it is damaged, the newest complete one before it); null when there is none. */
  load(): LoadedCheckpoint | null {
    const currentPath = join(this.dir, CURRENT);
    if (!existsSync(currentPath)) return null;
    const live = readFileSync(currentPath, 'utf8').trim();
    const liveSeq = Number(live.slice(DIR_PREFIX.length));
    const candidates = [liveSeq, ...this.completeSeqs().filter((s) => s < liveSeq).sort((a, b) => b - a)];
    let firstError: unknown = null;
    for (const seq of candidates) {
      try {
        return { ...this.readCheckpoint(seq), fellBack: seq !== liveSeq };
      } catch (err) {
        firstError ??= err;
      }
    }
    throw storeError(`no readable checkpoint in ${this.dir}: ${(firstError as Error).message}`, firstError);
  }

  private readCheckpoint(seq: number): Omit<LoadedCheckpoint, 'fellBack'> {
    const path = join(this.dir, dirName(seq));
    const manifest = JSON.parse(readFileSync(join(path, 'MANIFEST.json'), 'utf8')) as Manifest;
    if (manifest.version !== 1 || manifest.seq !== seq) throw storeError(`${path}: manifest does not describe checkpoint ${seq}`);
    for (const file of manifest.files) {
      const size = statSync(join(path, file.path)).size;
      if (size !== file.bytes) throw storeError(`${path}/${file.path}: ${size} bytes, manifest says ${file.bytes}`);
    }
    const tables: Record<string, Table> = {};
    for (const name of manifest.tables) tables[name] = tableFromIPC(readFileSync(join(path, 'tables', `${name}.arrow`)));
    const meta: unknown = JSON.parse(readFileSync(join(path, 'meta.json'), 'utf8'));
    const offsets = JSON.parse(readFileSync(join(path, 'offsets.json'), 'utf8')) as TopicPartitionOffset[];
    return { seq, path, tables, meta, offsets };
  }

  private completeSeqs(): number[] {
    return readdirSync(this.dir)
      .filter((name) => name.startsWith(DIR_PREFIX) && !name.includes(TMP_MARK) && /^\d+$/.test(name.slice(DIR_PREFIX.length)))
      .map((name) => Number(name.slice(DIR_PREFIX.length)));
  }

  /** Half-written checkpoints of a crashed writer: never live, safe to delete. */
  private sweepTemporaries(): void {
    for (const name of readdirSync(this.dir)) {
      if ((name.startsWith(DIR_PREFIX) && name.includes(TMP_MARK)) || name === `${CURRENT}.tmp`) {
        rmSync(join(this.dir, name), { recursive: true, force: true });
      }
    }
  }

  private pruneOld(): void {
    const keep = new Set(this.completeSeqs().sort((a, b) => b - a).slice(0, this.opts.retain + 1));
    for (const seq of this.completeSeqs()) {
      if (!keep.has(seq)) rmSync(join(this.dir, dirName(seq)), { recursive: true, force: true });
    }
  }
}
