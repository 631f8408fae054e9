// Original file: proto/telsentry/v1/findings_service.proto

import type { FindingFilter as _telsentry_v1_FindingFilter, FindingFilter__Output as _telsentry_v1_FindingFilter__Output } from '../../telsentry/v1/FindingFilter.js';

export interface ListFindingsRequest {
  'filter'?: (_telsentry_v1_FindingFilter | null);
  'page_size'?: (number);
  'page_token'?: (string);
  'case_reference'?: (string);
}

export interface ListFindingsRequest__Output {
  'filter': (_telsentry_v1_FindingFilter__Output | null);
  'page_size': (number);
  'page_token': (string);
  'case_reference': (string);
}
