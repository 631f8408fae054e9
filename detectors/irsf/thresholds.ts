/**
 * International Revenue Share Fraud: every threshold and the default hot list in one place,
 * with sources. CFCA's Global Fraud Loss Survey (2021, 2023) ranks IRSF among the costliest
 * frauds: SIMs (often stolen or junk) pump calls to premium or high-cost international
 * numbers leased from a range holder, mostly at night and at weekends when no one watches,
 * with long or randomised durations to look like real calls.
 */
export interface IrsfThresholds {
  /**
   * Hours of a SIM's international calling judged together. A SIM carries one call at a time,
   * so long pumped calls come two or three an hour; a night's worth shows the pattern.
   */
  windowHours: number;
  /** Calls to hot-list ranges from one SIM within the window. */
  minHotCalls: number;
  /** …to at least this many distinct hot numbers, or for at least `minHotAnsweredS` in total. */
  minHotNumbers: number;
  minHotAnsweredS: number;
  /**
   * Night pumping to one high-cost destination. One SIM carries one call at a time, so with
   * long calls the tell is talk time, not call count: most of the window spent on answered
   * calls to several numbers in one destination country, at night.
   */
  minNightAnsweredCalls: number;
  minNightNumbers: number;
  minNightTalkS: number;
  /** Volume surge (many short-to-medium calls, e.g. several lines or a hacked PBX behind the SIM). */
  minIntlCalls: number;
  minIntlAnsweredS: number;
  minIntlNumbers: number;
  /** Share of international calls going to the top three number ranges (IPRN blocks). */
  minTopRangeShare: number;
  /** Trailing digits that vary inside one leased range. */
  rangeSuffixDigits: number;
  /** Night share of the SIM's international calls that raises severity. */
  nightShare: number;
  /** Answered seconds at which severity is critical. */
  criticalAnsweredS: number;
  episodeGapMs: number;
}

export const IRSF_THRESHOLDS: Readonly<IrsfThresholds> = Object.freeze({
  windowHours: 6, // the night (00–06 local by default), CFCA: IRSF attacks run through the night
  // A person calls family abroad a few times a day; five premium-range calls an hour to
  // several numbers is pumping (engineering judgement; GSMA FF.21 IRSF indicators: volume to
  // hot destinations from one SIM).
  minHotCalls: 5,
  minHotNumbers: 3,
  minHotAnsweredS: 1800, // 30 min of premium-rate time
  // CFCA: IRSF runs at night and weekends with long, back-to-back calls to high-cost
  // destinations. Three answered calls and an hour of talk within the window, to two or more
  // numbers in one country: a family call abroad is one number (engineering judgement).
  minNightAnsweredCalls: 3,
  minNightNumbers: 2,
  minNightTalkS: 3600,
  // Twenty international calls and an hour of talk within the window, to numbers clustered in a
  // few ranges, at any hour (engineering judgement after CFCA's "surge" description).
  minIntlCalls: 20,
  minIntlAnsweredS: 3600,
  minIntlNumbers: 5,
  minTopRangeShare: 0.8,
  // ITU-T TSB IRSF notes: IPRN providers lease blocks of 100–10,000 numbers.
  rangeSuffixDigits: 3,
  nightShare: 0.5,
  criticalAnsweredS: 7200,
  episodeGapMs: 86_400_000,
});

/**
 * Default hot list: ITU-T shared country codes that do not belong to a country and are the
 * classic IRSF destinations (CFCA survey "top destinations"; ITU-T E.164 Supplement list of
 * shared codes). Operators extend it with their own high-cost and test ranges via options.
 */
export const DEFAULT_HOT_RANGES: readonly string[] = Object.freeze([
  '979', // International Premium Rate Service (ITU-T E.169.3)
  '881', // Global Mobile Satellite System
  '882', // International Networks
  '883', // International Networks
  '870', // Inmarsat SNAC
]);
