/**
 * NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) messages: a header, then sets (flowsets) of
 * templates, options templates and data. Framing is checked for the whole datagram before
 * any set is applied, so a datagram with a lying set length changes no state.
 */
import { formatIPv6 } from '../address.js';
import { DatagramError } from './errors.js';
import { domainOf, ipfixRecordGap, rejectFor, sequenceGap, MAX_PENDING_BYTES_PER_EXPORTER, MAX_PENDING_SETS_PER_DOMAIN, type DomainState, type ExporterState } from './state.js';
import { compileTemplate, decodeRecord, emptyRecordValues, readUint, samplingRateOf, type RecordValues, type Template } from './template.js';
import { uptimeToMs } from './v5.js';
import type { FlowSink } from './sink.js';

export const V9_HEADER_BYTES = 20;
export const IPFIX_HEADER_BYTES = 16;
/** Set ids: v9 template 0 / options 1 (RFC 3954 §5.2); IPFIX template 2 / options 3 (RFC 7011 §3.3.2). */
const V9_TEMPLATE_SET = 0;
const V9_OPTIONS_SET = 1;
const IPFIX_TEMPLATE_SET = 2;
const IPFIX_OPTIONS_SET = 3;
const FIRST_DATA_SET = 256;

interface Message {
  ipfix: boolean;
  exporter: ExporterState;
  domain: DomainState;
  exportMs: number;
  /** v9 only: header sysUptime, anchors FIRST/LAST_SWITCHED. */
  sysUptimeMs: number;
  dataRecords: number;
  sawUnknownTemplate: boolean;
}

const values: RecordValues = emptyRecordValues();

export function decodeV9(buf: Uint8Array, exporter: ExporterState, sink: FlowSink): void {
  if (buf.length < V9_HEADER_BYTES) throw new DatagramError('truncated', `v9 header needs 20 bytes, got ${buf.length}`);
  checkSetFraming(buf, V9_HEADER_BYTES, buf.length);
  const sequence = readUint(buf, 12, 4);
  const domain = domainOf(exporter, readUint(buf, 16, 4));
  exporter.stats.lostPackets += sequenceGap(domain, sequence, exporter.stats);
  domain.expectedSequence = (sequence + 1) % 4_294_967_296; // v9 counts export packets
  const message: Message = {
    ipfix: false, exporter, domain, exportMs: readUint(buf, 8, 4) * 1000, sysUptimeMs: readUint(buf, 4, 4), dataRecords: 0, sawUnknownTemplate: false,
  };
  walkSets(message, buf, V9_HEADER_BYTES, buf.length, sink);
}

export function decodeIpfix(buf: Uint8Array, exporter: ExporterState, sink: FlowSink): void {
  if (buf.length < IPFIX_HEADER_BYTES) throw new DatagramError('truncated', `IPFIX header needs 16 bytes, got ${buf.length}`);
  const length = readUint(buf, 2, 2);
  if (length > buf.length) throw new DatagramError('truncated', `IPFIX length ${length} > datagram ${buf.length}`);
  if (length !== buf.length || length < IPFIX_HEADER_BYTES) throw new DatagramError('bad_length', `IPFIX length ${length} ≠ datagram ${buf.length}`);
  checkSetFraming(buf, IPFIX_HEADER_BYTES, length);
  const sequence = readUint(buf, 8, 4);
  const domain = domainOf(exporter, readUint(buf, 12, 4));
  const message: Message = {
    ipfix: true, exporter, domain, exportMs: readUint(buf, 4, 4) * 1000, sysUptimeMs: NaN, dataRecords: 0, sawUnknownTemplate: false,
  };
  walkSets(message, buf, IPFIX_HEADER_BYTES, length, sink);
  // IPFIX counts data records; records in sets we could not decode are unknown, so skip one check.
  exporter.stats.lostFlows += ipfixRecordGap(domain, sequence, message.sawUnknownTemplate ? -1 : message.dataRecords, exporter.stats);
}

function checkSetFraming(buf: Uint8Array, start: number, end: number): void {
  let pos = start;
  while (pos < end) {
    if (end - pos < 4) throw new DatagramError('bad_length', `${end - pos} stray bytes after the last set`);
    const setLength = readUint(buf, pos + 2, 2);
    if (setLength < 4) throw new DatagramError('bad_length', `set length ${setLength} < 4`);
    if (pos + setLength > end) throw new DatagramError('truncated', `set of ${setLength} bytes at ${pos} runs past ${end}`);
    pos += setLength;
  }
}

