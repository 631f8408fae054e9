/**
 * Appends decoded flows to a FlowBatch and hands full batches on. Applies the exporter map
 * and the sampling rate (Contract 2: bytes and packets × sampling_rate) in one place, so
 * every decoder gets the same semantics.
 */
import { allocFlowBatch, flowBatchCapacity, type FlowBatch, type FlowDictionaries, type FlowRow } from './batch.js';
import type { ExporterMap } from './exporters.js';

export const DEFAULT_BATCH_CAPACITY = 4096; // flows per batch: amortises allocation, fits L2 per column

const NS_PER_MS = 1_000_000n;

export class FlowBatchWriter {
  private batch: FlowBatch;
  /** Flows written in total. */
  written = 0;

  constructor(
    private readonly exporters: ExporterMap,
    private readonly dictionaries: FlowDictionaries,
    private readonly onBatch: (batch: FlowBatch) => void,
    private readonly capacity = DEFAULT_BATCH_CAPACITY,
  ) {
    this.batch = allocFlowBatch(capacity, dictionaries);
  }

  /** A row whose times are exact nanoseconds (goflow2). */
  appendRow(row: FlowRow): void {
    const i = this.slot(row.exporter, row.samplingRate, row.bytes, row.packets);
    const b = this.batch;
    b.timeStartNs[i] = row.timeStartNs;
    b.timeEndNs[i] = row.timeEndNs;
    b.timeStartMs[i] = nsToMs(row.timeStartNs);
    b.timeEndMs[i] = nsToMs(row.timeEndNs);
    this.fill(i, row);
  }

  /** A row whose times are milliseconds (NetFlow/IPFIX); row.timeStartNs/EndNs are ignored. */
  appendRowMs(row: FlowRow, startMs: number, endMs: number): void {
    const i = this.slot(row.exporter, row.samplingRate, row.bytes, row.packets);
    const b = this.batch;
    b.timeStartMs[i] = startMs;
    b.timeEndMs[i] = endMs;
    b.timeStartNs[i] = msToNs(startMs);
    b.timeEndNs[i] = msToNs(endMs);
    this.fill(i, row);
  }

  /** Emits the current batch if it holds any flow. */
  flush(): void {
    if (this.batch.length === 0) return;
    const full = this.batch;
    this.batch = allocFlowBatch(this.capacity, this.dictionaries);
    this.onBatch(trimBatch(full));
  }

  private slot(exporter: string, rawRate: number, bytes: number, packets: number): number {
    if (this.batch.length === flowBatchCapacity(this.batch)) this.flush();
    const b = this.batch;
    const i = b.length++;
    const ids = this.exporters.resolve(exporter);
    if (ids.operatorId === 0) this.exporters.unmappedFlows++; // configured exporters always have an operator
    const rate = rawRate > 0 ? rawRate : ids.samplingRate > 0 ? ids.samplingRate : 1;
    b.exporterId[i] = ids.exporterId;
    b.siteId[i] = ids.siteId;
    b.operatorId[i] = ids.operatorId;
    b.samplingRate[i] = rate;
    b.bytes[i] = bytes * rate;
    b.packets[i] = packets * rate;
    this.written++;
    return i;
  }

  private fill(i: number, row: FlowRow): void {
    const b = this.batch;
    b.proto[i] = row.proto;
    b.srcPort[i] = row.srcPort;
    b.dstPort[i] = row.dstPort;
    b.inIf[i] = row.inIf;
    b.outIf[i] = row.outIf;
    b.ipVersion[i] = row.ipVersion;
    if (row.ipVersion === 6) {
      b.srcV6[i] = this.dictionaries.ipv6.intern(row.srcV6);
      b.dstV6[i] = this.dictionaries.ipv6.intern(row.dstV6);
      b.srcV4[i] = 0;
      b.dstV4[i] = 0;
    } else {
      b.srcV4[i] = row.srcV4;
      b.dstV4[i] = row.dstV4;
      b.srcV6[i] = 0;
      b.dstV6[i] = 0;
    }
  }
}

function nsToMs(ns: bigint): number {
  const whole = ns / NS_PER_MS;
  return Number(whole) + Number(ns - whole * NS_PER_MS) / 1e6;
}

function msToNs(ms: number): bigint {
  const whole = Math.floor(ms);
  return BigInt(whole) * NS_PER_MS + BigInt(Math.round((ms - whole) * 1e6));
}

/** Views of the filled prefix of every column (no copy). */
function trimBatch(b: FlowBatch): FlowBatch {
  const n = b.length;
  return {
    length: n,
    timeStartNs: b.timeStartNs.subarray(0, n), timeEndNs: b.timeEndNs.subarray(0, n),
    timeStartMs: b.timeStartMs.subarray(0, n), timeEndMs: b.timeEndMs.subarray(0, n),
    bytes: b.bytes.subarray(0, n), packets: b.packets.subarray(0, n), samplingRate: b.samplingRate.subarray(0, n),
    proto: b.proto.subarray(0, n), srcPort: b.srcPort.subarray(0, n), dstPort: b.dstPort.subarray(0, n),
    inIf: b.inIf.subarray(0, n), outIf: b.outIf.subarray(0, n), ipVersion: b.ipVersion.subarray(0, n),
    srcV4: b.srcV4.subarray(0, n), dstV4: b.dstV4.subarray(0, n), srcV6: b.srcV6.subarray(0, n), dstV6: b.dstV6.subarray(0, n),
    exporterId: b.exporterId.subarray(0, n), siteId: b.siteId.subarray(0, n), operatorId: b.operatorId.subarray(0, n),
    dictionaries: b.dictionaries,
  };
}
