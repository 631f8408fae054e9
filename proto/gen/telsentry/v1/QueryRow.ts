// Original file: proto/telsentry/v1/query_service.proto

import type { QueryValue as _telsentry_v1_QueryValue, QueryValue__Output as _telsentry_v1_QueryValue__Output } from '../../telsentry/v1/QueryValue.js';

export interface QueryRow {
  'values'?: (_telsentry_v1_QueryValue)[];
}

export interface QueryRow__Output {
  'values': (_telsentry_v1_QueryValue__Output)[];
}