function walkSets(m: Message, buf: Uint8Array, start: number, end: number, sink: FlowSink): void {
  const templateSet = m.ipfix ? IPFIX_TEMPLATE_SET : V9_TEMPLATE_SET;
  const optionsSet = m.ipfix ? IPFIX_OPTIONS_SET : V9_OPTIONS_SET;
  for (let pos = start; pos < end;) {
    const setId = readUint(buf, pos, 2);
    const setEnd = pos + readUint(buf, pos + 2, 2);
    if (setId === templateSet || setId === optionsSet) parseTemplates(m, buf, pos + 4, setEnd, setId === optionsSet, sink);
    else if (setId >= FIRST_DATA_SET) decodeDataSet(m, setId, buf, pos + 4, setEnd, sink);
    pos = setEnd;
  }
}

function parseTemplates(m: Message, buf: Uint8Array, start: number, end: number, isOptions: boolean, sink: FlowSink): void {
  let pos = start;
  while (end - pos >= 4) {
    const templateId = readUint(buf, pos, 2);
    let fieldCount: number;
    if (!m.ipfix && isOptions) {
      if (end - pos < 6) break; // padding
      const scopeBytes = readUint(buf, pos + 2, 2);
      const optionBytes = readUint(buf, pos + 4, 2);
      if (scopeBytes % 4 !== 0 || optionBytes % 4 !== 0) throw new DatagramError('bad_template', `v9 options template ${templateId} lengths not multiples of 4`);
      fieldCount = (scopeBytes + optionBytes) / 4;
      pos += 6;
    } else {
      fieldCount = readUint(buf, pos + 2, 2);
      pos += 4;
      if (m.ipfix && fieldCount === 0) {
        withdraw(m, templateId, isOptions);
        continue;
      }
      if (m.ipfix && isOptions) pos += 2; // scope field count: scope fields are decoded like the others
    }
    if (templateId < FIRST_DATA_SET) {
      if (!m.ipfix && templateId === 0 && fieldCount === 0) break; // zero padding
      throw new DatagramError('bad_template', `template id ${templateId} < 256`);
    }
    const specs: { enterprise: number; id: number; length: number }[] = [];
    for (let i = 0; i < fieldCount; i++) {
      if (pos + 4 > end) throw new DatagramError('bad_template', `template ${templateId} field ${i} runs past its set`);
      let id = readUint(buf, pos, 2);
      const length = readUint(buf, pos + 2, 2);
      pos += 4;
      let enterprise = 0;
      if (m.ipfix && id & 0x8000) {
        if (pos + 4 > end) throw new DatagramError('bad_template', `template ${templateId} enterprise number runs past its set`);
        id &= 0x7fff;
        enterprise = readUint(buf, pos, 4);
        pos += 4;
      }
      specs.push({ enterprise, id, length });
    }
    const template = compileTemplate(templateId, isOptions, specs);
    if (template.minRecordLength === 0) throw new DatagramError('bad_template', `template ${templateId} has no bytes per record`);
    m.domain.templates.set(templateId, template);
    m.domain.withdrawn.delete(templateId);
    m.exporter.stats.templatesReceived++;
    replayPending(m, template, sink);
  }
}

function withdraw(m: Message, templateId: number, isOptions: boolean): void {
  m.exporter.stats.templatesWithdrawn++;
  // RFC 7011 §8.1: withdrawing id 2 (or 3) withdraws every template (or options template).
  if (templateId === IPFIX_TEMPLATE_SET || templateId === IPFIX_OPTIONS_SET) {
    for (const [id, t] of m.domain.templates) {
      if (t.isOptions !== isOptions) continue;
      m.domain.templates.delete(id);
      m.domain.withdrawn.add(id);
    }
  } else {
    m.domain.templates.delete(templateId);
    m.domain.withdrawn.add(templateId);
  }
}

function replayPending(m: Message, template: Template, sink: FlowSink): void {
  const pending = m.domain.pending;
  if (pending.length === 0) return;
  const keep = pending.filter((p) => p.templateId !== template.id);
  const ready = pending.filter((p) => p.templateId === template.id);
  m.domain.pending = keep;
  for (const p of ready) {
    m.exporter.pendingBytes -= p.body.length;
    const replay: Message = { ...m, exportMs: p.exportMs, sysUptimeMs: p.sysUptimeMs };
    decodeRecords(replay, template, p.body, 0, p.body.length, sink);
    m.exporter.stats.replayedSets++;
  }
}

