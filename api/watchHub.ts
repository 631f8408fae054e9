/**
 * Live fan-out of committed findings to WatchFindings streams. Every client has a bounded
 * queue: when its transport pushes back (write() returns false) messages wait in the queue;
 * when the queue is full, findings for that client are skipped and counted (the next message
 * it gets says how many), and a client whose queue stays full too long is ended with
 * RESOURCE_EXHAUSTED. Memory per client is bounded by the queue, whatever the client does.
 */
import { constants } from 'node:http2';
import * as grpc from '@grpc/grpc-js';
import type { Finding } from '../core/finding.js';
import type { Store } from '../store/index.js';
import type { Finding as FindingMessage } from '../proto/gen/telsentry/v1/Finding.js';
import type { WatchFindingsResponse } from '../proto/gen/telsentry/v1/WatchFindingsResponse.js';
import { findingMessage } from './convert.js';

export interface WatchHubOptions {
  /** Messages waiting per client; a burst larger than this (one upsert of many findings) is skipped for that client, so it must exceed the engine's findings per batch. Entries point at shared messages: ~100 B each. */
  queueCapacity: number;
  /** A client whose queue stays full this long is ended (RESOURCE_EXHAUSTED). */
  stallTimeoutMs: number;
  /** Concurrent WatchFindings streams; more are refused with RESOURCE_EXHAUSTED. */
  maxClients: number;
}

export const DEFAULT_WATCH_OPTIONS: Readonly<WatchHubOptions> = Object.freeze({
  queueCapacity: 1_024,
  stallTimeoutMs: 30_000, // 30 s: longer than any GC or network hiccup of a healthy client
  maxClients: 1_000,
});

export interface WatchStats {
  clients: number;
  deliveredTotal: number;
  skippedTotal: number;
  droppedClientsTotal: number;
}

type Stream = grpc.ServerWritableStream<unknown, WatchFindingsResponse>;

class WatchClient {
  private readonly queue: WatchFindingsResponse[] = [];
  private skippedPending = 0;
  private waitingForDrain = false;
  private fullSinceMs = 0;
  closed = false;

  constructor(
    private readonly hub: WatchHub,
    readonly call: Stream,
    readonly matches: (finding: Finding) => boolean,
  ) {}

  offer(message: FindingMessage, nowMs: number): void {
    if (this.closed) return;
    if (this.queue.length >= this.hub.options.queueCapacity) {
      this.skippedPending += 1;
      this.hub.counters.skippedTotal += 1;
      if (this.fullSinceMs === 0) this.fullSinceMs = nowMs;
      else if (nowMs - this.fullSinceMs >= this.hub.options.stallTimeoutMs) this.hub.drop(this, 'client too slow: its queue stayed full');
      return;
    }
    this.queue.push({ finding: message, skipped_before: String(this.skippedPending) });
    this.skippedPending = 0;
    this.pump();
  }

  private pump(): void {
    while (!this.waitingForDrain && !this.closed && this.queue.length > 0) {
      const next = this.queue.shift() as WatchFindingsResponse;
      this.hub.counters.deliveredTotal += 1;
      if (!this.call.write(next)) {
        this.waitingForDrain = true;
        this.call.once('drain', () => {
          this.waitingForDrain = false;
          this.pump();
        });
      }
    }
    if (this.queue.length < this.hub.options.queueCapacity) this.fullSinceMs = 0;
  }
}

export class WatchHub {
  readonly counters = { deliveredTotal: 0, skippedTotal: 0, droppedClientsTotal: 0 };
  private readonly clients = new Set<WatchClient>();
  private readonly unsubscribe: () => void;

  constructor(store: Store, readonly options: WatchHubOptions = DEFAULT_WATCH_OPTIONS) {
    this.unsubscribe = store.onFindings((findings) => this.publish(findings));
  }

  /** Registers a stream; resolves when it ends (client cancel, drop or hub close). */
  add(call: Stream, matches: (finding: Finding) => boolean): Promise<void> {
    if (this.clients.size >= this.options.maxClients) {
      call.emit('error', { code: grpc.status.RESOURCE_EXHAUSTED, details: `at most ${this.options.maxClients} live streams` });
      return Promise.resolve();
    }
    const client = new WatchClient(this, call, matches);
    this.clients.add(client);
    call.sendMetadata(new grpc.Metadata()); // headers now: the client knows the stream is open before any finding
    return new Promise((resolve) => {
      const done = (): void => {
        client.closed = true;
        this.clients.delete(client);
        resolve();
      };
      call.on('cancelled', done);
      call.on('close', done);
      call.on('finish', done);
      call.on('error', done);
    });
  }

  publish(findings: readonly Finding[]): void {
    if (this.clients.size === 0) return;
    const nowMs = Date.now();
    for (const finding of findings) {
      let message: FindingMessage | undefined; // converted once, shared by every client
      for (const client of this.clients) {
        if (!client.matches(finding)) continue;
        message ??= findingMessage({ finding, version: 0, status: 'open', statusBy: '', statusReason: '', statusMs: 0, detectedMs: Date.parse(finding.detected_at) });
        client.offer(message, nowMs);
      }
    }
  }

  drop(client: WatchClient, reason: string): void {
    if (client.closed) return;
    client.closed = true;
    this.clients.delete(client);
    this.counters.droppedClientsTotal += 1;
    endWithStatus(client.call, grpc.status.RESOURCE_EXHAUSTED, reason);
  }

  stats(): WatchStats {
    return { clients: this.clients.size, ...this.counters };
  }

  close(): void {
    this.unsubscribe();
    for (const client of [...this.clients]) {
      client.closed = true;
      endWithStatus(client.call, grpc.status.UNAVAILABLE, 'server shutting down');
    }
    this.clients.clear();
  }
}

/** After asking a dropped client's stream to end, how long before its HTTP/2 stream is reset. */
export const DROP_GRACE_MS = 1_000;

interface Http2StreamLike {
  closed?: boolean;
  destroyed?: boolean;
  close?: (code: number) => void;
}

/**
 * Ends a stream with a status. A stalled client cannot receive trailers queued behind data it
 * does not read, so if the stream is still open after DROP_GRACE_MS its HTTP/2 stream is reset
 * with ENHANCE_YOUR_CALM (clients report RESOURCE_EXHAUSTED) and its buffers are freed.
 * grpc-js has no public call for this: the inner call objects are reached defensively.
 */
function endWithStatus(call: Stream, code: grpc.status, details: string): void {
  const inner = (call as unknown as { call?: { sendStatus?: (status: grpc.StatusObject) => void; stream?: Http2StreamLike; nextCall?: { stream?: Http2StreamLike } } }).call;
  if (inner?.sendStatus === undefined) {
    call.emit('error', { code, details });
    return;
  }
  inner.sendStatus({ code, details, metadata: new grpc.Metadata() });
  const http2Stream = inner.stream ?? inner.nextCall?.stream; // without interceptors the call holds the stream itself
  if (http2Stream?.close === undefined) return;
  setTimeout(() => {
    if (!http2Stream.closed && !http2Stream.destroyed) http2Stream.close!(constants.NGHTTP2_ENHANCE_YOUR_CALM);
  }, DROP_GRACE_MS).unref();
}
