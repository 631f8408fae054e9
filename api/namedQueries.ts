/**
 * Named queries: only the exposed files of queries/*.sql (no @internal), with parameters
 * declared in their header. Request values are checked against the declared type here, so a
 * caller never sends SQL and never reaches DuckDB with a value of the wrong type.
 */
import { DuckDBTypeId, type DuckDBValue } from '@duckdb/node-api';
import { allSqlFiles, type ParamType, type SqlFile, type SqlParam } from '../store/index.js';
import type { QueryValue, QueryValue__Output } from '../proto/gen/telsentry/v1/QueryValue.js';
import type { Principal } from './auth.js';
import { msFromTimestamp, timestampFromMs } from './convert.js';
import { denied, invalid } from './status.js';

/** Longest string parameter: numbers, codes and names, never documents. */
export const MAX_STRING_PARAM_LENGTH = 256;
export const DEFAULT_MAX_ROWS = 1_000;
export const MAX_ROWS = 10_000;

export function exposedQueries(): SqlFile[] {
  return [...allSqlFiles().values()].filter((file) => !file.internal);
}

export function queriesForRole(principal: Principal): SqlFile[] {
  return exposedQueries().filter((file) => file.roles.includes(principal.role));
}

export function findQuery(name: string, principal: Principal): SqlFile {
  if (name.trim() === '') throw invalid('name is required (ListQueries shows the available queries)');
  const file = allSqlFiles().get(name);
  if (file === undefined || file.internal) throw invalid(`unknown query ${JSON.stringify(name)}; ListQueries shows the available ones`);
  if (!file.roles.includes(principal.role)) throw denied(`role ${principal.role} may not run query ${name} (allowed: ${file.roles.join(', ')})`);
  return file;
}

function describe(value: QueryValue__Output): string {
  const kind = value.kind ?? 'empty';
  return kind === 'empty' ? 'no value' : `${kind} ${JSON.stringify((value as Record<string, unknown>)[kind])}`;
}

/** One request value as the declared type, or INVALID_ARGUMENT naming parameter, type and value. */
export function coerceParam(param: SqlParam, value: QueryValue__Output): DuckDBValue {
  const wrong = (): never => {
    throw invalid(`parameter ${param.name} must be ${param.type} (got ${describe(value)})`);
  };
  if (value.kind === 'null_value' || value.kind === undefined) {
    if (!param.optional) throw invalid(`parameter ${param.name} is required`);
    return null;
  }
  const text = value.kind === 'string_value' ? (value.string_value ?? '').trim() : undefined;
  const asType: Record<ParamType, () => DuckDBValue> = {
    string: () => {
      if (text === undefined) return wrong();
      if (text.length > MAX_STRING_PARAM_LENGTH) throw invalid(`parameter ${param.name} is longer than ${MAX_STRING_PARAM_LENGTH} characters`);
      return text;
    },
    int: () => {
      const raw = value.kind === 'int_value' ? value.int_value : text;
      if (raw === undefined || !/^-?\d{1,18}$/.test(raw)) return wrong();
      return BigInt(raw);
    },
    double: () => {
      const number = value.kind === 'double_value' ? value.double_value : value.kind === 'int_value' ? Number(value.int_value) : text !== undefined && text !== '' ? Number(text) : NaN;
      if (number === undefined || !Number.isFinite(number)) return wrong();
      return number;
    },
    bool: () => {
      if (value.kind === 'bool_value') return Boolean(value.bool_value);
      if (text === 'true' || text === 'false') return text === 'true';
      return wrong();
    },
    timestamp_ms: () => {
      if (value.kind === 'timestamp_value') return BigInt(msFromTimestamp(value.timestamp_value, `parameter ${param.name}`) ?? wrong());
      if (value.kind === 'int_value' && /^-?\d{1,16}$/.test(value.int_value ?? '')) return BigInt(value.int_value!);
      if (text !== undefined && /^-?\d{1,16}$/.test(text)) return BigInt(text);
      if (text !== undefined && /^\d{4}-\d{2}-\d{2}T/.test(text) && Number.isFinite(Date.parse(text))) return BigInt(Date.parse(text));
      return wrong();
    },
    date: () => {
      if (text === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(text) || !Number.isFinite(Date.parse(`${text}T00:00:00Z`))) return wrong();
      return text;
    },
  };
  return asType[param.type]();
}

/** Every declared parameter gets a value (null when optional and absent); unknown names are refused. */
export function bindParameters(file: SqlFile, values: Record<string, QueryValue__Output>, principal: Principal): Record<string, DuckDBValue> {
  const declared = new Map(file.params.map((param) => [param.name, param]));
  for (const name of Object.keys(values)) {
    if (!declared.has(name)) {
      const known = file.params.map((param) => param.name).join(', ') || 'none';
      throw invalid(`query ${file.name} has no parameter ${JSON.stringify(name)} (parameters: ${known})`);
    }
  }
  const bound: Record<string, DuckDBValue> = {};
  for (const param of file.params) {
    const value = values[param.name];
    bound[param.name] = value === undefined ? coerceParam(param, { kind: 'null_value', null_value: true }) : coerceParam(param, value);
  }
  if (file.scope === 'operator' && principal.role === 'operator') {
    if (bound.operator !== null && bound.operator !== undefined && bound.operator !== principal.operator) {
      throw denied(`operator ${principal.operator} may not run ${file.name} for operator ${String(bound.operator)}`);
    }
    bound.operator = principal.operator;
  } else if (principal.role === 'operator') {
    throw denied(`query ${file.name} is not restricted to one operator, so the operator role may not run it`);
  }
  return bound;
}

const INTEGER_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT,
]);

/** A DuckDB cell (JS form) as a typed QueryValue; 64-bit integers stay exact (decimal strings). */
export function queryValueOf(cell: unknown, typeId: DuckDBTypeId): QueryValue {
  if (cell === null || cell === undefined) return { null_value: true };
  if (typeof cell === 'bigint') return { int_value: cell.toString() };
  if (typeof cell === 'number') return INTEGER_TYPES.has(typeId) && Number.isInteger(cell) ? { int_value: String(cell) } : { double_value: cell };
  if (typeof cell === 'boolean') return { bool_value: cell };
  if (typeof cell === 'string') return { string_value: cell };
  if (cell instanceof Date) {
    if (typeId === DuckDBTypeId.DATE) return { string_value: cell.toISOString().slice(0, 10) };
    return { timestamp_value: timestampFromMs(cell.getTime()) };
  }
  return { string_value: JSON.stringify(cell, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) };
}


