// Original file: proto/telsentry/v1/audit_service.proto

import type { Long } from '@grpc/proto-loader';

export interface VerifyAuditChainResponse {
  'ok'?: (boolean);
  'rows_checked'?: (number | string | Long);
  'first_bad_seq'?: (number | string | Long);
  'reason'?: (string);
}

export interface VerifyAuditChainResponse__Output {
  'ok': (boolean);
  'rows_checked': (string);
  'first_bad_seq': (string);
  'reason': (string);
}
