/**
 * One wrapper per call kind: authenticate, authorize the method, compute the deadline that is
 * passed down into DuckDB, run the handler, turn errors into statuses (only here), record metrics.
 */
import * as grpc from '@grpc/grpc-js';
import type { AuditLog, Store, Watchlist } from '../store/index.js';
import type { Authenticator, Principal } from './auth.js';
import { authorizeMethod } from './policy.js';
import type { ProfileSource } from './profileSource.js';
import { statusOf, toServiceError } from './status.js';
import type { WatchHub } from './watchHub.js';

/** Longest a request may run in DuckDB when the client set no deadline (a runaway query is interrupted). */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/** Structural: metrics/ TelsentryMetrics fits; the API does not depend on it. */
export interface ApiMetricsSink {
  recordApiRequest(method: string, code: number, seconds: number): void;
}

export interface ApiDeps {
  store: Store;
  auth: Authenticator;
  audit: AuditLog;
  watchlist: Watchlist;
  hub: WatchHub;
  profiles: ProfileSource | undefined;
  metrics: ApiMetricsSink | undefined;
}

export interface CallContext {
  principal: Principal;
  /** absolute epoch ms after which DuckDB work is interrupted */
  deadlineMs: number;
  method: string;
}

type AnyCall = grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>;

function contextOf(deps: ApiDeps, call: AnyCall, method: string): CallContext {
  const principal = deps.auth.authenticate(call.metadata, call.getAuthContext());
  authorizeMethod(principal, method);
  const deadline = call.getDeadline();
  const clientMs = deadline instanceof Date ? deadline.getTime() : deadline;
  const deadlineMs = Math.min(Number.isFinite(clientMs) ? clientMs : Infinity, Date.now() + DEFAULT_QUERY_TIMEOUT_MS);
  return { principal, deadlineMs, method };
}

function record(deps: ApiDeps, path: string, code: grpc.status, startedNs: bigint): void {
  deps.metrics?.recordApiRequest(path, code, Number(process.hrtime.bigint() - startedNs) / 1e9);
}

/** `method` is "Service.Method" (the policy key); the metric label is the full gRPC path. */
export function unary<Req, Res>(deps: ApiDeps, method: string, handle: (request: Req, context: CallContext) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  const path = `/telsentry.v1.${method.replace('.', '/')}`;
  return (call, callback) => {
    const started = process.hrtime.bigint();
    let context: CallContext;
    try {
      context = contextOf(deps, call as AnyCall, method);
    } catch (error) {
      record(deps, path, statusOf(error), started);
      callback(toServiceError(error));
      return;
    }
    handle(call.request, context).then(
      (response) => {
        record(deps, path, grpc.status.OK, started);
        callback(null, response);
      },
      (error: unknown) => {
        record(deps, path, statusOf(error), started);
        callback(toServiceError(error));
      },
    );
  };
}

/** Server streaming: the handler owns the stream after validation; a failure before that ends it with a status. */
export function serverStream<Req, Res>(deps: ApiDeps, method: string, handle: (call: grpc.ServerWritableStream<Req, Res>, context: CallContext) => Promise<void>): grpc.handleServerStreamingCall<Req, Res> {
  const path = `/telsentry.v1.${method.replace('.', '/')}`;
  return (call) => {
    const started = process.hrtime.bigint();
    let context: CallContext;
    try {
      context = contextOf(deps, call as AnyCall, method);
    } catch (error) {
      record(deps, path, statusOf(error), started);
      call.emit('error', toServiceError(error));
      return;
    }
    handle(call, context).then(
      () => record(deps, path, grpc.status.OK, started),
      (error: unknown) => {
        record(deps, path, statusOf(error), started);
        call.emit('error', toServiceError(error));
      },
    );
  };
}
