/**
 * Rejected records as JSON Lines: {"source","line","reason","detail","raw"}. Writes are
 * buffered and flushed synchronously in blocks, so memory stays bounded however many rows
 * are rejected and nothing is lost if the process ends right after close().
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RejectReason } from './reasons.js';

/** A rejected row keeps at most this many characters of its raw text (rows may be 64 KiB). */
export const DEAD_LETTER_RAW_MAX_CHARS = 2_048;
/** Flush to disk once this many bytes are buffered. */
const FLUSH_BYTES = 64 * 1024;

export interface DeadLetter {
  source: string;
  line: number;
  reason: RejectReason;
  detail: string;
  raw: string;
}

/** Where rejected rows go: a file (DeadLetterWriter) or, for Kafka side feeds, the dead-letter topic. */
export interface DeadLetterTarget {
  write(entry: DeadLetter): void;
}

export class DeadLetterWriter implements DeadLetterTarget {
  readonly path: string;
  private fd: number | null;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Entries written so far. */
  count = 0;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
  }

  write(entry: DeadLetter): void {
    if (this.fd === null) throw new Error(`dead-letter file ${this.path} is closed`);
    const raw = entry.raw.length > DEAD_LETTER_RAW_MAX_CHARS
      ? entry.raw.slice(0, DEAD_LETTER_RAW_MAX_CHARS) + `…[${entry.raw.length - DEAD_LETTER_RAW_MAX_CHARS} more chars]`
      : entry.raw;
    const line = JSON.stringify({ source: entry.source, line: entry.line, reason: entry.reason, detail: entry.detail, raw }) + '\n';
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.count++;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.fd === null || this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }

  close(): Promise<void> {
    if (this.fd !== null) {
      this.flush();
      closeSync(this.fd);
      this.fd = null;
    }
    return Promise.resolve();
  }
}
