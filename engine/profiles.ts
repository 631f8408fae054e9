/** The engine's live window features for the API's subscriber profile (api/profileSource.ts). */
import type { ProfileLookupKind, ProfileSource, WindowFeatureSet } from '../api/profileSource.js';
import type { Engine } from './engine.js';

export class EngineProfiles implements ProfileSource {
  constructor(private readonly engine: Engine) {}

  getWindowFeatures(kind: ProfileLookupKind, value: string): WindowFeatureSet[] {
    const { dictionaries, windows } = this.engine;
    let slot = -1;
    if (kind === 'imsi') slot = windows.slotOf(dictionaries.imsi.lookup(value));
    else if (kind === 'msisdn') slot = windows.slotOfNumber(dictionaries.msisdn.lookup(value));
    else slot = windows.slotOfDevice(dictionaries.imei.lookup(value)); // the subscriber last seen on this IMEI
    if (slot < 0) return [];
    return (['1h', '24h'] as const).map((window) => {
      const features: Record<string, number> = {};
      for (const [name, v] of Object.entries(windows.features(slot, window))) if (Number.isFinite(v)) features[name] = v;
      if (kind === 'imei' || windows.lastImeiId[slot] !== 0) features.simsOnHandset = windows.imsisOnImei(windows.lastImeiId[slot]!, window);
      return { window, features };
    });
  }
}
