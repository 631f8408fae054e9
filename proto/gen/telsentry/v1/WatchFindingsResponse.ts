// Original file: proto/telsentry/v1/findings_service.proto

import type { Finding as _telsentry_v1_Finding, Finding__Output as _telsentry_v1_Finding__Output } from '../../telsentry/v1/Finding.js';
import type { Long } from '@grpc/proto-loader';

export interface WatchFindingsResponse {
  'finding'?: (_telsentry_v1_Finding | null);
  'skipped_before'?: (number | string | Long);
}

export interface WatchFindingsResponse__Output {
  'finding': (_telsentry_v1_Finding__Output | null);
  'skipped_before': (string);
}
