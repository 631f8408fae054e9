/**
 * Decodes NetFlow v5, v9 and IPFIX datagrams from any number of exporters into a
 * FlowBatchWriter. State is per exporter address, so a malformed datagram from one
 * exporter is counted and dropped without touching another's templates or sequence.
 */
import { canonicalAddress } from '../address.js';
import { countReject, emptyFlowRow, type FlowRow, type RejectCounts } from '../batch.js';
import type { FlowBatchWriter } from '../writer.js';
import { DatagramError } from './errors.js';
import { decodeIpfix, decodeV9 } from './sets.js';
import { newExporterState, rejectFor, type ExporterState, type ExporterStats } from './state.js';
import { decodeV5 } from './v5.js';
import type { FlowSink } from './sink.js';

/** Exporters tracked at once; datagrams from further addresses are counted (exporter_limit) and dropped. */
export const MAX_EXPORTERS = 65_536; // far above any operator's router count; caps memory under spoofed sources

export class NetflowDecoder implements FlowSink {
  readonly row: FlowRow = emptyFlowRow();
  /** All rejections, summed over exporters. */
  readonly rejects: RejectCounts = {};
  private readonly exporters = new Map<string, ExporterState>();

  constructor(private readonly writer: FlowBatchWriter) {}

  emit(startMs: number, endMs: number): void {
    this.writer.appendRowMs(this.row, startMs, endMs);
  }

  /** Decodes one datagram from `address` (as given by dgram; IPv4-mapped IPv6 is unwrapped). */
  decodeDatagram(buf: Uint8Array, address: string): void {
    const exporter = this.exporterState(address);
    if (exporter === null) {
      countReject(this.rejects, this.exporters.size >= MAX_EXPORTERS ? 'exporter_limit' : 'bad_address');
      return;
    }
    exporter.stats.datagrams++;
    try {
      if (buf.length < 2) throw new DatagramError('truncated', 'no version field');
      const version = (buf[0]! << 8) | buf[1]!;
      switch (version) {
        case 5: decodeV5(buf, exporter, this); break;
        case 9: decodeV9(buf, exporter, this); break;
        case 10: decodeIpfix(buf, exporter, this); break;
        default: throw new DatagramError('bad_version', `version ${version}`);
      }
    } catch (error) {
      if (!(error instanceof DatagramError)) throw error;
      rejectFor(exporter, error.reason);
    }
  }

  /** Counters per exporter address. */
  stats(): Map<string, ExporterStats> {
    return new Map([...this.exporters].map(([address, state]) => [address, state.stats]));
  }

  private exporterState(address: string): ExporterState | null {
    let state = this.exporters.get(address);
    if (state !== undefined) return state;
    const unwrapped = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
    const canonical = canonicalAddress(unwrapped);
    if (canonical === null || this.exporters.size >= MAX_EXPORTERS) return null;
    state = newExporterState(canonical, this.rejects);
    this.exporters.set(address, state);
    return state;
  }
}
