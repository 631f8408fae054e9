// Original file: proto/telsentry/v1/findings_service.proto

import type { Finding as _telsentry_v1_Finding, Finding__Output as _telsentry_v1_Finding__Output } from '../../telsentry/v1/Finding.js';

export interface UpdateFindingStatusResponse {
  'finding'?: (_telsentry_v1_Finding | null);
}

export interface UpdateFindingStatusResponse__Output {
  'finding': (_telsentry_v1_Finding__Output | null);
}
