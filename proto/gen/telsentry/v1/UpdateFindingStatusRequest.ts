// Original file: proto/telsentry/v1/findings_service.proto

import type { FindingStatus as _telsentry_v1_FindingStatus, FindingStatus__Output as _telsentry_v1_FindingStatus__Output } from '../../telsentry/v1/FindingStatus.js';

export interface UpdateFindingStatusRequest {
  'id'?: (string);
  'status'?: (_telsentry_v1_FindingStatus);
  'reason'?: (string);
  'case_reference'?: (string);
}

export interface UpdateFindingStatusRequest__Output {
  'id': (string);
  'status': (_telsentry_v1_FindingStatus__Output);
  'reason': (string);
  'case_reference': (string);
}
