/** Runs hand-built records through a real Engine with the given detectors (no disorder unless asked). */
import { validateConfig, type TelsentryConfig } from '../../../../core/config.js';
import { createDictionaries } from '../../../../core/dictionary.js';
import type { Finding } from '../../../../core/finding.js';
import type { Detector } from '../../../../detectors/detector.js';
import { Engine } from '../../../../engine/engine.js';
import { ReferenceData } from '../../../../engine/reference.js';
import { buildBatch, type TestCdr } from '../../../helpers/cdr-builder.js';

export interface Harness {
  engine: Engine;
  feed(records: TestCdr[], source?: string): void;
  finish(): Finding[];
  ofType(type: Finding['type']): Finding[];
}

export function harness(detectors: Detector[], options: { config?: Partial<TelsentryConfig>; reference?: ReferenceData } = {}): Harness {
  const dictionaries = createDictionaries();
  const engine = new Engine({
    config: validateConfig({ allowedDisorderMs: 0, ...options.config }), dictionaries, detectors,
    reference: options.reference ?? new ReferenceData(),
  });
  return {
    engine,
    feed(records, source = 'test') {
      const sorted = [...records].sort((a, b) => Number(a.at) - Number(b.at));
      for (let i = 0; i < sorted.length; i += 500) engine.ingest(source, buildBatch(sorted.slice(i, i + 500), dictionaries));
    },
    finish() {
      engine.finish();
      return engine.findings();
    },
    ofType(type) {
      return engine.findings().filter((f) => f.type === type);
    },
  };
}

/** Deterministic pseudo-random in [0, 1) (mulberry32), so tests are repeatable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
