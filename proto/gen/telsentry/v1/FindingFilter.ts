// Original file: proto/telsentry/v1/findings_service.proto

import type { FindingType as _telsentry_v1_FindingType, FindingType__Output as _telsentry_v1_FindingType__Output } from '../../telsentry/v1/FindingType.js';
import type { Severity as _telsentry_v1_Severity, Severity__Output as _telsentry_v1_Severity__Output } from '../../telsentry/v1/Severity.js';
import type { FindingStatus as _telsentry_v1_FindingStatus, FindingStatus__Output as _telsentry_v1_FindingStatus__Output } from '../../telsentry/v1/FindingStatus.js';
import type { Subject as _telsentry_v1_Subject, Subject__Output as _telsentry_v1_Subject__Output } from '../../telsentry/v1/Subject.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface FindingFilter {
  'types'?: (_telsentry_v1_FindingType)[];
  'severities'?: (_telsentry_v1_Severity)[];
  'min_severity'?: (_telsentry_v1_Severity);
  'operators'?: (string)[];
  'provinces'?: (string)[];
  'statuses'?: (_telsentry_v1_FindingStatus)[];
  'subject'?: (_telsentry_v1_Subject | null);
  'detected_after'?: (_google_protobuf_Timestamp | null);
  'detected_before'?: (_google_protobuf_Timestamp | null);
}

export interface FindingFilter__Output {
  'types': (_telsentry_v1_FindingType__Output)[];
  'severities': (_telsentry_v1_Severity__Output)[];
  'min_severity': (_telsentry_v1_Severity__Output);
  'operators': (string)[];
  'provinces': (string)[];
  'statuses': (_telsentry_v1_FindingStatus__Output)[];
  'subject': (_telsentry_v1_Subject__Output | null);
  'detected_after': (_google_protobuf_Timestamp__Output | null);
  'detected_before': (_google_protobuf_Timestamp__Output | null);
}
