/**
 * The engine's live view of one subscriber: the sliding-window features it holds right now.
 * The engine implements this; the API asks it during a profile lookup. Windows the engine
 * does not have (evicted or never seen) are simply absent.
 */
export type ProfileLookupKind = 'msisdn' | 'imsi' | 'imei';

export interface WindowFeatureSet {
  /** "1h" or "24h" */
  window: string;
  /** feature name (moVoice, distinctCallees, nightShare, answeredRatio, …) → value */
  features: Record<string, number>;
}

export interface ProfileSource {
  getWindowFeatures(kind: ProfileLookupKind, value: string): Promise<WindowFeatureSet[]> | WindowFeatureSet[];
}
