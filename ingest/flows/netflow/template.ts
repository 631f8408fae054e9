/**
 * Templates (RFC 3954 §5.2, RFC 7011 §3.4) and decoding one data record with one. A
 * template's roles are resolved once when it arrives; the per-record loop only switches
 * on small integers.
 */
import { Role, roleOf } from './fields.js';

/** RFC 7011 §7: a field length of 65535 means "variable length, prefixed in the record". */
export const VARIABLE_LENGTH = 65_535;

export interface TemplateField {
  role: number;
  length: number;
}

export interface Template {
  id: number;
  isOptions: boolean;
  fields: TemplateField[];
  /** Bytes per record, or -1 when any field is variable-length. */
  recordLength: number;
  /** Smallest possible record (variable fields counted as their 1-byte prefix), used to spot padding. */
  minRecordLength: number;
  /** Fixed-length templates only: byte offset of each role's field in a record (-1 = absent), and its length. */
  roleOffset: Int32Array;
  roleLength: Uint8Array;
}

const ROLE_COUNT = Math.max(...Object.values(Role)) + 1;

export function compileTemplate(id: number, isOptions: boolean, specs: readonly { enterprise: number; id: number; length: number }[]): Template {
  let fixed = 0;
  let min = 0;
  let variable = false;
  const fields = specs.map((s) => {
    if (s.length === VARIABLE_LENGTH) {
      variable = true;
      min += 1;
    } else {
      fixed += s.length;
      min += s.length;
    }
    return { role: s.length === VARIABLE_LENGTH ? Role.skip : roleOf(s.enterprise, s.id, s.length), length: s.length };
  });
  const roleOffset = new Int32Array(ROLE_COUNT).fill(-1);
  const roleLength = new Uint8Array(ROLE_COUNT);
  if (!variable) {
    let offset = 0;
    for (const field of fields) {
      if (field.role !== Role.skip) {
        roleOffset[field.role] = offset;
        roleLength[field.role] = field.length;
      }
      offset += field.length;
    }
  }
  return { id, isOptions, fields, recordLength: variable ? -1 : fixed, minRecordLength: min, roleOffset, roleLength };
}

/** Everything a data record can carry that the collector uses; reset per record. */
export interface RecordValues {
  bytes: number;
  packets: number;
  proto: number;
  srcPort: number;
  dstPort: number;
  inIf: number;
  outIf: number;
  /** 0 = absent, else 4 or 6 */
  srcVersion: number;
  dstVersion: number;
  srcV4: number;
  dstV4: number;
  /** Offsets of 16-byte IPv6 addresses in the datagram. */
  srcV6At: number;
  dstV6At: number;
  startUptime: number;
  endUptime: number;
  /** Absolute epoch ms from any absolute time field; NaN when absent. */
  startMs: number;
  endMs: number;
  startDeltaUs: number;
  endDeltaUs: number;
  samplingInterval: number;
  samplingPacketInterval: number;
  samplingPacketSpace: number;
  systemInitMs: number;
  hasUptime: boolean;
  hasDelta: boolean;
}

export function emptyRecordValues(): RecordValues {
  return {
    bytes: 0, packets: 0, proto: 0, srcPort: 0, dstPort: 0, inIf: 0, outIf: 0, srcVersion: 0, dstVersion: 0, srcV4: 0, dstV4: 0,
    srcV6At: -1, dstV6At: -1, startUptime: 0, endUptime: 0, startMs: NaN, endMs: NaN, startDeltaUs: 0, endDeltaUs: 0,
    samplingInterval: 0, samplingPacketInterval: 0, samplingPacketSpace: 0, systemInitMs: NaN, hasUptime: false, hasDelta: false,
  };
}

function resetValues(v: RecordValues): void {
  v.bytes = 0; v.packets = 0; v.proto = 0; v.srcPort = 0; v.dstPort = 0; v.inIf = 0; v.outIf = 0;
  v.srcVersion = 0; v.dstVersion = 0; v.srcV4 = 0; v.dstV4 = 0; v.srcV6At = -1; v.dstV6At = -1;
  v.startUptime = 0; v.endUptime = 0; v.startMs = NaN; v.endMs = NaN; v.startDeltaUs = 0; v.endDeltaUs = 0;
  v.samplingInterval = 0; v.samplingPacketInterval = 0; v.samplingPacketSpace = 0; v.systemInitMs = NaN;
  v.hasUptime = false; v.hasDelta = false;
}

