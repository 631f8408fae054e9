/** A small promise-based grpc-js client of the API, for the CLI and tests. */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { clientConstructor, SERVICE_NAMES, type ServiceName } from './protos.js';

export interface ClientOptions {
  /** host:port */
  address: string;
  /** bearer token (sent as "authorization: Bearer …") */
  token?: string;
  /** TLS: CA of the server certificate; client cert/key for mTLS */
  caPath?: string;
  certPath?: string;
  keyPath?: string;
  /** per-call deadline */
  timeoutMs?: number;
  /** Own HTTP/2 connection instead of grpc-js's shared one (tests: a stalled stream must not share flow control). */
  separateConnection?: boolean;
}

export const DEFAULT_CLIENT_TIMEOUT_MS = 30_000;

export type UnaryMethod = (request: object, metadata: grpc.Metadata, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null, response: unknown) => void) => grpc.ClientUnaryCall;

export class ApiClient {
  private readonly clients = new Map<ServiceName, grpc.Client>();
  private readonly metadata = new grpc.Metadata();

  constructor(readonly options: ClientOptions) {
    const credentials = options.caPath === undefined
      ? grpc.credentials.createInsecure()
      : grpc.credentials.createSsl(
        readFileSync(options.caPath),
        options.keyPath === undefined ? null : readFileSync(options.keyPath),
        options.certPath === undefined ? null : readFileSync(options.certPath),
      );
    for (const name of SERVICE_NAMES) {
      const Client = clientConstructor(name);
      this.clients.set(name, new Client(options.address, credentials, options.separateConnection ? { 'grpc.use_local_subchannel_pool': 1 } : {}));
    }
    if (options.token !== undefined) this.metadata.set('authorization', `Bearer ${options.token}`);
  }

  call<T = Record<string, unknown>>(service: ServiceName, method: string, request: object, timeoutMs = this.options.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS): Promise<T> {
    const client = this.clients.get(service) as unknown as Record<string, UnaryMethod>;
    const fn = client[method];
    if (fn === undefined) throw new Error(`no method ${service}.${method}`);
    return new Promise((resolve, reject) => {
      fn.call(client, request, this.metadata, { deadline: Date.now() + timeoutMs }, (error, response) => (error ? reject(error) : resolve(response as T)));
    });
  }

  /** Server stream of WatchFindings; the caller reads 'data' and cancels. */
  watch(request: object): grpc.ClientReadableStream<Record<string, unknown>> {
    const client = this.clients.get('FindingsService') as unknown as Record<string, (r: object, m: grpc.Metadata) => grpc.ClientReadableStream<Record<string, unknown>>>;
    return client.WatchFindings!.call(client, request, this.metadata);
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
  }
}
