// Original file: proto/telsentry/v1/query_service.proto

import type { QueryRow as _telsentry_v1_QueryRow, QueryRow__Output as _telsentry_v1_QueryRow__Output } from '../../telsentry/v1/QueryRow.js';

export interface RunQueryResponse {
  'columns'?: (string)[];
  'rows'?: (_telsentry_v1_QueryRow)[];
  'truncated'?: (boolean);
}

export interface RunQueryResponse__Output {
  'columns': (string)[];
  'rows': (_telsentry_v1_QueryRow__Output)[];
  'truncated': (boolean);
}
