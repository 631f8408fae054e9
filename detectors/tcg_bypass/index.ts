/**
 * tcg_bypass@1 — proof of bypass from test calls. A test-call generator abroad calls a known
 * local number with an international CLI; if the call arrives showing a local mobile number
 * instead, the route went through a SIM-box and that local number is one of its SIMs
 * (GSMA FF.21; ITU-T Q.3057 test-call-based detection). No threshold: one such call is proof.
 */
import type { Detector, DetectorContext, TestCallEvent } from '../detector.js';

/** True when the original CLI is foreign and the observed CLI is a home-country number. */
export function isBypassTestCall(call: TestCallEvent, homeCountryCode: string): boolean {
  return call.observedCli !== '' && call.observedCli !== call.originalCli
    && !call.originalCli.startsWith(homeCountryCode) && call.observedCli.startsWith(homeCountryCode);
}

export function createTcgBypassDetector(): Detector {
  return {
    name: 'tcg_bypass',
    version: 1,
    checkpointState: {}, // remembers nothing between calls
    onTestCalls(calls: readonly TestCallEvent[], ctx: DetectorContext): void {
      for (const call of calls) {
        if (!isBypassTestCall(call, ctx.config.homeCountryCode)) continue;
        const msisdnId = ctx.dictionaries.msisdn.lookup(call.observedCli);
        const slot = msisdnId === 0 ? -1 : ctx.windows.slotOfNumber(msisdnId);
        const w = ctx.windows;
        const imsi = slot >= 0 ? ctx.dictionaries.imsi.value(w.imsiId[slot]!) : '';
        const cell = slot >= 0 ? ctx.dictionaries.cell.value(w.lastCellId[slot]!) : '';
        const cellRef = cell === '' ? undefined : ctx.reference.cell(cell);
        const registration = ctx.reference.subscriberByMsisdn(call.observedCli);
        ctx.raise({
          type: 'tcg_bypass',
          severity: 'critical',
          score: 1,
          subject: { kind: 'msisdn', value: call.observedCli },
          related: [
            ...(imsi !== '' ? [{ kind: 'imsi' as const, value: imsi }] : []),
            ...(cell !== '' ? [{ kind: 'cell' as const, value: cell }] : []),
          ],
          operator: slot >= 0 ? ctx.dictionaries.operator.value(w.operatorId[slot]!) : registration?.operator ?? '',
          province: cellRef?.province,
          district: cellRef?.district,
          // One finding per number: later test calls through the same SIM update it.
          episodeKey: 'tcg',
          firstEventMs: call.calledAtMs,
          evidence: {
            test_id: call.testId,
            called_at: new Date(call.calledAtMs).toISOString(),
            b_number: call.bNumber,
            original_cli: call.originalCli,
            observed_cli: call.observedCli,
            route: call.route,
            explanation: `A test call placed from abroad with CLI ${call.originalCli} arrived at ${call.bNumber} showing local number ${call.observedCli}: the call was carried through a SIM-box using that SIM.`,
            sample_record_ids: [],
          },
        }, call.calledAtMs);
      }
    },
  };
}
