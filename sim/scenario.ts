/**
 * Scenario knobs: which SIM-box farms run. Every scenario also carries the population,
 * the confounders and the issue-3 behaviours, so any run can score every detector.
 * Farm sizes span the 4–256 SIM gateways/SIM banks sold for bypass (GoIP-4 … 256-SIM banks).
 */
import type { FarmSpec } from './behaviours/simbox.js';
import type { ScenarioName } from './options.js';

const BYPASS_CALLS_PER_SIM_DAY = 80; // an active bypass SIM places tens to hundreds of calls a day (Murynets et al. 2014)
const STEALTH_CALLS_PER_SIM_DAY = 30;

const plain = (sims: number, extra: Partial<FarmSpec> = {}): FarmSpec => ({ sims, callsPerSimDay: BYPASS_CALLS_PER_SIM_DAY, ...extra });

export const SCENARIO_FARMS: Readonly<Record<ScenarioName, readonly FarmSpec[]>> = {
  default: [plain(8), plain(32), plain(96)],
  'small-farms': [plain(4), plain(6), plain(8), plain(12)],
  'large-farms': [plain(128), plain(256)],
  rotating: [plain(16, { rotateDaily: true }), plain(64, { rotateDaily: true })],
  stealth: [
    plain(48, { stealth: true, rotateDaily: true, callsPerSimDay: STEALTH_CALLS_PER_SIM_DAY }),
    plain(96, { stealth: true, rotateDaily: true, callsPerSimDay: STEALTH_CALLS_PER_SIM_DAY }),
  ],
  'fake-incoming': [plain(24, { fakeIncoming: true }), plain(64, { fakeIncoming: true, noise: true })],
  'mobile-farms': [plain(16, { mobile: true }), plain(48, { mobile: true })],
  mixed: [
    plain(6),
    plain(160),
    plain(32, { rotateDaily: true }),
    plain(48, { stealth: true, rotateDaily: true, callsPerSimDay: STEALTH_CALLS_PER_SIM_DAY }),
    plain(24, { fakeIncoming: true, noise: true, mobile: true }),
  ],
};
