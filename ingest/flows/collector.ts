/**
 * NetFlow v5/v9/IPFIX collector over UDP. Each datagram is decoded synchronously into the
 * current FlowBatch; batches go to onBatch when full or every flushIntervalMs, so a quiet
 * network still delivers its flows promptly.
 */
import { createSocket, type Socket } from 'node:dgram';
import { configError } from '../../core/errors.js';
import { createFlowDictionaries, type FlowBatch, type FlowDictionaries, type RejectCounts } from './batch.js';
import { ExporterMap, type ExporterConfig } from './exporters.js';
import { NetflowDecoder } from './netflow/decoder.js';
import type { ExporterStats } from './netflow/state.js';
import { DEFAULT_BATCH_CAPACITY, FlowBatchWriter } from './writer.js';

export interface FlowCollectorOptions {
  /** UDP port; 0 picks a free one (see FlowCollector.port). */
  port: number;
  host?: string;
  exporters?: readonly ExporterConfig[];
  onBatch: (batch: FlowBatch) => void;
  dictionaries?: FlowDictionaries;
  flushIntervalMs?: number;
  batchSize?: number;
  /** Kernel receive buffer; bursts from many routers overflow the default. */
  receiveBufferBytes?: number;
}

export const FLOW_COLLECTOR_DEFAULTS = {
  host: '0.0.0.0',
  flushIntervalMs: 200, // a batch never waits longer than this: well under the engine's 1-minute panes
  receiveBufferBytes: 8 * 1024 * 1024, // 8 MiB ≈ 6k full-size datagrams of burst
} as const;

export interface FlowCollector {
  readonly port: number;
  readonly rejects: RejectCounts;
  /** Datagrams received in total. */
  datagrams(): number;
  stats(): Map<string, ExporterStats>;
  unmappedFlows(): number;
  /** Hands the partly filled batch to onBatch now. */
  flush(): void;
  close(): Promise<void>;
}

export async function startFlowCollector(opts: FlowCollectorOptions): Promise<FlowCollector> {
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65_535) throw configError('port', 'an integer in [0, 65535]', opts.port);
  const flushIntervalMs = opts.flushIntervalMs ?? FLOW_COLLECTOR_DEFAULTS.flushIntervalMs;
  if (!Number.isInteger(flushIntervalMs) || flushIntervalMs < 1) throw configError('flushIntervalMs', 'an integer ≥ 1', flushIntervalMs);
  const dictionaries = opts.dictionaries ?? createFlowDictionaries();
  const exporters = new ExporterMap(opts.exporters ?? [], dictionaries);
  const writer = new FlowBatchWriter(exporters, dictionaries, opts.onBatch, opts.batchSize ?? DEFAULT_BATCH_CAPACITY);
  const decoder = new NetflowDecoder(writer);
  const host = opts.host ?? FLOW_COLLECTOR_DEFAULTS.host;
  const socket: Socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
  let datagrams = 0;
  socket.on('message', (msg, rinfo) => {
    datagrams++;
    decoder.decodeDatagram(msg, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  try {
    socket.setRecvBufferSize(opts.receiveBufferBytes ?? FLOW_COLLECTOR_DEFAULTS.receiveBufferBytes);
  } catch {
    // the kernel caps it (net.core.rmem_max); the default buffer still works
  }
  const timer = setInterval(() => writer.flush(), flushIntervalMs);
  timer.unref();
  return {
    port: socket.address().port,
    rejects: decoder.rejects,
    datagrams: () => datagrams,
    stats: () => decoder.stats(),
    unmappedFlows: () => exporters.unmappedFlows,
    flush: () => writer.flush(),
    close: () => new Promise<void>((resolve) => {
      clearInterval(timer);
      socket.close(() => {
        writer.flush();
        resolve();
      });
    }),
  };
}
