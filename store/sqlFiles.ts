/**
 * Named SQL lives in `queries/*.sql`. This loader finds that folder (from the source tree or
 * from dist/), reads each file once, and parses the header comment that declares it:
 *
 *   -- @internal                         used by the store itself, never callable over the API
 *   -- @description one line for humans
 *   -- @param name type [optional] text  a typed parameter ($name in the body)
 *   -- @roles analyst, admin             who may run it through QueryService
 *   -- @scope operator                   rows are restricted to the caller's operator ($operator)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, TelsentryError } from '../core/errors.js';

export const PARAM_TYPES = ['string', 'int', 'double', 'bool', 'timestamp_ms', 'date'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

export interface SqlParam {
  name: string;
  type: ParamType;
  optional: boolean;
  description: string;
}

export interface SqlFile {
  name: string;
  sql: string;
  internal: boolean;
  description: string;
  params: SqlParam[];
  roles: string[];
  /** `operator`: the query takes `$operator` and the API forces it to the caller's own. */
  scope: 'all' | 'operator';
}

/** Walks up from this module until a folder holding `marker` is found: works from store/ and dist/store/. */
export function findProjectDir(marker: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(join(dir, marker))) return dir;
    dir = dirname(dir);
  }
  throw new TelsentryError(ErrorCodes.INTERNAL, `cannot find ${marker} above ${fileURLToPath(import.meta.url)}`);
}

export function parseSqlFile(name: string, text: string): SqlFile {
  const file: SqlFile = { name, sql: text, internal: false, description: '', params: [], roles: [], scope: 'all' };
  for (const line of text.split('\n')) {
    const match = /^--\s*@(\w+)\s*(.*)$/.exec(line.trim());
    if (match === null) continue;
    const [, tag, rest] = match as unknown as [string, string, string];
    if (tag === 'internal') file.internal = true;
    else if (tag === 'description') file.description = rest.trim();
    else if (tag === 'roles') file.roles = rest.split(',').map((role) => role.trim()).filter((role) => role !== '');
    else if (tag === 'scope') file.scope = rest.trim() === 'operator' ? 'operator' : 'all';
    else if (tag === 'param') file.params.push(parseParam(name, rest));
    else throw new TelsentryError(ErrorCodes.INTERNAL, `queries/${name}.sql: unknown header tag @${tag}`);
  }
  return file;
}

function parseParam(fileName: string, declaration: string): SqlParam {
  const [paramName, type, ...rest] = declaration.trim().split(/\s+/);
  if (paramName === undefined || !/^[a-z_][a-z0-9_]*$/.test(paramName)) {
    throw new TelsentryError(ErrorCodes.INTERNAL, `queries/${fileName}.sql: bad @param name in "${declaration}"`);
  }
  if (!(PARAM_TYPES as readonly string[]).includes(type ?? '')) {
    throw new TelsentryError(ErrorCodes.INTERNAL, `queries/${fileName}.sql: @param ${paramName} type must be one of ${PARAM_TYPES.join(', ')}`);
  }
  const optional = rest[0] === 'optional';
  return { name: paramName, type: type as ParamType, optional, description: (optional ? rest.slice(1) : rest).join(' ') };
}

let cache: Map<string, SqlFile> | undefined;

/** Every `queries/*.sql`, read and parsed once per process. */
export function allSqlFiles(): ReadonlyMap<string, SqlFile> {
  if (cache === undefined) {
    const dir = join(findProjectDir('queries/schema.sql'), 'queries');
    const files = new Map<string, SqlFile>();
    for (const entry of readdirSync(dir).sort()) {
      if (!entry.endsWith('.sql')) continue;
      const name = entry.slice(0, -'.sql'.length);
      files.set(name, parseSqlFile(name, readFileSync(join(dir, entry), 'utf8')));
    }
    cache = files;
  }
  return cache;
}

/** The named query file `queries/<name>.sql`; throws NOT_FOUND for an unknown name. */
export function sqlFile(name: string): SqlFile {
  const file = allSqlFiles().get(name);
  if (file === undefined) throw new TelsentryError(ErrorCodes.NOT_FOUND, `no query named "${name}" in queries/`);
  return file;
}

/** Just the SQL text of a named file. */
export function sql(name: string): string {
  return sqlFile(name).sql;
}
