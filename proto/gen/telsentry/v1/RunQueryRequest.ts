// Original file: proto/telsentry/v1/query_service.proto

import type { QueryValue as _telsentry_v1_QueryValue, QueryValue__Output as _telsentry_v1_QueryValue__Output } from '../../telsentry/v1/QueryValue.js';

export interface RunQueryRequest {
  'name'?: (string);
  'parameters'?: ({[key: string]: _telsentry_v1_QueryValue});
  'max_rows'?: (number);
  'case_reference'?: (string);
}

export interface RunQueryRequest__Output {
  'name': (string);
  'parameters': ({[key: string]: _telsentry_v1_QueryValue__Output});
  'max_rows': (number);
  'case_reference': (string);
}
