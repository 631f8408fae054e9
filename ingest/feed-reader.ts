/**
 * Drives one input (file or stdin) through the right scanner into a feed's sink, and
 * holds the bookkeeping every feed shares: stats and dead letters for rejected rows.
 */
import { TelsentryError } from '../core/errors.js';
import { isCompressionError, openInput, unreadable, type InputFormat } from './byte-source.js';
import { CsvScanner } from './csv-scanner.js';
import type { DeadLetterTarget } from './dead-letter.js';
import { JsonlScanner } from './jsonl-scanner.js';
import type { RejectReason } from './reasons.js';
import type { RowScanner, RowSink, RowView } from './row.js';
import type { IngestStats } from './stats.js';

export interface FeedReadOptions {
  stats: IngestStats;
  deadLetters?: DeadLetterTarget;
  /** Overrides the format implied by the file name (needed for stdin if not sniffable). */
  format?: InputFormat;
  /** Name used in dead letters; defaults to the path ('stdin' for '-'). */
  sourceName?: string;
}

export abstract class FeedSink implements RowSink {
  constructor(
    protected readonly stats: IngestStats,
    protected readonly deadLetters: DeadLetterTarget | undefined,
    protected readonly source: string,
  ) {}

  abstract onRow(row: RowView, line: number): void;

  onReject(reason: RejectReason, line: number, detail: string, raw: string): void {
    this.stats.read++;
    this.stats.reject(reason);
    this.deadLetters?.write({ source: this.source, line, reason, detail, raw });
  }
}

export function sourceNameOf(path: string, opts: { sourceName?: string }): string {
  return opts.sourceName ?? (path === '-' ? 'stdin' : path);
}

/** First non-blank byte '{' means JSON Lines; anything else is treated as CSV. */
function sniffFormat(chunk: Buffer): InputFormat {
  for (let i = 0; i < chunk.length && i < 1024; i++) {
    const c = chunk[i]!;
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xef || c === 0xbb || c === 0xbf) continue;
    return c === 123 ? 'jsonl' : 'csv';
  }
  return 'csv';
}

export function makeScanner(
  format: InputFormat, schema: readonly string[], requiredHeader: readonly string[], sink: RowSink, path: string,
): RowScanner {
  return format === 'jsonl' ? new JsonlScanner(schema, sink) : new CsvScanner(schema, requiredHeader, sink, path === '-' ? 'stdin' : path);
}

/**
 * Feeds every chunk of `path` to a scanner made for its format, yielding after each chunk
 * so a caller can hand on what the sink has completed. A gzip stream cut short ends the
 * input (its last partial row is rejected as truncated_row); other failures throw
 * INPUT_UNREADABLE.
 */
export async function* scanInput(
  path: string, format: InputFormat | undefined, createScanner: (format: InputFormat) => RowScanner,
): AsyncGenerator<void> {
  const input = await openInput(path);
  let scanner: RowScanner | null = null;
  let cutShort: string | undefined;
  try {
    for await (const chunk of input.chunks) {
      if (chunk.length === 0) continue;
      scanner ??= createScanner(format ?? input.formatFromName ?? sniffFormat(chunk));
      scanner.feed(chunk);
      yield;
    }
  } catch (err) {
    if (err instanceof TelsentryError) throw err;
    if (!(input.gzip && isCompressionError(err) && scanner !== null)) {
      throw unreadable(path, `cannot read (${(err as Error).message})`, err);
    }
    cutShort = `gzip stream cut short (${(err as Error).message})`;
  }
  scanner ??= createScanner(format ?? input.formatFromName ?? 'csv');
  scanner.finish(cutShort);
  yield;
}
