/**
 * Information elements the collector reads. NetFlow v9 field types (RFC 3954 §8) and IPFIX
 * IANA information elements share numbers 1–127; the rest are IPFIX-only (RFC 7012 / IANA
 * "IPFIX Information Elements" registry).
 */
export const IE = {
  octetDeltaCount: 1, // v9 IN_BYTES
  packetDeltaCount: 2, // v9 IN_PKTS
  protocolIdentifier: 4, // v9 PROTOCOL
  sourceTransportPort: 7, // v9 L4_SRC_PORT
  sourceIPv4Address: 8, // v9 IPV4_SRC_ADDR
  ingressInterface: 10, // v9 INPUT_SNMP
  destinationTransportPort: 11, // v9 L4_DST_PORT
  destinationIPv4Address: 12, // v9 IPV4_DST_ADDR
  egressInterface: 14, // v9 OUTPUT_SNMP
  flowEndSysUpTime: 21, // v9 LAST_SWITCHED
  flowStartSysUpTime: 22, // v9 FIRST_SWITCHED
  postOctetDeltaCount: 23, // v9 OUT_BYTES
  postPacketDeltaCount: 24, // v9 OUT_PKTS
  sourceIPv6Address: 27,
  destinationIPv6Address: 28,
  samplingInterval: 34, // v9 SAMPLING_INTERVAL
  samplerRandomInterval: 50, // v9 FLOW_SAMPLER_RANDOM_INTERVAL
  ipVersion: 60,
  octetTotalCount: 85,
  packetTotalCount: 86,
  flowStartSeconds: 150,
  flowEndSeconds: 151,
  flowStartMilliseconds: 152,
  flowEndMilliseconds: 153,
  flowStartMicroseconds: 154,
  flowEndMicroseconds: 155,
  flowStartNanoseconds: 156,
  flowEndNanoseconds: 157,
  flowStartDeltaMicroseconds: 158,
  flowEndDeltaMicroseconds: 159,
  systemInitTimeMilliseconds: 160,
  samplingPacketInterval: 305,
  samplingPacketSpace: 306,
} as const;

/** What the record decoder does with a field; decided once per template. */
export const Role = {
  skip: 0, bytes: 1, packets: 2, proto: 3, srcPort: 4, dstPort: 5, srcV4: 6, dstV4: 7, srcV6: 8, dstV6: 9,
  inIf: 10, outIf: 11, startUptime: 12, endUptime: 13, startSec: 14, endSec: 15, startMs: 16, endMs: 17,
  startUs: 18, endUs: 19, startNs: 20, endNs: 21, startDeltaUs: 22, endDeltaUs: 23, samplingInterval: 24,
  samplingPacketInterval: 25, samplingPacketSpace: 26, systemInitMs: 27,
} as const;

const ROLE_BY_IE: ReadonlyMap<number, number> = new Map([
  [IE.octetDeltaCount, Role.bytes], [IE.octetTotalCount, Role.bytes],
  [IE.packetDeltaCount, Role.packets], [IE.packetTotalCount, Role.packets],
  [IE.protocolIdentifier, Role.proto], [IE.sourceTransportPort, Role.srcPort], [IE.destinationTransportPort, Role.dstPort],
  [IE.sourceIPv4Address, Role.srcV4], [IE.destinationIPv4Address, Role.dstV4],
  [IE.sourceIPv6Address, Role.srcV6], [IE.destinationIPv6Address, Role.dstV6],
  [IE.ingressInterface, Role.inIf], [IE.egressInterface, Role.outIf],
  [IE.flowStartSysUpTime, Role.startUptime], [IE.flowEndSysUpTime, Role.endUptime],
  [IE.flowStartSeconds, Role.startSec], [IE.flowEndSeconds, Role.endSec],
  [IE.flowStartMilliseconds, Role.startMs], [IE.flowEndMilliseconds, Role.endMs],
  [IE.flowStartMicroseconds, Role.startUs], [IE.flowEndMicroseconds, Role.endUs],
  [IE.flowStartNanoseconds, Role.startNs], [IE.flowEndNanoseconds, Role.endNs],
  [IE.flowStartDeltaMicroseconds, Role.startDeltaUs], [IE.flowEndDeltaMicroseconds, Role.endDeltaUs],
  [IE.samplingInterval, Role.samplingInterval], [IE.samplerRandomInterval, Role.samplingInterval],
  [IE.samplingPacketInterval, Role.samplingPacketInterval], [IE.samplingPacketSpace, Role.samplingPacketSpace],
  [IE.systemInitTimeMilliseconds, Role.systemInitMs],
]);

/** Field lengths each role accepts (reduced-size encoding, RFC 7011 §6.2, allows shorter integers). */
const ADDRESS_LENGTH: ReadonlyMap<number, number> = new Map([[Role.srcV4, 4], [Role.dstV4, 4], [Role.srcV6, 16], [Role.dstV6, 16]]);
/** NTP-format timestamps (dateTimeMicroseconds/Nanoseconds) are 8 bytes (RFC 7011 §6.1.9–10). */
const NTP_ROLES: ReadonlySet<number> = new Set([Role.startUs, Role.endUs, Role.startNs, Role.endNs]);

/** Role of an (enterprise, IE id, length) field; enterprise-specific and odd-length fields are skipped. */
export function roleOf(enterprise: number, id: number, length: number): number {
  if (enterprise !== 0) return Role.skip;
  const role = ROLE_BY_IE.get(id) ?? Role.skip;
  if (role === Role.skip) return role;
  const addressLength = ADDRESS_LENGTH.get(role);
  if (addressLength !== undefined) return length === addressLength ? role : Role.skip;
  if (NTP_ROLES.has(role)) return length === 8 ? role : Role.skip;
  return length >= 1 && length <= 8 ? role : Role.skip;
}
