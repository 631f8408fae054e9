/**
 * The blind world: numbering plan, cells, registered subscribers and the record sink.
 * Written from Contract 1 and public knowledge of Vietnamese numbering only.
 */
import type { CdrRecord } from '../../core/cdr.js';
import { Rng } from './rng.js';

export const OPERATOR = '452-04';
export const MCC_MNC_IMSI = '45204';
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Asia/Ho_Chi_Minh has no DST: local = UTC+7 all year. */
export const LOCAL_OFFSET_MS = 7 * HOUR_MS;

/** Own-operator mobile prefixes (after 84) and other operators' prefixes, as in the VN plan. */
const OWN_PREFIXES = ['96', '97', '98', '86', '32', '33', '35', '37'];
const OTHER_MOBILE_PREFIXES = ['91', '94', '88', '90', '93', '89', '70', '79'];
/** Smartphone TACs (first 8 IMEI digits) for ordinary handsets; values are illustrative. */
export const PHONE_TACS = ['35328115', '35875510', '35390111', '86893204', '35412709', '86011405', '35207611', '86453003'];

export interface Subscriber {
  msisdn: string;
  imsi: string;
  imei: string;
  plan: 'prepaid' | 'postpaid';
  customerType: 'individual' | 'enterprise';
  dealerId: string;
  idHash: string;
  activatedAtMs: number;
  homeCell: string;
  workCell: string;
  /** Scenario label: 'population' or a fraud/confounder group name. */
  group: string;
}

export interface Cell {
  cellId: string;
  siteId: string;
  lat: number;
  lon: number;
  province: string;
  district: string;
}

const PROVINCES: [string, string[], number, number][] = [
  ['Ha Noi', ['Ba Dinh', 'Cau Giay', 'Dong Da', 'Hoang Mai'], 21.03, 105.85],
  ['Ho Chi Minh', ['Quan 1', 'Quan 5', 'Binh Thanh', 'Tan Binh'], 10.78, 106.7],
  ['Da Nang', ['Hai Chau', 'Son Tra'], 16.05, 108.2],
  ['Can Tho', ['Ninh Kieu', 'Cai Rang'], 10.03, 105.78],
];

export function luhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export class World {
  readonly subscribers: Subscriber[] = [];
  readonly cells: Cell[] = [];
  readonly records: CdrRecord[] = [];
  private readonly used = new Set<string>();
  private recordSeq = 0;

  constructor(readonly rng: Rng, readonly startMs: number, readonly days: number) {}

  buildCells(sitesPerProvince: number): void {
    let lac = 1100;
    for (const [province, districts, lat, lon] of PROVINCES) {
      lac += 100;
      for (let s = 0; s < sitesPerProvince; s++) {
        const siteId = `S${lac}-${String(s).padStart(3, '0')}`;
        const district = districts[s % districts.length]!;
        const sLat = lat + (this.rng.next() - 0.5) * 0.2;
        const sLon = lon + (this.rng.next() - 0.5) * 0.2;
        for (let sector = 1; sector <= 3; sector++) {
          this.cells.push({ cellId: `452-04-${lac}-${s * 10 + sector + 10000}`, siteId, lat: sLat, lon: sLon, province, district });
        }
      }
    }
  }

  uniqueDigits(prefix: string, len: number): string {
    for (;;) {
      const v = prefix + this.rng.digits(len - prefix.length);
      if (!this.used.has(v)) { this.used.add(v); return v; }
    }
  }

  ownMsisdn(): string { return this.uniqueDigits('84' + this.rng.pick(OWN_PREFIXES), 11); }
  otherMobile(): string { return '84' + this.rng.pick(OTHER_MOBILE_PREFIXES) + this.rng.digits(7); }
  imsi(): string { return this.uniqueDigits(MCC_MNC_IMSI, 15); }
  /** A 15-digit IMEI with a valid check digit. */
  imei(tac: string): string {
    for (;;) {
      const body = tac + this.rng.digits(6);
      const v = body + luhn(body);
      if (!this.used.has(v)) { this.used.add(v); return v; }
    }
  }

  addSubscriber(partial: Partial<Subscriber> & { group: string; homeCell: string }): Subscriber {
    const sub: Subscriber = {
      msisdn: partial.msisdn ?? this.ownMsisdn(),
      imsi: partial.imsi ?? this.imsi(),
      imei: partial.imei ?? this.imei(this.rng.pick(PHONE_TACS)),
      plan: partial.plan ?? (this.rng.chance(0.85) ? 'prepaid' : 'postpaid'),
      customerType: partial.customerType ?? 'individual',
      dealerId: partial.dealerId ?? `D${this.rng.int(100, 400)}`,
      idHash: partial.idHash ?? this.rng.digits(16),
      activatedAtMs: partial.activatedAtMs ?? this.startMs - this.rng.int(30, 3000) * DAY_MS,
      homeCell: partial.homeCell,
      workCell: partial.workCell ?? partial.homeCell,
      group: partial.group,
    };
    this.subscribers.push(sub);
    return sub;
  }

  emit(record: Omit<CdrRecord, 'record_id' | 'operator'>): void {
    this.recordSeq++;
    this.records.push({ record_id: `bl${this.recordSeq.toString(36)}`, operator: OPERATOR, ...record });
  }
}

/** ISO-8601 in local time with the +07:00 offset (Contract 1 start_time). */
export function isoLocal(ms: number): string {
  return new Date(ms + LOCAL_OFFSET_MS).toISOString().replace('Z', '+07:00');
}
