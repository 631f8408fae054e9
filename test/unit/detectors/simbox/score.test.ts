import { describe, expect, it } from 'vitest';
import type { WindowFeatures } from '../../../../engine/features.js';
import { betaBinomialLlr, scoreSimbox } from '../../../../detectors/simbox/score.js';
import { SIMBOX_THRESHOLDS as T } from '../../../../detectors/simbox/thresholds.js';

const quiet: WindowFeatures = {
  outgoingCalls: 0, incomingCalls: 0, answeredRatio: 0, meanDurationS: 0, stdDurationS: 0, shortAnsweredCalls: 0, outgoingSms: 0,
  incomingSms: 0, dataSessions: 0, dataBytes: 0, nightShare: 0, internationalShare: 0, incomingInternationalTrunk: 0,
  incomingFromColocated: 0, callsOnSharedImei: 0, distinctCallees: 0, distinctCallers: 0, distinctCells: 0, distinctImeis: 0,
  calleesCalledBack: 0, noCallbackShare: 0,
};

const inputs = (day: Partial<WindowFeatures>) => ({ day: { ...quiet, ...day }, imsisOnImei: 1, registration: undefined, nowMs: 0, farmCellSuspects: 0 });

describe('betaBinomialLlr', () => {
  it('favours bypass for no incoming calls and grows, with saturation, in the number of calls', () => {
    const five = betaBinomialLlr(0, 5, T.incomingShare, [-99, 99]);
    const fifty = betaBinomialLlr(0, 50, T.incomingShare, [-99, 99]);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBeGreaterThan(five);
    expect(fifty).toBeLessThan(10 * five);
  });

  it('counts an in-between incoming share (a call centre) against bypass', () => {
    expect(betaBinomialLlr(21, 158, T.incomingShare, [-99, 99])).toBeLessThan(0);
  });

  it('respects the cap', () => {
    expect(betaBinomialLlr(0, 10_000, T.incomingShare, [-1, 2])).toBe(2);
  });
});

describe('scoreSimbox', () => {
  it('does not judge below the minimum traffic', () => {
    expect(scoreSimbox(inputs({ outgoingCalls: 2, distinctCallees: 2 }), T).eligible).toBe(false);
  });

  it('caps behaviour evidence per call for a short burst', () => {
    const s = scoreSimbox(inputs({ outgoingCalls: 3, distinctCallees: 3, answeredRatio: 1 / 3, meanDurationS: 60 }), T);
    expect(s.behaviourLlr).toBeLessThanOrEqual(T.behaviourLlrPerCall * 3 + 1e-9);
    expect(s.items.some((i) => i.name === 'few_calls')).toBe(true);
  });

  it('scores a busy gateway-like SIM above the raise threshold on behaviour and device evidence', () => {
    const day = { outgoingCalls: 60, distinctCallees: 59, answeredRatio: 0.5, meanDurationS: 140, shortAnsweredCalls: 2, distinctCells: 1 };
    const s = scoreSimbox({ ...inputs(day), imsisOnImei: 6 }, T);
    expect(s.probability).toBeGreaterThanOrEqual(T.raiseProbability);
  });

  it('scores a robocaller (short, mostly unanswered calls) below the raise threshold', () => {
    const day = { outgoingCalls: 300, distinctCallees: 300, answeredRatio: 0.15, meanDurationS: 11, shortAnsweredCalls: 40, distinctCells: 1 };
    expect(scoreSimbox(inputs(day), T).probability).toBeLessThan(T.raiseProbability);
  });

  it('does not take a telesales SIM for bypass: one-way, distinct callees, no SMS, but one-minute pitches', () => {
    // Mirrors a case found by the independent scenarios (eval/blind): 160 calls, 2 incoming, 54 answered, mean talk 54 s.
    const telesales = { outgoingCalls: 158, incomingCalls: 2, distinctCallees: 158, answeredRatio: 54 / 158, meanDurationS: 54, shortAnsweredCalls: 4, outgoingSms: 3, dataSessions: 6, distinctCells: 2 };
    const pitch = scoreSimbox(inputs(telesales), T);
    expect(pitch.items.map((i) => i.name)).toContain('short_talk');
    expect(pitch.probability).toBeLessThan(T.raiseProbability);
    // The same SIM carrying conversations of a few minutes is bypass-like: the talk time is what decides.
    const relayed = scoreSimbox(inputs({ ...telesales, meanDurationS: 170 }), T);
    expect(relayed.items.map((i) => i.name)).not.toContain('short_talk');
    expect(relayed.probability).toBeGreaterThanOrEqual(T.raiseProbability);
  });

  it('weighs the talk time by the answered calls behind it, capped, and not at all on a handful', () => {
    const day = { outgoingCalls: 30, distinctCallees: 30, meanDurationS: 50, shortAnsweredCalls: 1, distinctCells: 1 };
    const talk = (answered: number, meanDurationS = 50): number | undefined =>
      scoreSimbox(inputs({ ...day, meanDurationS, answeredRatio: answered / 30 }), T).items.find((i) => i.name === 'short_talk')?.llr;
    expect(talk(T.pitchMinAnswered - 1)).toBeUndefined();
    // exponential talk times: per answered call ln(60/180) + 50 (1/60 − 1/180) ≈ −0.54
    const perCall = Math.log(T.pitchMeanS / T.relayedMeanS) + 50 * (1 / T.pitchMeanS - 1 / T.relayedMeanS);
    expect(talk(4)).toBeCloseTo(4 * perCall);
    expect(talk(8)!).toBeLessThan(talk(4)!);
    expect(talk(25)).toBe(T.pitchLlr);
    // conversations of minutes are no evidence either way (only the pitch side counts)
    expect(talk(20, 150)).toBeUndefined();
  });

  it('keeps a telesales agent in the first hour of the shift below the raise threshold', () => {
    // eval/blind: 15 calls by 08:30, 1 incoming, 6 answered averaging 52 s, no SMS yet, own smartphone.
    const firstHour = { outgoingCalls: 15, incomingCalls: 1, distinctCallees: 15, answeredRatio: 6 / 15, meanDurationS: 52, shortAnsweredCalls: 0, distinctCells: 1, dataSessions: 1 };
    expect(scoreSimbox(inputs(firstHour), T).probability).toBeLessThan(T.raiseProbability);
    // A gateway SIM after the same number of calls, carrying 2-minute conversations, is raised.
    const gateway = { ...firstHour, incomingCalls: 0, meanDurationS: 140, dataSessions: 0 };
    expect(scoreSimbox(inputs(gateway), T).probability).toBeGreaterThanOrEqual(T.raiseProbability);
  });
});
