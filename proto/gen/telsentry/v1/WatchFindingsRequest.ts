// Original file: proto/telsentry/v1/findings_service.proto

import type { FindingFilter as _telsentry_v1_FindingFilter, FindingFilter__Output as _telsentry_v1_FindingFilter__Output } from '../../telsentry/v1/FindingFilter.js';

export interface WatchFindingsRequest {
  'filter'?: (_telsentry_v1_FindingFilter | null);
}

export interface WatchFindingsRequest__Output {
  'filter': (_telsentry_v1_FindingFilter__Output | null);
}
