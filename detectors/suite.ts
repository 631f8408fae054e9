/**
 * Issue 3's detectors beyond SIM-box, as factories the registry adds with one line. Each takes
 * its own options (thresholds; irsf a hot list; site_silence maintenance windows; watchlist
 * entries) and works with the defaults.
 */
import type { Detector } from './detector.js';
import { createIrsfDetector, type IrsfOptions } from './irsf/index.js';
import { createJunkSimDetector, type JunkSimOptions } from './junk_sim/index.js';
import { createMassCallingDetector, type MassCallingOptions } from './mass_calling/index.js';
import { createSiteSilenceDetector, type SiteSilenceOptions } from './site_silence/index.js';
import { createSmsSpamDetector, type SmsSpamOptions } from './sms_spam/index.js';
import { createWangiriDetector, type WangiriOptions } from './wangiri/index.js';
import { createWatchlistDetector, type WatchlistOptions } from './watchlist/index.js';

export { createIrsfDetector, createJunkSimDetector, createMassCallingDetector, createSiteSilenceDetector, createSmsSpamDetector, createWangiriDetector, createWatchlistDetector };
export type { SiteSilenceDetector } from './site_silence/index.js';
export type { WatchlistDetector, WatchlistEntry } from './watchlist/index.js';
export type { MaintenanceWindow } from './site_silence/maintenance.js';

export interface Issue3Options {
  mass_calling?: MassCallingOptions;
  sms_spam?: SmsSpamOptions;
  wangiri?: WangiriOptions;
  irsf?: IrsfOptions;
  junk_sim?: JunkSimOptions;
  site_silence?: SiteSilenceOptions;
  watchlist?: WatchlistOptions;
}

/** Factories in a stable order (findings and their ids do not depend on it). */
export const ISSUE3_DETECTORS: readonly ((options?: Issue3Options) => Detector)[] = Object.freeze([
  (o?: Issue3Options) => createMassCallingDetector(o?.mass_calling),
  (o?: Issue3Options) => createSmsSpamDetector(o?.sms_spam),
  (o?: Issue3Options) => createWangiriDetector(o?.wangiri),
  (o?: Issue3Options) => createIrsfDetector(o?.irsf),
  (o?: Issue3Options) => createJunkSimDetector(o?.junk_sim),
  (o?: Issue3Options) => createSiteSilenceDetector(o?.site_silence),
  (o?: Issue3Options) => createWatchlistDetector(o?.watchlist),
]);
