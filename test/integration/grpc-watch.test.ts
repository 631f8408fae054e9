/**
 * WatchFindings: every client gets every finding it may see, in order; an operator only its own;
 * a stalled client gets findings skipped (counted) and is finally dropped, while the others
 * keep receiving everything.
 */
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import type { ApiClient } from '../../api/client.js';
import { makeFinding, OPERATOR_A, OPERATOR_B, startTestApi, TOKENS, type RunningApi } from './grpc-fixture.js';

interface Watcher {
  ids: string[];
  skipped: number;
  stream: grpc.ClientReadableStream<Record<string, unknown>>;
  ended: Promise<number>;
}

async function watch(client: ApiClient, filter: object = {}): Promise<Watcher> {
  const stream = client.watch({ filter });
  const watcher: Watcher = { ids: [], skipped: 0, stream, ended: Promise.resolve(0) };
  watcher.ended = new Promise((resolve) => {
    stream.on('status', (status: grpc.StatusObject) => resolve(status.code));
  });
  stream.on('error', () => undefined); // the status event carries the outcome
  stream.on('data', (message: { finding: { id: string }; skipped_before: string }) => {
    watcher.ids.push(message.finding.id);
    watcher.skipped += Number(message.skipped_before);
  });
  await new Promise<void>((resolve, reject) => {
    stream.once('metadata', () => resolve());
    stream.once('error', reject);
  });
  return watcher;
}

function batch(prefix: string, count: number, operator = OPERATOR_A): Finding[] {
  return Array.from({ length: count }, (_, i) => makeFinding({
    id: `${prefix}-${String(i).padStart(5, '0')}`, operator,
    detected_at: new Date(Date.UTC(2026, 10, 21, 0, 0, 0, i)).toISOString(),
    evidence: { distinctCallees: 100 + i, padding: 'x'.repeat(400) },
  }));
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WatchFindings live stream', () => {
  let api: RunningApi | undefined;
  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });

  it('fans every finding out to every client, and an operator only sees its own', async () => {
    api = await startTestApi();
    const analysts = await Promise.all(Array.from({ length: 5 }, () => watch(api!.client(TOKENS.analyst))));
    const operatorA = await watch(api.client(TOKENS.operator));
    const critical = await watch(api.client(TOKENS.analyst), { min_severity: 'SEVERITY_CRITICAL' });
    const own = batch('a', 30);
    const foreign = batch('b', 20, OPERATOR_B);
    foreign[3] = { ...foreign[3]!, severity: 'critical' };
    await api.store.upsertFindings([...own.slice(0, 10), ...foreign]);
    await api.store.upsertFindings(own.slice(10));
    const everything = [...own.slice(0, 10), ...foreign, ...own.slice(10)].map((f) => f.id);
    await until(() => analysts.every((w) => w.ids.length === everything.length) && operatorA.ids.length === own.length);
    for (const watcher of analysts) expect(watcher.ids).toEqual(everything);
    expect(operatorA.ids).toEqual(own.map((f) => f.id));
    await until(() => critical.ids.length === 1);
    expect(critical.ids).toEqual([foreign[3]!.id]);
    expect(api.server.watchStats()).toMatchObject({ clients: 7, skippedTotal: 0, droppedClientsTotal: 0 });
  });

  it('skips findings for a stalled client (bounded queue), then drops it, while others get everything', async () => {
    api = await startTestApi({ watch: { queueCapacity: 200, stallTimeoutMs: 300 } }); // bursts of 100 fit; a stalled client overflows
    // each on its own connection, as separate programs would be: HTTP/2 flow control is per connection too
    const healthy = await Promise.all([watch(api.client(TOKENS.analyst, undefined, true)), watch(api.client(TOKENS.analyst, undefined, true))]);
    const stalled = await watch(api.client(TOKENS.analyst, undefined, true));
    stalled.stream.pause(); // stops reading: HTTP/2 flow control pushes back on the server
    const total = 3_000;
    const findings = batch('s', total);
    for (let i = 0; i < total; i += 100) {
      await api.store.upsertFindings(findings.slice(i, i + 100));
      // healthy clients keep up (paced by their progress, not by a timer: the box is shared)
      await until(() => healthy.every((w) => w.ids.length >= i + 100));
    }
    await until(() => healthy.every((w) => w.ids.length === total));
    for (const watcher of healthy) {
      expect(watcher.ids).toEqual(findings.map((f) => f.id));
      expect(watcher.skipped).toBe(0);
    }
    const stats = api.server.watchStats();
    expect(stats.skippedTotal).toBeGreaterThan(0);
    // whatever it skipped, the stalled client never held more than its queue plus transport buffers
    expect(stats.deliveredTotal).toBeLessThan(2 * total + 1_000);
    // still stalled after the timeout: the next finding ends it with RESOURCE_EXHAUSTED
    await new Promise((resolve) => setTimeout(resolve, 400));
    await api.store.upsertFindings(batch('late', 1));
    await until(() => api!.server.watchStats().droppedClientsTotal === 1);
    stalled.stream.resume();
    expect(await Promise.race([stalled.ended, new Promise((resolve) => setTimeout(() => resolve('still open'), 15_000))])).toBe(grpc.status.RESOURCE_EXHAUSTED);
    // what it did receive is in order, and it was told how many were skipped
    const received = stalled.ids.filter((id) => id.startsWith('s-'));
    expect(received).toEqual([...received].sort());
    expect(received.length + stalled.skipped).toBeLessThanOrEqual(total + 1);
    expect(api.server.watchStats().clients).toBe(2);
  });
});
