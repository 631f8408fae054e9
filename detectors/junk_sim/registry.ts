/**
 * What this detector learns about registrations from the SIMs it sees in traffic: per identity
 * document, the SIMs per operator; per dealer, the activation times (for bursts) and which of
 * its SIMs turned out risky. Lookups go to the reference once per IMSI.
 */
import type { SubscriberRegistration } from '../../engine/reference.js';

export interface IdentityState {
  perOperator: Map<string, Set<string>>;
  earliestMs: number;
}

export interface DealerState {
  dealerId: string;
  operator: string;
  activations: number[];
  sims: Set<string>;
  risky: Set<string>;
  bulkDayCount: number;
  burstSims: number;
  burstFromMs: number;
  /** Cell where each of the dealer's SIMs was first seen → those SIMs (a batch used together). */
  firstCells: Map<number, Set<string>>;
  mostInOneCell: number;
}

export class RegistrationIndex {
  readonly identities = new Map<string, IdentityState>();
  readonly dealers = new Map<string, DealerState>();

  add(reg: SubscriberRegistration, dealerDayCount: number, burstWindowMs: number, cellId: number): { identity?: IdentityState; dealer?: DealerState } {
    const out: { identity?: IdentityState; dealer?: DealerState } = {};
    if (reg.idHash !== '' && reg.customerType === 'individual') {
      let id = this.identities.get(reg.idHash);
      if (id === undefined) this.identities.set(reg.idHash, id = { perOperator: new Map(), earliestMs: reg.activatedAtMs });
      let sims = id.perOperator.get(reg.operator);
      if (sims === undefined) id.perOperator.set(reg.operator, sims = new Set());
      sims.add(reg.msisdn);
      id.earliestMs = Math.min(id.earliestMs, reg.activatedAtMs);
      out.identity = id;
    }
    if (reg.dealerId !== '' && reg.plan === 'prepaid' && reg.customerType === 'individual') {
      let dealer = this.dealers.get(reg.dealerId);
      if (dealer === undefined) {
        this.dealers.set(reg.dealerId, dealer = {
          dealerId: reg.dealerId, operator: reg.operator, activations: [], sims: new Set(), risky: new Set(), bulkDayCount: 0, burstSims: 0, burstFromMs: 0,
          firstCells: new Map(), mostInOneCell: 0,
        });
      }
      if (!dealer.sims.has(reg.msisdn)) {
        dealer.sims.add(reg.msisdn);
        const at = insertSorted(dealer.activations, reg.activatedAtMs);
        const burst = densestWindowThrough(dealer.activations, at, burstWindowMs);
        if (burst.count > dealer.burstSims) { dealer.burstSims = burst.count; dealer.burstFromMs = burst.fromMs; }
        if (cellId !== 0) {
          let here = dealer.firstCells.get(cellId);
          if (here === undefined) dealer.firstCells.set(cellId, here = new Set());
          here.add(reg.msisdn);
          dealer.mostInOneCell = Math.max(dealer.mostInOneCell, here.size);
        }
      }
      dealer.bulkDayCount = Math.max(dealer.bulkDayCount, dealerDayCount);
      out.dealer = dealer;
    }
    return out;
  }
}

/** Inserts after any equal values; returns the index the value went to. */
function insertSorted(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, value);
  return lo;
}

/** First index whose value is at least `value`. */
function lowerBound(sorted: number[], value: number, hi: number): number {
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The densest window of activations, among those holding the value just inserted at `at`: only
 * those can beat the previous best, so a dealer's burst is kept up to date in time
 * proportional to the SIMs near the new activation rather than to all of the dealer's SIMs.
 * Same answer as a full rescan whenever the count exceeds the previous best (tested against one).
 */
export function densestWindowThrough(sorted: number[], at: number, windowMs: number): { count: number; fromMs: number } {
  let best = 0;
  let fromMs = 0;
  const value = sorted[at]!;
  for (let right = at; right < sorted.length && sorted[right]! - value <= windowMs; right++) {
    const left = lowerBound(sorted, sorted[right]! - windowMs, right);
    if (right - left + 1 > best) { best = right - left + 1; fromMs = sorted[left]!; }
  }
  return { count: best, fromMs };
}
