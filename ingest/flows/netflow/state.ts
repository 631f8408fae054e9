/**
 * Per-exporter collector state: templates and sampling per observation domain (v9 source
 * id / IPFIX observation domain id), sequence tracking, the bounded buffer of data sets
 * whose template has not arrived yet, and per-exporter counters.
 */
import { DatagramError } from './errors.js';
import { countReject, type FlowRejectReason, type RejectCounts } from '../batch.js';
import type { Template } from './template.js';

/** Data sets held per domain until their template arrives; beyond this the oldest is dropped (counted). */
export const MAX_PENDING_SETS_PER_DOMAIN = 64; // ~ one template refresh interval of a busy v9 exporter
/** Bytes of buffered data sets per exporter, over all its domains. */
export const MAX_PENDING_BYTES_PER_EXPORTER = 1_048_576; // 1 MiB ≈ 700 full datagrams of early data

/** Observation domains (v9 source ids / IPFIX domains / v5 engines) per exporter; caps memory under garbage ids. */
export const MAX_DOMAINS_PER_EXPORTER = 256; // routers use one per line card or VRF: tens, not hundreds

export interface PendingSet {
  templateId: number;
  body: Uint8Array;
  exportMs: number;
  sysUptimeMs: number;
}

export interface DomainState {
  templates: Map<number, Template>;
  /** From options data records (RFC 3954 §6.1 / RFC 7011 §3.4.2.2); 0 = not announced. */
  samplingRate: number;
  /** IPFIX systemInitTimeMilliseconds when announced, for flowStart/EndSysUpTime. */
  systemInitMs: number;
  /** Next expected sequence number; -1 before the first message. */
  expectedSequence: number;
  /** IPFIX: previous header sequence number and data records in that message; -1 = unknown. */
  previousSequence: number;
  previousRecords: number;
  /**
   * IPFIX exporters that put the count *including* the current message in the header (softflowd
   * 1.1 does) instead of RFC 7011's "records before this one"; learnt from the first gap-free pair.
   */
  sequenceConvention: 'unknown' | 'rfc7011' | 'inclusive';
  pending: PendingSet[];
  /** Template ids withdrawn and not yet redefined: their data is dropped, not buffered (RFC 7011 §8.1). */
  withdrawn: Set<number>;
}

export interface ExporterStats {
  datagrams: number;
  flows: number;
  /** Flows lost per the sequence numbers (v5: flows, IPFIX: data records). */
  lostFlows: number;
  /** v9 sequence numbers count export packets (RFC 3954 §5.1), so its loss is in packets. */
  lostPackets: number;
  /** Sequence numbers that went backwards or jumped ≥ 2^31: exporter restart or reordering. */
  sequenceResets: number;
  templatesReceived: number;
  templatesWithdrawn: number;
  /** Data sets decoded after their template arrived late. */
  replayedSets: number;
  rejects: RejectCounts;
}

export interface ExporterState {
  address: string;
  /** The collector-wide counts, summed over exporters. */
  totalRejects: RejectCounts;
  domains: Map<number, DomainState>;
  /** Bytes held in all domains' pending buffers. */
  pendingBytes: number;
  stats: ExporterStats;
}

export function newExporterState(address: string, totalRejects: RejectCounts): ExporterState {
  return {
    address,
    totalRejects,
    domains: new Map(),
    pendingBytes: 0,
    stats: {
      datagrams: 0, flows: 0, lostFlows: 0, lostPackets: 0, sequenceResets: 0,
      templatesReceived: 0, templatesWithdrawn: 0, replayedSets: 0, rejects: {},
    },
  };
}

export function domainOf(exporter: ExporterState, domainId: number): DomainState {
  let domain = exporter.domains.get(domainId);
  if (domain === undefined) {
    if (exporter.domains.size >= MAX_DOMAINS_PER_EXPORTER) throw new DatagramError('domain_limit', `more than ${MAX_DOMAINS_PER_EXPORTER} domains`);
    domain = {
      templates: new Map(), samplingRate: 0, systemInitMs: NaN, expectedSequence: -1,
      previousSequence: -1, previousRecords: -1, sequenceConvention: 'unknown', pending: [], withdrawn: new Set(),
    };
    exporter.domains.set(domainId, domain);
  }
  return domain;
}

/**
 * Compares a header sequence number with the expected one; returns the gap (≥ 0) to count as
 * loss. Backward steps and implausible jumps count as resets instead of loss.
 */
export function sequenceGap(domain: DomainState, sequence: number, stats: ExporterStats): number {
  const expected = domain.expectedSequence;
  if (expected < 0 || sequence === expected) return 0;
  const gap = (sequence - expected + 4_294_967_296) % 4_294_967_296;
  if (gap >= 2_147_483_648) {
    stats.sequenceResets++;
    return 0;
  }
  return gap;
}

/** Counts a rejection for this exporter and in the collector-wide total. */
export function rejectFor(exporter: ExporterState, reason: FlowRejectReason): void {
  countReject(exporter.stats.rejects, reason);
  countReject(exporter.totalRejects, reason);
}

/**
 * IPFIX data-record loss for a message with header `sequence` carrying `records` data records,
 * under the domain's learnt convention; updates the domain for the next message.
 */
export function ipfixRecordGap(domain: DomainState, sequence: number, records: number, stats: ExporterStats): number {
  const previous = domain.previousSequence;
  const previousRecords = domain.previousRecords;
  domain.previousSequence = sequence;
  domain.previousRecords = records;
  if (previous < 0 || previousRecords < 0) return 0;
  const rfc = gapOf(sequence, previous + previousRecords);
  const inclusive = gapOf(sequence - records, previous);
  if (domain.sequenceConvention === 'unknown') {
    if (rfc === 0) domain.sequenceConvention = 'rfc7011';
    else if (inclusive === 0) domain.sequenceConvention = 'inclusive';
    else domain.sequenceConvention = 'rfc7011';
  }
  const gap = domain.sequenceConvention === 'inclusive' ? inclusive : rfc;
  if (gap >= 2_147_483_648) {
    stats.sequenceResets++;
    return 0;
  }
  return gap;
}

function gapOf(sequence: number, expected: number): number {
  return (((sequence - expected) % 4_294_967_296) + 4_294_967_296) % 4_294_967_296;
}