/** Unsigned big-endian integer of 1–8 bytes (exact below 2^53, which byte counters stay under). */
export function readUint(buf: Uint8Array, at: number, length: number): number {
  switch (length) {
    case 1: return buf[at]!;
    case 2: return (buf[at]! << 8) | buf[at + 1]!;
    case 4: return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
    default: {
      let value = 0;
      for (let i = 0; i < length; i++) value = value * 256 + buf[at + i]!;
      return value;
    }
  }
}

/** NTP timestamp (RFC 5905: seconds since 1900 + 2^-32 fractions) → epoch ms. */
function ntpToMs(buf: Uint8Array, at: number): number {
  const seconds = readUint(buf, at, 4);
  const fraction = readUint(buf, at + 4, 4);
  return (seconds - 2_208_988_800) * 1000 + (fraction / 4_294_967_296) * 1000;
}

/**
 * Decodes one record at `at` into `v`; returns the offset after it, or -1 when the record
 * runs past `end` (truncated).
 */
export function decodeRecord(t: Template, buf: Uint8Array, at: number, end: number, v: RecordValues): number {
  if (t.recordLength >= 0) return decodeFixedRecord(t, buf, at, end, v);
  resetValues(v);
  let pos = at;
  for (const field of t.fields) {
    let length = field.length;
    if (length === VARIABLE_LENGTH) {
      if (pos >= end) return -1;
      length = buf[pos++]!;
      if (length === 255) {
        if (pos + 2 > end) return -1;
        length = (buf[pos]! << 8) | buf[pos + 1]!;
        pos += 2;
      }
    }
    if (pos + length > end) return -1;
    switch (field.role) {
      case Role.skip: break;
      case Role.bytes: v.bytes = readUint(buf, pos, length); break;
      case Role.packets: v.packets = readUint(buf, pos, length); break;
      case Role.proto: v.proto = readUint(buf, pos, length) & 255; break;
      case Role.srcPort: v.srcPort = readUint(buf, pos, length) & 0xffff; break;
      case Role.dstPort: v.dstPort = readUint(buf, pos, length) & 0xffff; break;
      case Role.srcV4: v.srcV4 = readUint(buf, pos, 4); v.srcVersion = 4; break;
      case Role.dstV4: v.dstV4 = readUint(buf, pos, 4); v.dstVersion = 4; break;
      case Role.srcV6: v.srcV6At = pos; v.srcVersion = 6; break;
      case Role.dstV6: v.dstV6At = pos; v.dstVersion = 6; break;
      case Role.inIf: v.inIf = readUint(buf, pos, length) >>> 0; break;
      case Role.outIf: v.outIf = readUint(buf, pos, length) >>> 0; break;
      case Role.startUptime: v.startUptime = readUint(buf, pos, length); v.hasUptime = true; break;
      case Role.endUptime: v.endUptime = readUint(buf, pos, length); v.hasUptime = true; break;
      case Role.startSec: v.startMs = readUint(buf, pos, length) * 1000; break;
      case Role.endSec: v.endMs = readUint(buf, pos, length) * 1000; break;
      case Role.startMs: v.startMs = readUint(buf, pos, length); break;
      case Role.endMs: v.endMs = readUint(buf, pos, length); break;
      case Role.startUs: case Role.startNs: v.startMs = ntpToMs(buf, pos); break;
      case Role.endUs: case Role.endNs: v.endMs = ntpToMs(buf, pos); break;
      case Role.startDeltaUs: v.startDeltaUs = readUint(buf, pos, length); v.hasDelta = true; break;
      case Role.endDeltaUs: v.endDeltaUs = readUint(buf, pos, length); v.hasDelta = true; break;
      case Role.samplingInterval: v.samplingInterval = readUint(buf, pos, length); break;
      case Role.samplingPacketInterval: v.samplingPacketInterval = readUint(buf, pos, length); break;
      case Role.samplingPacketSpace: v.samplingPacketSpace = readUint(buf, pos, length); break;
      case Role.systemInitMs: v.systemInitMs = readUint(buf, pos, length); break;
    }
    pos += length;
  }
  return pos;
}