function decodeDataSet(m: Message, templateId: number, buf: Uint8Array, start: number, end: number, sink: FlowSink): void {
  const template = m.domain.templates.get(templateId);
  if (template !== undefined) {
    m.dataRecords += decodeRecords(m, template, buf, start, end, sink);
    return;
  }
  m.sawUnknownTemplate = true;
  rejectFor(m.exporter, 'unknown_template');
  if (m.domain.withdrawn.has(templateId)) return;
  if (m.exporter.pendingBytes + (end - start) > MAX_PENDING_BYTES_PER_EXPORTER) {
    rejectFor(m.exporter, 'template_buffer_full');
    return;
  }
  if (m.domain.pending.length >= MAX_PENDING_SETS_PER_DOMAIN) {
    m.exporter.pendingBytes -= m.domain.pending.shift()!.body.length;
    rejectFor(m.exporter, 'template_buffer_full');
  }
  m.domain.pending.push({ templateId, body: buf.slice(start, end), exportMs: m.exportMs, sysUptimeMs: m.sysUptimeMs });
  m.exporter.pendingBytes += end - start;
}

/** Returns the number of records decoded (data and options data). */
function decodeRecords(m: Message, t: Template, buf: Uint8Array, start: number, end: number, sink: FlowSink): number {
  let records = 0;
  const row = sink.row;
  row.exporter = m.exporter.address;
  for (let pos = start; end - pos >= t.minRecordLength;) {
    const next = decodeRecord(t, buf, pos, end, values);
    if (next < 0) break; // padding, or a record cut short by its set
    pos = next;
    records++;
    if (t.isOptions) {
      const rate = samplingRateOf(values);
      if (rate > 0) m.domain.samplingRate = rate;
      if (!Number.isNaN(values.systemInitMs)) m.domain.systemInitMs = values.systemInitMs;
      continue;
    }
    if (values.srcVersion === 0 || values.srcVersion !== values.dstVersion) {
      rejectFor(m.exporter, 'missing_field'); // not an IP flow (e.g. L2-only template)
      continue;
    }
    row.bytes = values.bytes;
    row.packets = values.packets;
    row.samplingRate = samplingRateOf(values) || m.domain.samplingRate;
    row.proto = values.proto;
    row.srcPort = values.srcPort;
    row.dstPort = values.dstPort;
    row.inIf = values.inIf;
    row.outIf = values.outIf;
    row.ipVersion = values.srcVersion;
    if (values.srcVersion === 4) {
      row.srcV4 = values.srcV4;
      row.dstV4 = values.dstV4;
    } else {
      row.srcV6 = formatIPv6(buf, values.srcV6At);
      row.dstV6 = formatIPv6(buf, values.dstV6At);
    }
    const startMs = flowTime(m, values.startMs, values.startDeltaUs, values.startUptime);
    const endMs = Number.isNaN(values.endMs) && !values.hasDelta && !values.hasUptime ? startMs : flowTime(m, values.endMs, values.endDeltaUs, values.endUptime);
    sink.emit(startMs, endMs < startMs ? startMs : endMs);
    m.exporter.stats.flows++;
  }
  return records;
}

/** Absolute time field, else delta from export time, else uptime (v9 header / IPFIX systemInit), else export time. */
function flowTime(m: Message, absoluteMs: number, deltaUs: number, uptime: number): number {
  if (!Number.isNaN(absoluteMs)) return absoluteMs;
  if (values.hasDelta) return m.exportMs - deltaUs / 1000;
  if (values.hasUptime) {
    if (!m.ipfix) return uptimeToMs(uptime, m.sysUptimeMs, m.exportMs);
    const init = Number.isNaN(values.systemInitMs) ? m.domain.systemInitMs : values.systemInitMs;
    if (!Number.isNaN(init)) {
      // 32-bit uptime that wrapped (or a "negative" offset, as softflowd writes for old pcap packets)
      const ms = init + uptime;
      return ms > m.exportMs + 60_000 && uptime >= 2_147_483_648 ? ms - 4_294_967_296 : ms;
    }
  }
  return m.exportMs;
}
