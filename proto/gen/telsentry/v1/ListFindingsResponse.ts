// Original file: proto/telsentry/v1/findings_service.proto

import type { Finding as _telsentry_v1_Finding, Finding__Output as _telsentry_v1_Finding__Output } from '../../telsentry/v1/Finding.js';

export interface ListFindingsResponse {
  'findings'?: (_telsentry_v1_Finding)[];
  'next_page_token'?: (string);
}

export interface ListFindingsResponse__Output {
  'findings': (_telsentry_v1_Finding__Output)[];
  'next_page_token': (string);
}