/** Sampling rate an options (or data) record announces; 0 when it announces none. */
export function samplingRateOf(v: RecordValues): number {
  if (v.samplingInterval > 0) return v.samplingInterval;
  // RFC 5476 systematic count-based sampling: select `interval` packets, skip `space`.
  if (v.samplingPacketInterval > 0) return Math.round((v.samplingPacketInterval + v.samplingPacketSpace) / v.samplingPacketInterval);
  return 0;
}

/** Fixed-length templates: read each role at its precomputed offset, no walk over skipped fields. */
function decodeFixedRecord(t: Template, buf: Uint8Array, at: number, end: number, v: RecordValues): number {
  if (at + t.recordLength > end) return -1;
  const off = t.roleOffset;
  v.bytes = num(t, buf, at, Role.bytes);
  v.packets = num(t, buf, at, Role.packets);
  v.proto = num(t, buf, at, Role.proto) & 255;
  v.srcPort = num(t, buf, at, Role.srcPort) & 0xffff;
  v.dstPort = num(t, buf, at, Role.dstPort) & 0xffff;
  v.inIf = num(t, buf, at, Role.inIf) >>> 0;
  v.outIf = num(t, buf, at, Role.outIf) >>> 0;
  v.srcVersion = off[Role.srcV4]! >= 0 ? 4 : off[Role.srcV6]! >= 0 ? 6 : 0;
  v.dstVersion = off[Role.dstV4]! >= 0 ? 4 : off[Role.dstV6]! >= 0 ? 6 : 0;
  v.srcV4 = num(t, buf, at, Role.srcV4);
  v.dstV4 = num(t, buf, at, Role.dstV4);
  v.srcV6At = off[Role.srcV6]! >= 0 ? at + off[Role.srcV6]! : -1;
  v.dstV6At = off[Role.dstV6]! >= 0 ? at + off[Role.dstV6]! : -1;
  v.hasUptime = off[Role.startUptime]! >= 0 || off[Role.endUptime]! >= 0;
  v.startUptime = num(t, buf, at, Role.startUptime);
  v.endUptime = num(t, buf, at, Role.endUptime);
  v.hasDelta = off[Role.startDeltaUs]! >= 0 || off[Role.endDeltaUs]! >= 0;
  v.startDeltaUs = num(t, buf, at, Role.startDeltaUs);
  v.endDeltaUs = num(t, buf, at, Role.endDeltaUs);
  v.startMs = absoluteMs(t, buf, at, Role.startMs, Role.startSec, Role.startUs, Role.startNs);
  v.endMs = absoluteMs(t, buf, at, Role.endMs, Role.endSec, Role.endUs, Role.endNs);
  v.samplingInterval = num(t, buf, at, Role.samplingInterval);
  v.samplingPacketInterval = num(t, buf, at, Role.samplingPacketInterval);
  v.samplingPacketSpace = num(t, buf, at, Role.samplingPacketSpace);
  v.systemInitMs = t.roleOffset[Role.systemInitMs]! < 0 ? NaN : num(t, buf, at, Role.systemInitMs);
  return at + t.recordLength;
}

function num(t: Template, buf: Uint8Array, at: number, role: number): number {
  const offset = t.roleOffset[role]!;
  return offset < 0 ? 0 : readUint(buf, at + offset, t.roleLength[role]!);
}

function absoluteMs(t: Template, buf: Uint8Array, at: number, ms: number, sec: number, us: number, ns: number): number {
  const off = t.roleOffset;
  if (off[ms]! >= 0) return num(t, buf, at, ms);
  if (off[sec]! >= 0) return num(t, buf, at, sec) * 1000;
  if (off[us]! >= 0) return ntpToMs(buf, at + off[us]!);
  if (off[ns]! >= 0) return ntpToMs(buf, at + off[ns]!);
  return NaN;
}
