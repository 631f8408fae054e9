/** Subscribers side feed: SIM registrations (who activated which MSISDN/IMSI, through which dealer). */
import { isAllDigits } from './field-parse.js';
import { isOperatorCode } from './cdr-decoder.js';
import { readSideFeed, type FieldReader, type SideFeedReadOptions, type SideFeedSpec } from './side-feed.js';

export interface SubscriberInfo {
  msisdn: string;
  imsi: string;
  operator: string;
  activatedAtMs: number;
  plan: 'prepaid' | 'postpaid';
  customerType: 'individual' | 'enterprise';
  /** '' when not given. */
  dealerId: string;
  /** Hash of the identity document; '' when not given. */
  idHash: string;
}

export const SUBSCRIBER_FIELDS = ['msisdn', 'imsi', 'operator', 'activated_at', 'plan', 'customer_type', 'dealer_id', 'id_hash'] as const;
const [MSISDN, IMSI, OPERATOR, ACTIVATED_AT, PLAN, CUSTOMER_TYPE, DEALER_ID, ID_HASH] = [0, 1, 2, 3, 4, 5, 6, 7];
const PLANS = ['prepaid', 'postpaid'] as const;
const CUSTOMER_TYPES = ['individual', 'enterprise'] as const;

const isImsi = (buf: Buffer, s: number, e: number): boolean => e - s >= 14 && e - s <= 15 && isAllDigits(buf, s, e);

function decodeSubscriber(f: FieldReader): SubscriberInfo {
  return {
    msisdn: f.msisdn(MSISDN),
    imsi: f.checked(IMSI, isImsi, 'expected 14-15 digits'),
    operator: f.checked(OPERATOR, isOperatorCode, 'expected MCC-MNC like 452-04'),
    activatedAtMs: f.timeMs(ACTIVATED_AT),
    plan: f.oneOf(PLAN, PLANS),
    customerType: f.oneOf(CUSTOMER_TYPE, CUSTOMER_TYPES),
    dealerId: f.text(DEALER_ID, false),
    idHash: f.text(ID_HASH, false),
  };
}

export const SUBSCRIBER_FEED: SideFeedSpec<SubscriberInfo> = {
  schema: SUBSCRIBER_FIELDS,
  requiredHeader: ['msisdn', 'imsi', 'operator', 'activated_at', 'plan', 'customer_type'],
  decodeRow: decodeSubscriber,
};

export function readSubscribers(path: string, opts: SideFeedReadOptions): Promise<SubscriberInfo[]> {
  return readSideFeed(path, opts, SUBSCRIBER_FEED);
}
