/**
 * M2M / IoT SIMs (smart meters, trackers, POS terminals): bulk-activated for one enterprise
 * by one dealer, data only, never moving, reporting on a fixed period. They share the bulk
 * activation pattern of fraud SIMs but are postpaid enterprise lines with no voice at all
 * (GSMA TS.34 IoT device connection efficiency guidelines describe the periodic reporting).
 */
import type { Behaviour, HourContext } from '../behaviour.js';
import type { Rng } from '../prng.js';
import type { RecordSink } from '../sink.js';
import type { Subscriber, World } from '../world.js';

export const M2M = { simsPer1000: 10, minSims: 50, reportPeriodsMin: [15, 30, 60], bytesMedian: 4_000 };

export class M2mFleet implements Behaviour {
  readonly name = 'm2m';
  private readonly rng: Rng;
  private readonly devices: { sim: Subscriber; periodMs: number; phaseMs: number }[] = [];

  constructor(world: World, rng: Rng) {
    this.rng = rng;
    const opIndex = world.operatorIndex(rng);
    const count = Math.max(M2M.minSims, Math.round((world.opts.subscribers * M2M.simsPer1000) / 1000));
    const enterpriseId = rng.hex(16);
    const activatedAtMs = world.opts.startMs - rng.uniform(10, 60) * 86_400_000;
    for (let k = 0; k < count; k++) {
      const sim = world.addSubscriber(rng, {
        opIndex, activatedAtMs: activatedAtMs + k * 15_000, plan: 'postpaid', customerType: 'enterprise', dealerId: 'ENT-IOT', idHash: enterpriseId,
        role: 'm2m', home: world.quietPlace(rng), device: 'iot',
      });
      const periodMs = rng.pick(M2M.reportPeriodsMin) * 60_000;
      this.devices.push({ sim, periodMs, phaseMs: rng.int(periodMs / 1000) * 1000 });
      world.truth.confounder({ kind: 'm2m', msisdn: sim.msisdn, imsi: sim.imsi });
    }
  }

  hour(ctx: HourContext, sink: RecordSink): void {
    const { rng } = this;
    for (const { sim, periodMs, phaseMs } of this.devices) {
      const first = Math.ceil((ctx.startMs - phaseMs) / periodMs) * periodMs + phaseMs;
      for (let t = first; t < ctx.endMs; t += periodMs) sink.data(sim, t, rng.uniform(1, 8), rng.lognormal(M2M.bytesMedian, 0.5), rng);
    }
  }
}
