// Original file: proto/telsentry/v1/query_service.proto

import type { QueryParameter as _telsentry_v1_QueryParameter, QueryParameter__Output as _telsentry_v1_QueryParameter__Output } from '../../telsentry/v1/QueryParameter.js';

export interface QueryDescription {
  'name'?: (string);
  'description'?: (string);
  'parameters'?: (_telsentry_v1_QueryParameter)[];
}

export interface QueryDescription__Output {
  'name': (string);
  'description': (string);
  'parameters': (_telsentry_v1_QueryParameter__Output)[];
}
