/**
 * startApiServer: the gRPC API for the authorities — findings, subscriber profiles, named
 * queries, watchlist and audit — plus standard health checking and server reflection.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { configError, ErrorCodes, TelsentryError } from '../core/errors.js';
import { AuditLog, Store, Watchlist } from '../store/index.js';
import { Authenticator, type AuthOptions } from './auth.js';
import type { ApiDeps, ApiMetricsSink } from './context.js';
import type { ProfileSource } from './profileSource.js';
import { reflectionPackageDefinition, serviceDefinition, SERVICE_NAMES } from './protos.js';
import { auditHandlers } from './services/audit.js';
import { findingsHandlers } from './services/findings.js';
import { queryHandlers } from './services/query.js';
import { subscriberHandlers } from './services/subscriber.js';
import { watchlistHandlers } from './services/watchlist.js';
import { DEFAULT_WATCH_OPTIONS, WatchHub, type WatchHubOptions, type WatchStats } from './watchHub.js';

export interface ApiTlsOptions {
  /** PEM files of the server certificate chain and key */
  certChainPath: string;
  privateKeyPath: string;
  /** PEM of the CA that signs client certificates; with it, clients must present one (mTLS) */
  clientCaPath?: string;
}

export interface ApiServerOptions {
  /** An open store (the engine writes through the same one), or a path to open. */
  store?: Store;
  storePath?: string;
  /** Default 127.0.0.1 (DESIGN.md: serve locally unless configured). */
  host?: string;
  /** Default 50051 (DESIGN.md); 0 picks a free port. */
  port?: number;
  auth: AuthOptions;
  tls?: ApiTlsOptions;
  profiles?: ProfileSource;
  metrics?: ApiMetricsSink;
  watch?: Partial<WatchHubOptions>;
}

export interface ApiServer {
  port: number;
  store: Store;
  watchStats(): WatchStats;
  close(): Promise<void>;
}

export const DEFAULT_API_HOST = '127.0.0.1';
export const DEFAULT_API_PORT = 50051;
/** Largest request accepted: filters and parameters are small; this stops memory abuse. */
export const MAX_RECEIVE_MESSAGE_BYTES = 1 << 20;

function credentialsOf(tls: ApiTlsOptions | undefined): grpc.ServerCredentials {
  if (tls === undefined) return grpc.ServerCredentials.createInsecure();
  const read = (field: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (cause) {
      throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `tls.${field}: cannot read ${path}: ${(cause as Error).message}`, { cause });
    }
  };
  const ca = tls.clientCaPath === undefined ? null : read('clientCaPath', tls.clientCaPath);
  return grpc.ServerCredentials.createSsl(ca, [{ cert_chain: read('certChainPath', tls.certChainPath), private_key: read('privateKeyPath', tls.privateKeyPath) }], ca !== null);
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const port = options.port ?? DEFAULT_API_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw configError('port', 'an integer in [0, 65535]', port);
  if (options.store === undefined && options.storePath === undefined) throw configError('store', 'an open Store or a storePath', undefined);
  const auth = new Authenticator(options.auth);
  const credentials = credentialsOf(options.tls);
  const ownsStore = options.store === undefined;
  const store = options.store ?? (await Store.open(options.storePath as string));
  const hub = new WatchHub(store, { ...DEFAULT_WATCH_OPTIONS, ...options.watch });
  const deps: ApiDeps = {
    store, auth, hub, audit: new AuditLog(store), watchlist: new Watchlist(store), profiles: options.profiles, metrics: options.metrics,
  };

  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_RECEIVE_MESSAGE_BYTES });
  const handlers = {
    FindingsService: findingsHandlers(deps),
    SubscriberService: subscriberHandlers(deps),
    QueryService: queryHandlers(deps),
    WatchlistService: watchlistHandlers(deps),
    AuditService: auditHandlers(deps),
  };
  for (const name of SERVICE_NAMES) server.addService(serviceDefinition(name) as unknown as grpc.ServiceDefinition, handlers[name]);
  const health = new HealthImplementation({ '': 'SERVING', ...Object.fromEntries(SERVICE_NAMES.map((name) => [`telsentry.v1.${name}`, 'SERVING'])) });
  health.addToServer(server);
  new ReflectionService(reflectionPackageDefinition()).addToServer(server);

  const host = options.host ?? DEFAULT_API_HOST;
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host.includes(':') ? `[${host}]` : host}:${port}`, credentials, (error, actual) => {
      if (error) reject(new TelsentryError(ErrorCodes.UNAVAILABLE, `cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
      else resolve(actual);
    });
  }).catch(async (error: unknown) => {
    hub.close();
    if (ownsStore) await store.close();
    throw error;
  });

  let closed = false;
  return {
    port: boundPort,
    store,
    watchStats: () => hub.stats(),
    async close() {
      if (closed) return;
      closed = true;
      for (const name of ['', ...SERVICE_NAMES.map((n) => `telsentry.v1.${n}`)]) health.setStatus(name, 'NOT_SERVING');
      hub.close();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 5_000); // 5 s grace for calls in flight
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (ownsStore) await store.close();
    },
  };
}

/** Reads `{ "tokens": [...], "certificates": [...] }` (tokens as sha256 hex) for startApiServer's auth. */
export function loadAuthFile(path: string): AuthOptions {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new TelsentryError(ErrorCodes.CONFIG_INVALID, `cannot read auth file ${path}: ${(cause as Error).message}`, { cause });
  }
  const object = parsed as Partial<AuthOptions> | null;
  if (object === null || typeof object !== 'object' || !Array.isArray(object.tokens)) throw configError(`${path}.tokens`, 'an array of {sha256, principal, role, operator?}', object);
  return { tokens: object.tokens, certificates: object.certificates ?? [] };
}
