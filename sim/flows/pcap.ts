/**
 * A tiny pcap (libpcap 2.4, Ethernet link type) writer for synthetic IPv4/IPv6 TCP/UDP
 * packets, so real exporters (softflowd) can turn known traffic into NetFlow/IPFIX.
 * Checksums are left zero: flow exporters count packets and bytes, they do not verify them.
 */
import { parseIPv4, parseIPv6 } from '../../ingest/flows/address.js';

export interface SyntheticPacket {
  timeMs: number;
  src: string;
  dst: string;
  /** 6 = TCP, 17 = UDP */
  proto: 6 | 17;
  srcPort: number;
  dstPort: number;
  /** Transport payload bytes. */
  payloadBytes: number;
  /** TCP flags byte; default ACK|PSH. */
  tcpFlags?: number;
}

const PCAP_MAGIC = 0xa1b2c3d4;
const LINKTYPE_ETHERNET = 1;
const SNAPLEN = 65_535;

export function pcapHeader(): Buffer {
  const h = Buffer.alloc(24);
  h.writeUInt32LE(PCAP_MAGIC, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeInt32LE(0, 8);
  h.writeUInt32LE(0, 12);
  h.writeUInt32LE(SNAPLEN, 16);
  h.writeUInt32LE(LINKTYPE_ETHERNET, 20);
  return h;
}

/** Bytes the IP layer carries for this packet (what NetFlow octet counters report). */
export function ipBytesOf(p: SyntheticPacket): number {
  const l4 = p.proto === 6 ? 20 : 8;
  return (p.src.includes(':') ? 40 : 20) + l4 + p.payloadBytes;
}

export function pcapRecord(p: SyntheticPacket): Buffer {
  const v6 = p.src.includes(':');
  const l4Bytes = (p.proto === 6 ? 20 : 8) + p.payloadBytes;
  const ipBytes = ipBytesOf(p);
  const frame = Buffer.alloc(14 + ipBytes);
  frame.writeUInt16BE(0x0200, 0); // locally administered MACs
  frame.writeUInt16BE(0x0200, 6);
  frame.writeUInt8(1, 5);
  frame.writeUInt8(2, 11);
  frame.writeUInt16BE(v6 ? 0x86dd : 0x0800, 12);
  let at = 14;
  if (v6) {
    frame.writeUInt32BE(0x60000000, at);
    frame.writeUInt16BE(l4Bytes, at + 4);
    frame.writeUInt8(p.proto, at + 6);
    frame.writeUInt8(64, at + 7);
    frame.set(addressBytes6(p.src), at + 8);
    frame.set(addressBytes6(p.dst), at + 24);
    at += 40;
  } else {
    frame.writeUInt8(0x45, at);
    frame.writeUInt16BE(ipBytes, at + 2);
    frame.writeUInt16BE(0x4000, at + 6); // DF, no fragments
    frame.writeUInt8(64, at + 8);
    frame.writeUInt8(p.proto, at + 9);
    frame.writeUInt32BE(addressValue4(p.src), at + 12);
    frame.writeUInt32BE(addressValue4(p.dst), at + 16);
    at += 20;
  }
  frame.writeUInt16BE(p.srcPort, at);
  frame.writeUInt16BE(p.dstPort, at + 2);
  if (p.proto === 6) {
    frame.writeUInt32BE(1, at + 4);
    frame.writeUInt8(0x50, at + 12); // data offset 5 words
    frame.writeUInt8(p.tcpFlags ?? 0x18, at + 13);
    frame.writeUInt16BE(65_535, at + 14);
  } else {
    frame.writeUInt16BE(l4Bytes, at + 4);
  }
  const record = Buffer.alloc(16);
  const seconds = Math.floor(p.timeMs / 1000);
  record.writeUInt32LE(seconds, 0);
  record.writeUInt32LE(Math.round((p.timeMs - seconds * 1000) * 1000), 4);
  record.writeUInt32LE(frame.length, 8);
  record.writeUInt32LE(frame.length, 12);
  return Buffer.concat([record, frame]);
}

export function writePcap(packets: readonly SyntheticPacket[]): Buffer {
  return Buffer.concat([pcapHeader(), ...packets.map(pcapRecord)]);
}

function addressValue4(text: string): number {
  const v = parseIPv4(text);
  if (v < 0) throw new RangeError(`not an IPv4 address: ${text}`);
  return v;
}

function addressBytes6(text: string): Uint8Array {
  const v = parseIPv6(text);
  if (v === null) throw new RangeError(`not an IPv6 address: ${text}`);
  return v;
}
