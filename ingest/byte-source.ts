/**
 * Opens a file or stdin ('-') as a stream of byte chunks, transparently gunzipping when
 * the first bytes are the gzip magic (whatever the name says), and picks the format from
 * the name (after stripping .gz). Failures to open are INPUT_UNREADABLE with the path.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ErrorCodes, TelsentryError } from '../core/errors.js';

export type InputFormat = 'csv' | 'jsonl';

/** Large reads keep per-chunk overhead (carry concat, async hop) small against the parse. */
const READ_CHUNK_BYTES = 1024 * 1024;
const GUNZIP_CHUNK_BYTES = 256 * 1024;

const FORMAT_BY_EXTENSION: Readonly<Record<string, InputFormat>> = {
  csv: 'csv', tsv: 'csv', txt: 'csv', jsonl: 'jsonl', ndjson: 'jsonl', json: 'jsonl',
};

export interface OpenedInput {
  /** Format from the file name; null when the name does not tell (stdin, odd extension). */
  formatFromName: InputFormat | null;
  gzip: boolean;
  chunks: AsyncIterable<Buffer>;
}

export function formatFromName(path: string): InputFormat | null {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  const dot = name.lastIndexOf('.');
  return dot < 0 ? null : FORMAT_BY_EXTENSION[name.slice(dot + 1)] ?? null;
}

export function unreadable(path: string, why: string, cause?: unknown): TelsentryError {
  return new TelsentryError(ErrorCodes.INPUT_UNREADABLE, `${path === '-' ? 'stdin' : path}: ${why}`, { cause });
}

export async function openInput(path: string): Promise<OpenedInput> {
  let source: Readable;
  if (path === '-') {
    source = process.stdin;
  } else {
    try {
      const info = await stat(path);
      if (!info.isFile() && !info.isFIFO()) throw unreadable(path, 'not a regular file');
    } catch (err) {
      if (err instanceof TelsentryError) throw err;
      throw unreadable(path, `cannot open (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, err);
    }
    source = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  }
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  // Read until the two magic bytes are in hand (a pipe may deliver a single byte first).
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  try {
    while (head.length < 2) {
      const next = await iterator.next();
      if (next.done === true) {
        ended = true;
        break;
      }
      head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
    }
  } catch (err) {
    throw unreadable(path, `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, err);
  }
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  if (!gzip && path.toLowerCase().endsWith('.gz')) {
    await iterator.return?.();
    throw unreadable(path, 'named .gz but is not gzip data');
  }
  async function* raw(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      if (ended) return;
      while (true) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.(); // closes the file (or stdin) when a reader stops early
    }
  }
  let chunks: AsyncIterable<Buffer> = raw();
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
    pipeline(Readable.from(raw(), { objectMode: false }), gunzip, () => undefined);
    chunks = gunzip;
  }
  return { formatFromName: path === '-' ? null : formatFromName(path), gzip, chunks };
}

/** zlib reports a cut or corrupt stream with these codes; anything read before stays valid. */
export function isCompressionError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || code === 'ERR_ZLIB_INITIALIZATION_FAILED';
}
