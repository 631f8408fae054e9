/**
 * The default flow scenario: sites with diurnal traffic, and on the last day injected
 * floods, scans, spikes and link cuts, plus confounders that must stay quiet (a recurring
 * evening peak that grows a little, a CDN cache-fill burst). Times are local-day offsets.
 */

export interface SimSite {
  siteId: string;
  operator: string;
  exporter: string;
  samplingRate: number;
  /** Customer /16 the site serves, e.g. '100.64'. */
  customerPrefix: string;
  /** Relative size of the site's traffic. */
  scale: number;
}

export interface Injection {
  kind: 'ddos' | 'scan_horizontal' | 'scan_vertical' | 'traffic_spike' | 'site_silence' | 'evening_peak' | 'cdn_burst';
  site: number;
  /** Minutes after local midnight of the injection day. */
  startMinute: number;
  minutes: number;
  /** ddos: victim; scans: scanner source. */
  address?: string;
  /** ddos: packets per second (unsampled); scans: probes per minute (sampled flows); spike/peak/burst: traffic multiplier. */
  rate?: number;
  bytesPerPacket?: number;
  /** Confounders: they recur every day and are not fraud. */
  everyDay?: boolean;
  /** Evening peak on the last day is this much bigger than on earlier days. */
  lastDayFactor?: number;
}

export const DEFAULT_SITES: readonly SimSite[] = [
  { siteId: 'HN-001', operator: '452-04', exporter: '10.255.0.1', samplingRate: 100, customerPrefix: '100.64', scale: 1 },
  { siteId: 'HN-002', operator: '452-04', exporter: '10.255.0.2', samplingRate: 100, customerPrefix: '100.65', scale: 1.2 },
  { siteId: 'HCM-001', operator: '452-01', exporter: '10.255.0.3', samplingRate: 1000, customerPrefix: '100.66', scale: 1 },
  { siteId: 'HCM-002', operator: '452-01', exporter: '10.255.0.4', samplingRate: 100, customerPrefix: '100.67', scale: 0.9 },
  { siteId: 'DN-001', operator: '452-02', exporter: '10.255.0.5', samplingRate: 10, customerPrefix: '100.68', scale: 0.8 },
  { siteId: 'HP-001', operator: '452-02', exporter: '2001:db8:ffff::6', samplingRate: 100, customerPrefix: '100.69', scale: 1 },
];

const hm = (h: number, m = 0): number => h * 60 + m;

export const DEFAULT_INJECTIONS: readonly Injection[] = [
  { kind: 'ddos', site: 0, startMinute: hm(10, 0), minutes: 15, address: '100.64.1.10', rate: 120_000, bytesPerPacket: 1300 },
  { kind: 'ddos', site: 2, startMinute: hm(16, 30), minutes: 10, address: '100.66.7.7', rate: 300_000, bytesPerPacket: 60 },
  { kind: 'ddos', site: 3, startMinute: hm(21, 15), minutes: 12, address: '100.67.3.30', rate: 60_000, bytesPerPacket: 900 },
  { kind: 'ddos', site: 5, startMinute: hm(8, 5), minutes: 10, address: '2001:db8:69::10', rate: 80_000, bytesPerPacket: 1100 },
  { kind: 'scan_horizontal', site: 1, startMinute: hm(11, 20), minutes: 8, address: '45.155.205.7', rate: 250, bytesPerPacket: 44 },
  { kind: 'scan_vertical', site: 4, startMinute: hm(13, 40), minutes: 6, address: '185.220.101.4', rate: 80, bytesPerPacket: 44 },
  { kind: 'scan_horizontal', site: 3, startMinute: hm(3, 10), minutes: 10, address: '193.32.162.9', rate: 40, bytesPerPacket: 48 },
  { kind: 'traffic_spike', site: 1, startMinute: hm(15, 0), minutes: 20, rate: 5 },
  { kind: 'traffic_spike', site: 5, startMinute: hm(9, 30), minutes: 15, rate: 6 },
  { kind: 'site_silence', site: 2, startMinute: hm(14, 0), minutes: 40 },
  { kind: 'site_silence', site: 4, startMinute: hm(3, 0), minutes: 60 },
  // confounders
  { kind: 'evening_peak', site: 3, startMinute: hm(19, 0), minutes: 180, rate: 1.8, everyDay: true, lastDayFactor: 1.25 },
  { kind: 'cdn_burst', site: 0, startMinute: hm(18, 0), minutes: 20, rate: 1.6 },
];

/** Share of the peak hour's traffic per local hour (a mobile network's day). */
export const DIURNAL = [
  0.35, 0.3, 0.27, 0.25, 0.25, 0.3, 0.45, 0.6, 0.75, 0.8, 0.82, 0.85,
  0.85, 0.82, 0.8, 0.8, 0.82, 0.85, 0.9, 0.95, 1, 1, 0.85, 0.6,
];
