/**
 * Columnar appends through DuckDB data chunks: one native copy per column per 2048 rows
 * instead of one call per value, which is what makes daily-feature writes cheap.
 */
import { DuckDBDataChunk, DuckDBDateValue, type DuckDBAppender, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { ErrorCodes, TelsentryError } from '../core/errors.js';

/** DuckDB's STANDARD_VECTOR_SIZE: a data chunk holds at most this many rows. */
export const CHUNK_ROWS = 2048;

export type ColumnData = readonly DuckDBValue[] | Uint32Array | Float64Array | Int32Array;

/** Appends `length` rows; `columns[i]` fills the i-th column of `types` (the table's column order). */
export function appendColumns(appender: DuckDBAppender, types: readonly DuckDBType[], columns: readonly ColumnData[], length: number): void {
  if (columns.length !== types.length) throw new Error(`appendColumns: ${columns.length} columns for ${types.length} types`);
  for (let start = 0; start < length; start += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, length - start);
    const chunk = DuckDBDataChunk.create(types, rows);
    for (let column = 0; column < columns.length; column++) {
      const data = columns[column] as ColumnData;
      chunk.setColumnValues(column, data.slice(start, start + rows) as unknown as readonly DuckDBValue[]);
    }
    appender.appendDataChunk(chunk);
  }
}

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` strings to DATE values; days repeat a lot, so each distinct text is parsed once. */
export function dateColumn(days: readonly string[], length: number, field: string): DuckDBDateValue[] {
  const parsed = new Map<string, DuckDBDateValue>();
  const out = new Array<DuckDBDateValue>(length);
  for (let row = 0; row < length; row++) {
    const text = days[row] as string;
    let value = parsed.get(text);
    if (value === undefined) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
      const ms = match === null ? NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
      if (!Number.isFinite(ms)) {
        throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, `${field}[${row}] must be a YYYY-MM-DD day (got ${JSON.stringify(text)})`);
      }
      value = new DuckDBDateValue(ms / MS_PER_DAY);
      parsed.set(text, value);
    }
    out[row] = value;
  }
  return out;
}

/** Epoch milliseconds (doubles) to BIGINT values. */
export function bigintColumn(values: Float64Array, length: number, field: string): bigint[] {
  const out = new Array<bigint>(length);
  for (let row = 0; row < length; row++) {
    const value = values[row] as number;
    if (!Number.isFinite(value)) throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, `${field}[${row}] must be finite (got ${value})`);
    out[row] = BigInt(Math.round(value));
  }
  return out;
}

/** Every column must hold at least `length` values: a short column is a caller bug, named here. */
export function checkLengths(columns: Record<string, { length: number }>, length: number, what: string): void {
  if (!Number.isInteger(length) || length < 0) throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, `${what}.length must be a non-negative integer (got ${length})`);
  for (const [name, column] of Object.entries(columns)) {
    if (column.length < length) {
      throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, `${what}.${name} has ${column.length} values, fewer than length ${length}`);
    }
  }
}
