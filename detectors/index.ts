/** Detector registry: adding a detector touches its folder and one line here. */
import type { Detector } from './detector.js';
import { createSimboxDetector, type SimboxOptions } from './simbox/index.js';
import { ISSUE3_DETECTORS, type Issue3Options } from './suite.js';
import { createTcgBypassDetector } from './tcg_bypass/index.js';

export type { Detector, DetectorContext, ClosedPane, TestCallEvent } from './detector.js';
export type { MaintenanceWindow, WatchlistDetector, WatchlistEntry } from './suite.js';

export interface DetectorOptions extends Issue3Options {
  simbox?: SimboxOptions;
}

export function createDetectors(options: DetectorOptions = {}): Detector[] {
  return [
    createSimboxDetector(options.simbox),
    createTcgBypassDetector(),
    ...ISSUE3_DETECTORS.map((make) => make(options)),
  ];
}
