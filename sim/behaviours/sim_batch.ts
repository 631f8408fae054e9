/**
 * Bulk SIM registration, the common root of SIM-box, spam and "junk SIM" fraud: one dealer
 * activates a batch of prepaid SIMs within an hour or two, on stolen or forged identity
 * documents (few SIMs per identity to stay under the per-ID cap, or many on one forged ID).
 * Viet Nam caps SIMs per identity document (Decree 49/2017/NĐ-CP; MIC Circular 08/2022), so
 * bulk activation on an ID or by a dealer is exactly what the junk-SIM audits look for.
 */
import type { Rng } from '../prng.js';
import { dealerId } from '../population.js';
import type { Role, Subscriber, World } from '../world.js';

/**
 * When a bulk registration is itself a junk_sim truth subject: a dealer activating at least
 * this many prepaid SIMs in one session, or an identity holding at least this many SIMs.
 * Ordinary people hold 1–2 SIMs; the legal cap is 3 per operator per ID.
 */
export const JUNK_TRUTH = { dealerBulkMinSims: 20, idHashMinSims: 5 };

export interface SimBatchSpec {
  count: number;
  opIndex: number;
  activatedMs: number;
  role: Role;
  home: number;
  /** SIMs registered on each identity document. */
  simsPerIdentity: number;
  farm?: string;
  device?: 'handset' | 'gateway';
}

/** Registers `count` SIMs, seconds to minutes apart, by one fraudulent dealer; returns them. */
export function registerSimBatch(world: World, rng: Rng, spec: SimBatchSpec): Subscriber[] {
  const dealer = dealerId(9000 + rng.int(1000));
  const sims: Subscriber[] = [];
  let idHash = '';
  let atMs = spec.activatedMs;
  for (let k = 0; k < spec.count; k++) {
    if (k % spec.simsPerIdentity === 0) idHash = rng.hex(16);
    atMs += rng.uniform(20, 150) * 1000;
    sims.push(world.addSubscriber(rng, {
      opIndex: spec.opIndex, activatedAtMs: atMs, plan: 'prepaid', customerType: 'individual', dealerId: dealer, idHash,
      role: spec.role, mobility: 'static', home: spec.home, device: spec.device ?? 'handset',
    }));
  }
  // One rack, one antenna: the whole batch sits in the same cell.
  for (const sim of sims) sim.sector = (sims[0] as Subscriber).sector;
  const via = spec.farm === undefined ? {} : { farm: spec.farm };
  const operator = world.operators[spec.opIndex]?.code;
  if (spec.count >= JUNK_TRUTH.dealerBulkMinSims) {
    const crossed = sims[JUNK_TRUTH.dealerBulkMinSims - 1] as Subscriber;
    world.truth.register(`junk:dealer:${dealer}`, { type: 'junk_sim', ...via, subject: { kind: 'dealer', value: dealer }, operator, sims: spec.count }, crossed.activatedAtMs);
  }
  if (spec.simsPerIdentity >= JUNK_TRUTH.idHashMinSims) {
    for (let k = 0; k + JUNK_TRUTH.idHashMinSims <= spec.count; k += spec.simsPerIdentity) {
      const crossed = sims[k + JUNK_TRUTH.idHashMinSims - 1] as Subscriber;
      world.truth.register(`junk:id:${crossed.idHash}`, {
        type: 'junk_sim', ...via, subject: { kind: 'id_hash', value: crossed.idHash }, operator, sims: Math.min(spec.simsPerIdentity, spec.count - k),
      }, crossed.activatedAtMs);
    }
  }
  return sims;
}
