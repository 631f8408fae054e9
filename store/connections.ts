/**
 * Connections of one DuckDB instance: a single writer (serialised, so a transaction never
 * interleaves with another write) and a small pool of readers. A read can carry a deadline:
 * when it passes, the reader's running query is interrupted inside DuckDB.
 */
import type { DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement, DuckDBResultReader, DuckDBTypeId, DuckDBValue } from '@duckdb/node-api';
import { ErrorCodes, TelsentryError } from '../core/errors.js';

/**
 * Readers open at once (each keeps its prepared statements). More concurrent reads wait for one:
 * DuckDB parallelises inside a query, so extra connections on 2 cores only add planning work.
 */
export const MAX_READERS = 8;

/** Prepared statements kept per reader (named queries are few; ad-hoc SQL would evict them all). */
export const MAX_CACHED_STATEMENTS = 64;

export interface ReadOptions {
  /** Absolute deadline (epoch ms); the query is interrupted when it passes. */
  deadlineMs?: number;
}

export type Row = Record<string, unknown>;

export interface Table {
  columns: string[];
  typeIds: DuckDBTypeId[];
  rows: unknown[][];
}

export class Connections {
  private readonly idleReaders: DuckDBConnection[] = [];
  private openReaders = 0;
  private readonly waiting: ((connection: DuckDBConnection | undefined) => void)[] = [];
  private readonly statements = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();
  private writeTail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    readonly writer: DuckDBConnection,
  ) {}

  /** Runs `work` alone on the writer connection (calls queue in order). */
  exclusiveWrite<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.writeTail.then(() => {
      if (this.closed) throw new TelsentryError(ErrorCodes.STORE_FAILED, 'store is closed');
      return work(this.writer);
    });
    this.writeTail = run.catch(() => undefined);
    return run;
  }

  /**
   * One statement alone on the writer, in its own transaction (auto-commit), its prepared form kept:
   * for small frequent writes, where BEGIN and COMMIT as statements of their own cost more than the write.
   */
  writeStatement(sqlText: string, params: Record<string, DuckDBValue>): Promise<void> {
    return this.exclusiveWrite(async (connection) => {
      const statement = await this.prepared(connection, sqlText);
      statement.clearBindings();
      statement.bind(params);
      await statement.run();
    });
  }

  /** A transaction on the writer: BEGIN, work, COMMIT; ROLLBACK and rethrow on failure. */
  transaction<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.exclusiveWrite(async (connection) => {
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work(connection);
        await connection.run('COMMIT');
        return result;
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Runs one read statement with named parameters; rows come back as plain JS values. */
  async read(sqlText: string, params: Record<string, DuckDBValue>, options: ReadOptions = {}): Promise<Row[]> {
    return this.withReader(sqlText, params, options, (reader) => reader.getRowObjectsJS() as Row[]);
  }

  /** Like read, keeping column order and DuckDB types (for the named-query API). */
  async readTable(sqlText: string, params: Record<string, DuckDBValue>, options: ReadOptions = {}): Promise<Table> {
    return this.withReader(sqlText, params, options, (reader) => ({
      columns: reader.columnNames(),
      typeIds: reader.columnTypes().map((type) => type.typeId),
      rows: reader.getRowsJS() as unknown[][],
    }));
  }

  private async withReader<T>(sqlText: string, params: Record<string, DuckDBValue>, options: ReadOptions, take: (reader: DuckDBResultReader) => T): Promise<T> {
    if (this.closed) throw new TelsentryError(ErrorCodes.STORE_FAILED, 'store is closed');
    const connection = await this.acquire();
    let timer: NodeJS.Timeout | undefined;
    let interrupted = false;
    if (options.deadlineMs !== undefined) {
      const remainingMs = options.deadlineMs - Date.now();
      if (remainingMs <= 0) {
        this.release(connection);
        throw new TelsentryError(ErrorCodes.DEADLINE_EXCEEDED, 'deadline passed before the query started');
      }
      timer = setTimeout(() => {
        interrupted = true;
        connection.interrupt();
      }, remainingMs);
    }
    try {
      const statement = await this.prepared(connection, sqlText);
      statement.clearBindings();
      statement.bind(params);
      const reader = await statement.runAndReadAll();
      return take(reader);
    } catch (cause) {
      if (interrupted) throw new TelsentryError(ErrorCodes.DEADLINE_EXCEEDED, 'query interrupted: deadline passed', { cause });
      throw storeError(cause);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      this.release(connection);
    }
  }

  /** Parsing and planning cost about as much as a point lookup: each reader keeps its statements. */
  private async prepared(connection: DuckDBConnection, sqlText: string): Promise<DuckDBPreparedStatement> {
    let cache = this.statements.get(connection);
    if (cache === undefined) {
      cache = new Map();
      this.statements.set(connection, cache);
    }
    let statement = cache.get(sqlText);
    if (statement === undefined) {
      statement = await connection.prepare(sqlText);
      if (cache.size >= MAX_CACHED_STATEMENTS) {
        for (const old of cache.values()) old.destroySync();
        cache.clear();
      }
      cache.set(sqlText, statement);
    }
    return statement;
  }

  private async acquire(): Promise<DuckDBConnection> {
    const idle = this.idleReaders.pop();
    if (idle !== undefined) return idle;
    if (this.openReaders < MAX_READERS) {
      this.openReaders += 1;
      try {
        return await this.instance.connect();
      } catch (cause) {
        this.openReaders -= 1;
        throw storeError(cause);
      }
    }
    const handed = await new Promise<DuckDBConnection | undefined>((resolve) => this.waiting.push(resolve));
    if (handed === undefined) throw new TelsentryError(ErrorCodes.STORE_FAILED, 'store is closed');
    return handed;
  }

  private release(connection: DuckDBConnection): void {
    if (this.closed) {
      this.openReaders -= 1;
      this.closeReader(connection);
      return;
    }
    const next = this.waiting.shift();
    if (next !== undefined) next(connection);
    else this.idleReaders.push(connection);
  }

  /** Statements first: a prepared statement finalized after its connection closed crashes the process. */
  private closeReader(connection: DuckDBConnection): void {
    for (const statement of this.statements.get(connection)?.values() ?? []) statement.destroySync();
    this.statements.delete(connection);
    connection.closeSync();
  }

  async close(): Promise<void> {
    await this.writeTail;
    this.closed = true;
    for (const resolve of this.waiting.splice(0)) resolve(undefined);
    for (const connection of this.idleReaders.splice(0)) {
      this.openReaders -= 1;
      this.closeReader(connection);
    }
    this.closeReader(this.writer);
  }
}

/** DuckDB's own errors become STORE_FAILED (message kept); ours pass through. */
export function storeError(cause: unknown): TelsentryError {
  if (cause instanceof TelsentryError) return cause;
  return new TelsentryError(ErrorCodes.STORE_FAILED, `duckdb: ${(cause as Error)?.message ?? String(cause)}`, { cause });
}
