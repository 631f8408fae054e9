/**
 * Reference data from the side feeds: subscriber registrations and cells. Registration
 * evidence (bulk activations by one dealer, many SIMs on one identity document) is indexed
 * here once, as records arrive, so detectors read it in O(1).
 */
import { DAY_MS } from '../core/time.js';

export interface SubscriberRegistration {
  msisdn: string;
  imsi: string;
  operator: string;
  activatedAtMs: number;
  plan: 'prepaid' | 'postpaid';
  customerType: 'individual' | 'enterprise';
  dealerId: string;
  idHash: string;
}

export interface CellReference {
  cellId: string;
  siteId: string;
  lat: number;
  lon: number;
  province: string;
  district: string;
}

export class ReferenceData {
  private readonly byImsi = new Map<string, SubscriberRegistration>();
  private readonly byMsisdn = new Map<string, SubscriberRegistration>();
  private readonly cells = new Map<string, CellReference>();
  /** `${dealerId}|${localDay}` → prepaid activations that day. */
  private readonly dealerDay = new Map<string, number>();
  private readonly simsPerIdHash = new Map<string, number>();
  /** Bumped by every addSubscribers: detectors caching registration evidence compare it. */
  registrationsVersion = 0;

  addSubscribers(rows: Iterable<SubscriberRegistration>): void {
    this.registrationsVersion++;
    for (const row of rows) {
      if (this.byImsi.has(row.imsi)) continue;
      this.byImsi.set(row.imsi, row);
      if (row.msisdn !== '') this.byMsisdn.set(row.msisdn, row);
      if (row.idHash !== '') this.simsPerIdHash.set(row.idHash, (this.simsPerIdHash.get(row.idHash) ?? 0) + 1);
      if (row.plan === 'prepaid' && row.dealerId !== '') {
        const key = `${row.dealerId}|${Math.floor(row.activatedAtMs / DAY_MS)}`;
        this.dealerDay.set(key, (this.dealerDay.get(key) ?? 0) + 1);
      }
    }
  }

  addCells(rows: Iterable<CellReference>): void {
    for (const row of rows) this.cells.set(row.cellId, row);
  }

  /** siteId → province and district, for findings about sites. */
  sites(): Record<string, { province: string; district: string }> {
    const sites: Record<string, { province: string; district: string }> = {};
    for (const cell of this.cells.values()) sites[cell.siteId] ??= { province: cell.province, district: cell.district };
    return sites;
  }

  subscriberByImsi(imsi: string): SubscriberRegistration | undefined {
    return this.byImsi.get(imsi);
  }

  subscriberByMsisdn(msisdn: string): SubscriberRegistration | undefined {
    return this.byMsisdn.get(msisdn);
  }

  cell(cellId: string): CellReference | undefined {
    return this.cells.get(cellId);
  }

  /** Prepaid SIMs the same dealer activated on the same UTC day as this one. */
  dealerActivationsSameDay(reg: SubscriberRegistration): number {
    if (reg.dealerId === '') return 0;
    return this.dealerDay.get(`${reg.dealerId}|${Math.floor(reg.activatedAtMs / DAY_MS)}`) ?? 0;
  }

  simsOnIdHash(idHash: string): number {
    return idHash === '' ? 0 : this.simsPerIdHash.get(idHash) ?? 0;
  }

  get subscriberCount(): number {
    return this.byImsi.size;
  }
}
