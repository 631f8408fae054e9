/**
 * Contract 2 mapping: exporter (`sampler_address`) → site and operator, from configuration.
 * Resolved once per exporter address and cached, so the per-flow cost is one Map read.
 */
import { configError } from '../../core/errors.js';
import type { FlowDictionaries } from './batch.js';
import { canonicalAddress } from './address.js';

export interface ExporterConfig {
  /** Exporter address as it appears in flows (IPv4 or IPv6). */
  address: string;
  siteId: string;
  operator: string;
  /** Used when the exporter does not report its sampling rate (0/absent in the flow). */
  samplingRate?: number;
}

export interface ExporterIds {
  exporterId: number;
  siteId: number;
  operatorId: number;
  /** Configured fallback sampling rate, 0 when not configured. */
  samplingRate: number;
}

export function validateExporters(exporters: readonly ExporterConfig[]): ExporterConfig[] {
  if (!Array.isArray(exporters)) throw configError('exporters', 'an array of {address, siteId, operator}', exporters);
  const seen = new Set<string>();
  return exporters.map((entry, i) => {
    const address = typeof entry?.address === 'string' ? canonicalAddress(entry.address) : null;
    if (address === null) throw configError(`exporters[${i}].address`, 'an IPv4 or IPv6 address', entry?.address);
    if (seen.has(address)) throw configError(`exporters[${i}].address`, 'unique', entry.address);
    seen.add(address);
    if (typeof entry.siteId !== 'string' || entry.siteId === '') throw configError(`exporters[${i}].siteId`, 'a non-empty string', entry.siteId);
    if (typeof entry.operator !== 'string' || entry.operator === '') throw configError(`exporters[${i}].operator`, 'a non-empty string', entry.operator);
    const rate = entry.samplingRate;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 0xffffffff)) {
      throw configError(`exporters[${i}].samplingRate`, 'an integer in [1, 4294967295]', rate);
    }
    return { address, siteId: entry.siteId, operator: entry.operator, ...(rate === undefined ? {} : { samplingRate: rate }) };
  });
}

export class ExporterMap {
  private readonly configured = new Map<string, ExporterConfig>();
  private readonly resolved = new Map<string, ExporterIds>();
  /** Flows whose exporter is not in the configured map (kept; site = exporter address or 0). */
  unmappedFlows = 0;

  /**
   * @param unmappedAsSite an exporter missing from the map becomes its own site (named by its
   *   address, no operator), so per-site spike/silence still work before the map is configured.
   */
  constructor(exporters: readonly ExporterConfig[], private readonly dictionaries: FlowDictionaries, private readonly unmappedAsSite = true) {
    for (const entry of validateExporters(exporters)) this.configured.set(entry.address, entry);
  }

  /** `address` must already be canonical (decoders produce canonical strings). */
  resolve(address: string): ExporterIds {
    let ids = this.resolved.get(address);
    if (ids === undefined) {
      const entry = this.configured.get(address);
      ids = {
        exporterId: this.dictionaries.exporter.intern(address),
        siteId: entry ? this.dictionaries.site.intern(entry.siteId) : this.unmappedAsSite ? this.dictionaries.site.intern(address) : 0,
        operatorId: entry ? this.dictionaries.operator.intern(entry.operator) : 0,
        samplingRate: entry?.samplingRate ?? 0,
      };
      this.resolved.set(address, ids);
    }
    return ids;
  }
}
