// Original file: proto/telsentry/v1/watchlist_service.proto

import type { Subject as _telsentry_v1_Subject, Subject__Output as _telsentry_v1_Subject__Output } from '../../telsentry/v1/Subject.js';

export interface AddWatchlistEntryRequest {
  'subject'?: (_telsentry_v1_Subject | null);
  'reason'?: (string);
  'case_reference'?: (string);
}

export interface AddWatchlistEntryRequest__Output {
  'subject': (_telsentry_v1_Subject__Output | null);
  'reason': (string);
  'case_reference': (string);
}
