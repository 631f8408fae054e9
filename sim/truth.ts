/**
 * Ground truth written to truth.json: which subjects are fraud (with the event time of
 * their first fraudulent record), which look suspicious but are legitimate (confounders),
 * and the planned maintenance windows. Entries are kept in registration order so the file
 * is byte-identical for the same seed.
 */
import type { FindingType, SubjectKind } from '../core/finding.js';

export interface FraudEntry {
  type: FindingType;
  farm?: string;
  subject: { kind: SubjectKind; value: string };
  imsi?: string;
  imei?: string;
  operator?: string;
  /** Extra facts for evaluation and debugging (e.g. outage end, number range members). */
  [extra: string]: unknown;
}

export interface ConfounderEntry {
  kind: string;
  msisdn?: string;
  imsi?: string;
  [extra: string]: unknown;
}

export interface MaintenanceEntry {
  site_id: string;
  operator: string;
  cells: string[];
  from: string;
  to: string;
}

export interface TruthFile {
  seed: number;
  scenario: string;
  start: string;
  end: string;
  fraud: (FraudEntry & { first_fraud_at: string })[];
  confounders: ConfounderEntry[];
  maintenance: MaintenanceEntry[];
}

export class TruthCollector {
  private readonly fraud = new Map<string, { entry: FraudEntry; firstMs: number }>();
  readonly confounders: ConfounderEntry[] = [];
  readonly maintenance: MaintenanceEntry[] = [];
  private readonly confounderMsisdns = new Set<string>();

  /** Registers a fraud subject; it reaches truth.json only once `observe` saw it act. */
  register(key: string, entry: FraudEntry, firstMs = Number.POSITIVE_INFINITY): void {
    if (!this.fraud.has(key)) this.fraud.set(key, { entry, firstMs: Math.floor(firstMs / 1000) * 1000 });
    else this.observe(key, firstMs);
  }

  /** Notes a fraudulent record of `key` at event time `ms`. */
  observe(key: string, eventMs: number): void {
    const ms = Math.floor(eventMs / 1000) * 1000; // records carry whole seconds
    const item = this.fraud.get(key);
    if (item !== undefined && ms < item.firstMs) item.firstMs = ms;
  }

  has(key: string): boolean {
    return this.fraud.has(key);
  }

  firstMs(key: string): number | undefined {
    return this.fraud.get(key)?.firstMs;
  }

  confounder(entry: ConfounderEntry): void {
    this.confounders.push(entry);
    if (entry.msisdn !== undefined) this.confounderMsisdns.add(entry.msisdn);
  }

  isConfounder(msisdn: string): boolean {
    return this.confounderMsisdns.has(msisdn);
  }

  toFile(meta: { seed: number; scenario: string; start: string; end: string }): TruthFile {
    const fraud: TruthFile['fraud'] = [];
    for (const { entry, firstMs } of this.fraud.values()) {
      if (!Number.isFinite(firstMs)) continue; // registered but never acted: nothing a detector could see
      const { type, farm, subject, imsi, imei, operator, ...extra } = entry;
      fraud.push({
        type, ...(farm === undefined ? {} : { farm }), subject,
        ...(imsi === undefined ? {} : { imsi }), ...(imei === undefined ? {} : { imei }),
        first_fraud_at: new Date(firstMs).toISOString(), ...(operator === undefined ? {} : { operator }), ...extra,
      });
    }
    return { ...meta, fraud, confounders: this.confounders, maintenance: this.maintenance };
  }
}
