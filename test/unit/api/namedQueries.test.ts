import { describe, expect, it } from 'vitest';
import { ROLES, type Principal } from '../../../api/auth.js';
import { bindParameters, coerceParam, exposedQueries } from '../../../api/namedQueries.js';
import { allSqlFiles, type SqlParam } from '../../../store/index.js';
import { parseSqlFile } from '../../../store/sqlFiles.js';

const analyst: Principal = { name: 'a', role: 'analyst', operator: '', via: 'token' };
const operator: Principal = { name: 'o', role: 'operator', operator: '452-04', via: 'token' };

describe('queries/*.sql headers', () => {
  for (const file of allSqlFiles().values()) {
    it(`${file.name}: declared parameters are used, used ones declared, roles known`, () => {
      const used = new Set([...file.sql.replace(/^--.*$/gm, '').matchAll(/\$([a-z_][a-z0-9_]*)/g)].map((m) => m[1]!));
      if (!file.internal) {
        expect([...used].sort()).toEqual(file.params.map((p) => p.name).sort());
        expect(file.roles.length).toBeGreaterThan(0);
        expect(file.description).not.toBe('');
        for (const role of file.roles) expect(ROLES).toContain(role);
        if (file.scope === 'operator') expect(file.params.map((p) => p.name)).toContain('operator');
      }
    });
  }

  it('exposes only files without @internal', () => {
    const names = exposedQueries().map((f) => f.name);
    expect(names).toContain('findings_by_type_operator');
    expect(names).not.toContain('schema');
    expect(names).not.toContain('findings_merge_staging');
  });

  it('rejects unknown header tags and bad parameter types', () => {
    expect(() => parseSqlFile('x', '-- @params a string\nSELECT 1')).toThrow(/unknown header tag @params/);
    expect(() => parseSqlFile('x', '-- @param a text\nSELECT 1')).toThrow(/type must be one of/);
  });
});

describe('parameter coercion', () => {
  const param = (type: SqlParam['type'], optional = false): SqlParam => ({ name: 'p', type, optional, description: '' });
  const ok: [SqlParam['type'], object, unknown][] = [
    ['string', { kind: 'string_value', string_value: ' 84912 ' }, '84912'],
    ['int', { kind: 'int_value', int_value: '9007199254740993' }, 9007199254740993n],
    ['int', { kind: 'string_value', string_value: '-12' }, -12n],
    ['double', { kind: 'double_value', double_value: 0.5 }, 0.5],
    ['double', { kind: 'int_value', int_value: '3' }, 3],
    ['bool', { kind: 'bool_value', bool_value: false }, false],
    ['bool', { kind: 'string_value', string_value: 'true' }, true],
    ['timestamp_ms', { kind: 'timestamp_value', timestamp_value: { seconds: '1795132800', nanos: 5_000_000 } }, 1795132800005n],
    ['timestamp_ms', { kind: 'string_value', string_value: '2026-11-20T00:00:00Z' }, 1795132800000n],
    ['date', { kind: 'string_value', string_value: '2026-11-20' }, '2026-11-20'],
  ];
  for (const [type, value, expected] of ok) {
    it(`${type} accepts ${JSON.stringify(value)}`, () => {
      expect(coerceParam(param(type), value as never)).toEqual(expected);
    });
  }
  const bad: [SqlParam['type'], object][] = [
    ['string', { kind: 'int_value', int_value: '1' }],
    ['int', { kind: 'string_value', string_value: '1.5' }],
    ['int', { kind: 'bool_value', bool_value: true }],
    ['double', { kind: 'string_value', string_value: 'NaN' }],
    ['bool', { kind: 'string_value', string_value: 'yes' }],
    ['timestamp_ms', { kind: 'string_value', string_value: 'yesterday' }],
    ['date', { kind: 'string_value', string_value: '2026-13-45' }],
    ['date', { kind: 'string_value', string_value: "2026-11-20' OR 1=1 --" }],
  ];
  for (const [type, value] of bad) {
    it(`${type} rejects ${JSON.stringify(value)} with INVALID_ARGUMENT`, () => {
      expect(() => coerceParam(param(type), value as never)).toThrow(expect.objectContaining({ code: 'ARGUMENT_INVALID', message: expect.stringMatching(new RegExp(`parameter p must be ${type}`)) }));
    });
  }
  it('requires non-optional parameters and binds absent optional ones as NULL', () => {
    expect(() => coerceParam(param('int'), { kind: 'null_value', null_value: true } as never)).toThrow(/parameter p is required/);
    const file = allSqlFiles().get('findings_by_type_operator')!;
    expect(bindParameters(file, {}, analyst)).toEqual({ from_ms: null, to_ms: null, operator: null });
    expect(bindParameters(file, {}, operator)).toEqual({ from_ms: null, to_ms: null, operator: '452-04' });
    expect(() => bindParameters(file, { operator: { kind: 'string_value', string_value: '452-01' } } as never, operator)).toThrow(/may not run findings_by_type_operator for operator 452-01/);
    expect(() => bindParameters(file, { where: { kind: 'string_value', string_value: '1=1' } } as never, analyst)).toThrow(/has no parameter "where"/);
  });
});
