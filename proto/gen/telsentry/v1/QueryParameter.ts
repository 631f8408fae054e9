// Original file: proto/telsentry/v1/query_service.proto

import type { ParameterType as _telsentry_v1_ParameterType, ParameterType__Output as _telsentry_v1_ParameterType__Output } from '../../telsentry/v1/ParameterType.js';

export interface QueryParameter {
  'name'?: (string);
  'type'?: (_telsentry_v1_ParameterType);
  'optional'?: (boolean);
  'description'?: (string);
}

export interface QueryParameter__Output {
  'name': (string);
  'type': (_telsentry_v1_ParameterType__Output);
  'optional': (boolean);
  'description': (string);
}
