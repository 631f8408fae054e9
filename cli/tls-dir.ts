/**
 * `--tls-dir DIR` / TELSENTRY_TLS_DIR: the gRPC server's certificates from one directory,
 * laid out as a Kubernetes TLS secret mounts them (`kubectl create secret tls` writes
 * `tls.crt` and `tls.key`). A `ca.crt` beside them turns on mutual TLS: clients must then
 * present a certificate signed by that CA, and its common name is looked up in the auth
 * file's `certificates` list for the principal and role.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes, TelsentryError } from '../core/errors.js';
import type { ApiTlsOptions } from '../api/server.js';

/** File names of a `kubernetes.io/tls` secret, plus the conventional CA bundle key. */
export const TLS_FILES = { certChain: 'tls.crt', privateKey: 'tls.key', clientCa: 'ca.crt' } as const;

/** The flag wins over the environment; undefined when neither names a directory (plaintext gRPC). */
export function tlsDirOf(flag: unknown, env: NodeJS.ProcessEnv): string | undefined {
  if (typeof flag === 'string' && flag !== '') return flag;
  const fromEnv = env.TELSENTRY_TLS_DIR;
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

/** Reads which files are present; throws CONFIG_INVALID naming the missing file. */
export function tlsOptionsFromDir(dir: string): ApiTlsOptions {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `TLS directory ${dir} does not exist or is not a directory`);
  }
  const path = (name: string): string => join(dir, name);
  for (const name of [TLS_FILES.certChain, TLS_FILES.privateKey]) {
    if (!existsSync(path(name))) {
      throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `TLS directory ${dir} has no ${name} (expected ${TLS_FILES.certChain} and ${TLS_FILES.privateKey}, and ${TLS_FILES.clientCa} for mutual TLS)`);
    }
  }
  const options: ApiTlsOptions = { certChainPath: path(TLS_FILES.certChain), privateKeyPath: path(TLS_FILES.privateKey) };
  if (existsSync(path(TLS_FILES.clientCa))) options.clientCaPath = path(TLS_FILES.clientCa);
  return options;
}

/** One line for the start-up log: what a client needs to know to connect. */
export function describeTls(options: ApiTlsOptions | undefined): string {
  if (options === undefined) return 'plaintext (no --tls-dir)';
  return options.clientCaPath === undefined ? 'TLS' : 'mutual TLS (client certificates required)';
}
