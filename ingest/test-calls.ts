/**
 * Test-calls side feed: calls placed from abroad to known numbers. An observed CLI that
 * differs from the original (international) one shows the call was terminated through a bypass SIM.
 */
import { readSideFeed, type FieldReader, type SideFeedReadOptions, type SideFeedSpec } from './side-feed.js';

export interface TestCall {
  testId: string;
  calledAtMs: number;
  /** E.164 digits of the called (B) number. */
  bNumber: string;
  /** CLI the test platform sent, E.164 digits. */
  originalCli: string;
  /** CLI that arrived at the B number, E.164 digits. */
  observedCli: string;
  /** Route/carrier the test call was sent through; '' when not given. */
  route: string;
}

export const TEST_CALL_FIELDS = ['test_id', 'called_at', 'b_number', 'original_cli', 'observed_cli', 'route'] as const;
const [TEST_ID, CALLED_AT, B_NUMBER, ORIGINAL_CLI, OBSERVED_CLI, ROUTE] = [0, 1, 2, 3, 4, 5];

function decodeTestCall(f: FieldReader): TestCall {
  return {
    testId: f.text(TEST_ID, true),
    calledAtMs: f.timeMs(CALLED_AT),
    bNumber: f.msisdn(B_NUMBER),
    originalCli: f.msisdn(ORIGINAL_CLI),
    observedCli: f.msisdn(OBSERVED_CLI),
    route: f.text(ROUTE, false),
  };
}

export const TEST_CALL_FEED: SideFeedSpec<TestCall> = {
  schema: TEST_CALL_FIELDS,
  requiredHeader: ['test_id', 'called_at', 'b_number', 'original_cli', 'observed_cli'],
  decodeRow: decodeTestCall,
};

export function readTestCalls(path: string, opts: SideFeedReadOptions): Promise<TestCall[]> {
  return readSideFeed(path, opts, TEST_CALL_FEED);
}
