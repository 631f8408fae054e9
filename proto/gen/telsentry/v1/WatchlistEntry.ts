// Original file: proto/telsentry/v1/watchlist_service.proto

import type { Subject as _telsentry_v1_Subject, Subject__Output as _telsentry_v1_Subject__Output } from '../../telsentry/v1/Subject.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface WatchlistEntry {
  'subject'?: (_telsentry_v1_Subject | null);
  'reason'?: (string);
  'case_reference'?: (string);
  'added_by'?: (string);
  'added_at'?: (_google_protobuf_Timestamp | null);
}

export interface WatchlistEntry__Output {
  'subject': (_telsentry_v1_Subject__Output | null);
  'reason': (string);
  'case_reference': (string);
  'added_by': (string);
  'added_at': (_google_protobuf_Timestamp__Output | null);
}
