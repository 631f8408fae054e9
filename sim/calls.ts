/**
 * Call outcomes shared by the behaviours: ring times, release causes (ITU-T Q.850 cause
 * values) and talk-time distributions. Talk times are lognormal, as measured on operator
 * CDRs (e.g. Guo et al. 2013, "Call duration characteristics based on customers' location",
 * and the lognormal holding-time literature going back to Bolotin 1994).
 */
import type { Rng } from './prng.js';

export const CAUSE = {
  normal: '16',
  busy: '17',
  noAnswer: '19',
  absent: '20',
  rejected: '21',
  unallocated: '1',
} as const;

/** Share of person-to-person calls answered: 70–85 % in operator statistics; we draw 0.78 on average. */
export const PERSON_ANSWER_RATE = 0.78;

export interface Outcome {
  answered: boolean;
  durationS: number;
  ringS: number;
  cause: string;
}

/** Outcome of a call answered with probability `answerRate`, talk time lognormal(median, sigma), capped at 2 h. */
export function callOutcome(rng: Rng, answerRate: number, medianS: number, sigma: number): Outcome {
  if (rng.chance(answerRate)) {
    return { answered: true, durationS: Math.max(1, Math.min(7200, rng.lognormal(medianS, sigma))), ringS: rng.uniform(2, 15), cause: CAUSE.normal };
  }
  return unanswered(rng);
}

/** Not answered: mostly rings out (network no-reply timer ~30 s), sometimes busy or rejected. */
export function unanswered(rng: Rng): Outcome {
  const u = rng.next();
  if (u < 0.7) return { answered: false, durationS: 0, ringS: rng.uniform(15, 40), cause: CAUSE.noAnswer };
  if (u < 0.85) return { answered: false, durationS: 0, ringS: rng.uniform(0, 1), cause: CAUSE.busy };
  return { answered: false, durationS: 0, ringS: rng.uniform(3, 12), cause: CAUSE.rejected };
}

/** Random instant inside [startMs, endMs), whole seconds. */
export function instantIn(rng: Rng, startMs: number, endMs: number): number {
  return Math.floor((startMs + rng.next() * (endMs - startMs)) / 1000) * 1000;
}
