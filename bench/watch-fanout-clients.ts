/**
 * The watch fan-out benchmark's clients (a child process of bench/watch-fanout.ts): N real grpc-js
 * WatchFindings streams, each on its own HTTP/2 connection as separate programs would be. Each
 * client checks what it gets against the ids the server side publishes (`<phase>-<k>`, k = 0…):
 * every one exactly once, in order, and nothing skipped. On request one client stops reading.
 */
import type * as grpc from '@grpc/grpc-js';
import { ApiClient } from '../api/client.js';

export interface ClientsPlan {
  address: string;
  token: string;
  clients: number;
}

export type ToClients = { type: 'stall'; client: number } | { type: 'report'; phase: string; expected: number } | { type: 'close' };

export interface ClientReport {
  client: number;
  received: number;
  unique: number;
  missing: number;
  duplicates: number;
  outOfOrder: number;
  skippedAnnounced: number;
  /** gRPC status the stream ended with, -1 while open */
  endedWith: number;
  stalled: boolean;
}

export type FromClients = { type: 'ready' } | { type: 'report'; phase: string; clients: ClientReport[]; cpuSeconds: number };

class Watcher {
  private readonly seen = new Map<string, { bits: Uint8Array; received: number; unique: number; duplicates: number; outOfOrder: number; last: number; skipped: number }>();
  endedWith = -1;
  stalled = false;
  readonly stream: grpc.ClientReadableStream<Record<string, unknown>>;

  constructor(readonly index: number, private readonly api: ApiClient) {
    this.stream = api.watch({ filter: {} });
    this.stream.on('status', (status: grpc.StatusObject) => (this.endedWith = status.code));
    this.stream.on('error', () => undefined); // the status event carries the outcome
    this.stream.on('data', (message: { finding: { id: string }; skipped_before: string }) => this.take(message.finding.id, Number(message.skipped_before)));
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.once('metadata', () => resolve());
      this.stream.once('error', reject);
    });
  }

  private take(id: string, skippedBefore: number): void {
    const dash = id.lastIndexOf('-');
    const phase = id.slice(0, dash);
    const k = Number(id.slice(dash + 1));
    let state = this.seen.get(phase);
    if (state === undefined) this.seen.set(phase, (state = { bits: new Uint8Array(1 << 16), received: 0, unique: 0, duplicates: 0, outOfOrder: 0, last: -1, skipped: 0 }));
    if (k >= state.bits.length) {
      const grown = new Uint8Array(Math.max(k + 1, state.bits.length * 2));
      grown.set(state.bits);
      state.bits = grown;
    }
    state.received += 1;
    state.skipped += skippedBefore;
    if (state.bits[k] === 1) state.duplicates += 1;
    else {
      state.bits[k] = 1;
      state.unique += 1;
    }
    if (k < state.last) state.outOfOrder += 1;
    state.last = k;
  }

  report(phase: string, expected: number): ClientReport {
    const state = this.seen.get(phase);
    let missing = expected;
    if (state !== undefined) for (let k = 0; k < expected; k++) if (state.bits[k] === 1) missing -= 1;
    return {
      client: this.index, received: state?.received ?? 0, unique: state?.unique ?? 0, missing, duplicates: state?.duplicates ?? 0,
      outOfOrder: state?.outOfOrder ?? 0, skippedAnnounced: state?.skipped ?? 0, endedWith: this.endedWith, stalled: this.stalled,
    };
  }

  close(): void {
    this.stream.cancel();
    this.api.close();
  }
}

export async function runClients(plan: ClientsPlan, send: (message: FromClients) => void, receive: (handler: (message: ToClients) => void) => void): Promise<void> {
  const watchers = Array.from({ length: plan.clients }, (_, index) => new Watcher(index, new ApiClient({ address: plan.address, token: plan.token, separateConnection: true })));
  await Promise.all(watchers.map((watcher) => watcher.opened()));
  const cpuBefore = process.cpuUsage();
  await new Promise<void>((resolve) => {
    receive((message) => {
      if (message.type === 'stall') {
        const watcher = watchers[message.client]!;
        watcher.stalled = true;
        watcher.stream.pause(); // stops reading: HTTP/2 flow control pushes back on the server
      } else if (message.type === 'report') {
        const cpu = process.cpuUsage(cpuBefore);
        send({ type: 'report', phase: message.phase, clients: watchers.map((w) => w.report(message.phase, message.expected)), cpuSeconds: (cpu.user + cpu.system) / 1e6 });
      } else {
        for (const watcher of watchers) watcher.close();
        resolve();
      }
    });
    send({ type: 'ready' });
  });
}
