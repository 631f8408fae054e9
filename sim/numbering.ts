/**
 * Numbering: operators, MSISDN prefixes, IMSI and IMEI formats, foreign numbers.
 * Viet Nam mobile prefixes per operator follow the 2018 re-numbering (MIC Decision 798/QĐ-BTTTT):
 * Viettel 086/096-098/032-039, VinaPhone 088/091/094/081-085, MobiFone 089/090/093/070/076-079.
 * Market shares are rounded from the MIC white book (Viettel ≈ 54 %, VinaPhone ≈ 27 %, MobiFone ≈ 19 %).
 */
import type { Rng } from './prng.js';

interface OperatorPlan {
  name: string;
  prefixes: readonly string[];
  share: number;
}

const KNOWN_OPERATORS: Readonly<Record<string, OperatorPlan>> = {
  '452-01': { name: 'MobiFone', prefixes: ['90', '93', '89', '70', '76', '77', '78', '79'], share: 0.19 },
  '452-02': { name: 'VinaPhone', prefixes: ['91', '94', '88', '81', '82', '83', '84', '85'], share: 0.27 },
  '452-04': { name: 'Viettel', prefixes: ['96', '97', '98', '86', '32', '33', '34', '35', '36', '37', '38', '39'], share: 0.54 },
};
/** Prefixes handed to operator codes we do not know (e.g. a test with '452-05'). */
const SPARE_PREFIXES = ['52', '56', '58', '59', '92', '99', '87'];

export interface OperatorInfo {
  code: string;
  name: string;
  prefixes: readonly string[];
  share: number;
  /** MCC+MNC digits that start every IMSI, e.g. 45204 */
  imsiPrefix: string;
}

export function operatorInfos(codes: readonly string[]): OperatorInfo[] {
  let spare = 0;
  const infos = codes.map((code) => {
    const known = KNOWN_OPERATORS[code];
    const [mcc, mnc] = code.split('-') as [string, string];
    const plan: OperatorPlan = known ?? { name: code, prefixes: [SPARE_PREFIXES[spare++ % SPARE_PREFIXES.length] as string], share: 0.2 };
    return { code, name: plan.name, prefixes: plan.prefixes, share: plan.share, imsiPrefix: mcc + mnc };
  });
  const total = infos.reduce((s, o) => s + o.share, 0);
  for (const info of infos) info.share /= total;
  return infos;
}

/** Luhn check digit, as the last digit of every IMEI (3GPP TS 23.003 §6.2.1). */
export function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Type allocation codes. Handsets: a spread of common phone TACs; gateways: GSM modules
 * of the kind built into multi-port VoIP–GSM gateways (made-up values in the same shape).
 */
const HANDSET_TACS = ['35332811', '35391110', '35290611', '86769204', '35407115', '86012404', '35925406', '86891503', '35171008', '86445702'];
const GATEWAY_TACS = ['86234803', '86107303'];
const IOT_TACS = ['86593105', '35692511'];

export type DeviceKind = 'handset' | 'gateway' | 'iot';

/** Hands out unique identifiers; one instance per simulation so collisions are impossible. */
export class NumberPlan {
  readonly homeCountryCode: string;
  private readonly used = new Set<string>();

  constructor(homeCountryCode: string) {
    this.homeCountryCode = homeCountryCode;
  }

  /** Reserve a number so no subscriber is ever given it (foreign ranges, robocall targets…). */
  reserve(value: string): boolean {
    if (this.used.has(value)) return false;
    this.used.add(value);
    return true;
  }

  isUsed(value: string): boolean {
    return this.used.has(value);
  }

  msisdn(rng: Rng, op: OperatorInfo): string {
    for (;;) {
      const candidate = this.homeCountryCode + rng.pick(op.prefixes) + rng.digits(7);
      if (this.reserve(candidate)) return candidate;
    }
  }

  imsi(rng: Rng, op: OperatorInfo): string {
    for (;;) {
      const candidate = op.imsiPrefix + rng.digits(15 - op.imsiPrefix.length);
      if (this.reserve(candidate)) return candidate;
    }
  }

  imei(rng: Rng, kind: DeviceKind): string {
    const tacs = kind === 'gateway' ? GATEWAY_TACS : kind === 'iot' ? IOT_TACS : HANDSET_TACS;
    for (;;) {
      const body = rng.pick(tacs) + rng.digits(6);
      const candidate = body + luhnDigit(body);
      if (this.reserve(candidate)) return candidate;
    }
  }

  /** A national fixed-line number (Hà Nội 24, TP.HCM 28 area codes) outside the simulated population. */
  landline(rng: Rng): string {
    return this.homeCountryCode + rng.pick(['24', '28', '236', '225']) + rng.digits(7);
  }
}

export interface ForeignCountry {
  name: string;
  countryCode: string;
  /** IANA zone whose clock the calls from this country follow. */
  timeZone: string;
  /** Leading digits of a mobile national number and its total national length. */
  mobilePrefix: string;
  nationalLength: number;
  /** Relative size of the Vietnamese diaspora there (largest: United States, then Japan, Korea, Taiwan…). */
  diasporaWeight: number;
}

/** Countries with large Vietnamese communities (IOM/MOFA overseas Vietnamese estimates, rounded). */
export const DIASPORA_COUNTRIES: readonly ForeignCountry[] = [
  { name: 'United States', countryCode: '1', timeZone: 'America/Los_Angeles', mobilePrefix: '714', nationalLength: 10, diasporaWeight: 14 },
  { name: 'United States', countryCode: '1', timeZone: 'America/New_York', mobilePrefix: '571', nationalLength: 10, diasporaWeight: 8 },
  { name: 'Japan', countryCode: '81', timeZone: 'Asia/Tokyo', mobilePrefix: '90', nationalLength: 10, diasporaWeight: 5 },
  { name: 'South Korea', countryCode: '82', timeZone: 'Asia/Seoul', mobilePrefix: '10', nationalLength: 10, diasporaWeight: 3 },
  { name: 'Taiwan', countryCode: '886', timeZone: 'Asia/Taipei', mobilePrefix: '9', nationalLength: 9, diasporaWeight: 3 },
  { name: 'Australia', countryCode: '61', timeZone: 'Australia/Sydney', mobilePrefix: '4', nationalLength: 9, diasporaWeight: 3 },
  { name: 'Germany', countryCode: '49', timeZone: 'Europe/Berlin', mobilePrefix: '15', nationalLength: 11, diasporaWeight: 2 },
  { name: 'France', countryCode: '33', timeZone: 'Europe/Paris', mobilePrefix: '6', nationalLength: 9, diasporaWeight: 2 },
  { name: 'Czechia', countryCode: '420', timeZone: 'Europe/Prague', mobilePrefix: '7', nationalLength: 9, diasporaWeight: 1 },
  { name: 'Russia', countryCode: '7', timeZone: 'Europe/Moscow', mobilePrefix: '9', nationalLength: 10, diasporaWeight: 1 },
];
export const DIASPORA_WEIGHTS = DIASPORA_COUNTRIES.map((c) => c.diasporaWeight);

export function foreignMobile(rng: Rng, country: ForeignCountry): string {
  return country.countryCode + country.mobilePrefix + rng.digits(country.nationalLength - country.mobilePrefix.length);
}
