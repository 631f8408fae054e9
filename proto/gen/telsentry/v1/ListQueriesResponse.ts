// Original file: proto/telsentry/v1/query_service.proto

import type { QueryDescription as _telsentry_v1_QueryDescription, QueryDescription__Output as _telsentry_v1_QueryDescription__Output } from '../../telsentry/v1/QueryDescription.js';

export interface ListQueriesResponse {
  'queries'?: (_telsentry_v1_QueryDescription)[];
}

export interface ListQueriesResponse__Output {
  'queries': (_telsentry_v1_QueryDescription__Output)[];
}
