import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeTls, tlsDirOf, tlsOptionsFromDir } from '../../../cli/tls-dir.js';

describe('TLS directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'tls-dir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dirWith = (name: string, files: string[]): string => {
    const dir = join(root, name);
    mkdirSync(dir);
    for (const f of files) writeFileSync(join(dir, f), 'PEM');
    return dir;
  };

  it('prefers the flag over TELSENTRY_TLS_DIR and treats empty as unset', () => {
    expect(tlsDirOf('/a', { TELSENTRY_TLS_DIR: '/b' })).toBe('/a');
    expect(tlsDirOf(undefined, { TELSENTRY_TLS_DIR: '/b' })).toBe('/b');
    expect(tlsDirOf(undefined, { TELSENTRY_TLS_DIR: '' })).toBeUndefined();
    expect(tlsDirOf(undefined, {})).toBeUndefined();
  });

  it('server TLS from tls.crt + tls.key; ca.crt adds client certificates', () => {
    const plain = dirWith('server-only', ['tls.crt', 'tls.key']);
    expect(tlsOptionsFromDir(plain)).toEqual({ certChainPath: join(plain, 'tls.crt'), privateKeyPath: join(plain, 'tls.key') });
    expect(describeTls(tlsOptionsFromDir(plain))).toBe('TLS');
    const mutual = dirWith('mutual', ['tls.crt', 'tls.key', 'ca.crt']);
    expect(tlsOptionsFromDir(mutual).clientCaPath).toBe(join(mutual, 'ca.crt'));
    expect(describeTls(tlsOptionsFromDir(mutual))).toMatch(/mutual/);
    expect(describeTls(undefined)).toMatch(/plaintext/);
  });

  it('names what is missing', () => {
    expect(() => tlsOptionsFromDir(join(root, 'nope'))).toThrow(/does not exist/);
    expect(() => tlsOptionsFromDir(dirWith('no-key', ['tls.crt']))).toThrow(/has no tls\.key/);
    expect(() => tlsOptionsFromDir(dirWith('no-cert', ['tls.key', 'ca.crt']))).toThrow(/has no tls\.crt/);
  });
});
