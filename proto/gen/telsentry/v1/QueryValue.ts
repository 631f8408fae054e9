// Original file: proto/telsentry/v1/query_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { Long } from '@grpc/proto-loader';

export interface QueryValue {
  'null_value'?: (boolean);
  'string_value'?: (string);
  'int_value'?: (number | string | Long);
  'double_value'?: (number | string);
  'bool_value'?: (boolean);
  'timestamp_value'?: (_google_protobuf_Timestamp | null);
  'kind'?: "null_value"|"string_value"|"int_value"|"double_value"|"bool_value"|"timestamp_value";
}

export interface QueryValue__Output {
  'null_value'?: (boolean);
  'string_value'?: (string);
  'int_value'?: (string);
  'double_value'?: (number);
  'bool_value'?: (boolean);
  'timestamp_value'?: (_google_protobuf_Timestamp__Output | null);
  'kind'?: "null_value"|"string_value"|"int_value"|"double_value"|"bool_value"|"timestamp_value";
}
