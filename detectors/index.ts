/** Detector registry: adding a detector touches its folder and one line here. */
import type { Detector } from './detector.js';
import { createSimboxDetector } from './simbox/index.js';
import { createTcgBypassDetector } from './tcg_bypass/index.js';

export type { Detector, DetectorContext, ClosedPane, TestCallEvent } from './detector.js';

export function createDetectors(): Detector[] {
  return [
    createSimboxDetector(),
    createTcgBypassDetector(),
  ];
}
