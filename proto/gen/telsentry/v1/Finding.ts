// Original file: proto/telsentry/v1/finding.proto

import type { FindingType as _telsentry_v1_FindingType, FindingType__Output as _telsentry_v1_FindingType__Output } from '../../telsentry/v1/FindingType.js';
import type { Severity as _telsentry_v1_Severity, Severity__Output as _telsentry_v1_Severity__Output } from '../../telsentry/v1/Severity.js';
import type { Subject as _telsentry_v1_Subject, Subject__Output as _telsentry_v1_Subject__Output } from '../../telsentry/v1/Subject.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';
import type { FindingStatus as _telsentry_v1_FindingStatus, FindingStatus__Output as _telsentry_v1_FindingStatus__Output } from '../../telsentry/v1/FindingStatus.js';
import type { Long } from '@grpc/proto-loader';

export interface Finding {
  'id'?: (string);
  'type'?: (_telsentry_v1_FindingType);
  'severity'?: (_telsentry_v1_Severity);
  'score'?: (number | string);
  'subject'?: (_telsentry_v1_Subject | null);
  'related'?: (_telsentry_v1_Subject)[];
  'operator'?: (string);
  'province'?: (string);
  'district'?: (string);
  'first_event_at'?: (_google_protobuf_Timestamp | null);
  'detected_at'?: (_google_protobuf_Timestamp | null);
  'evidence'?: (_google_protobuf_Struct | null);
  'detector'?: (string);
  'version'?: (number | string | Long);
  'status'?: (_telsentry_v1_FindingStatus);
  'status_by'?: (string);
  'status_reason'?: (string);
  'status_at'?: (_google_protobuf_Timestamp | null);
}

export interface Finding__Output {
  'id': (string);
  'type': (_telsentry_v1_FindingType__Output);
  'severity': (_telsentry_v1_Severity__Output);
  'score': (number);
  'subject': (_telsentry_v1_Subject__Output | null);
  'related': (_telsentry_v1_Subject__Output)[];
  'operator': (string);
  'province': (string);
  'district': (string);
  'first_event_at': (_google_protobuf_Timestamp__Output | null);
  'detected_at': (_google_protobuf_Timestamp__Output | null);
  'evidence': (_google_protobuf_Struct__Output | null);
  'detector': (string);
  'version': (string);
  'status': (_telsentry_v1_FindingStatus__Output);
  'status_by': (string);
  'status_reason': (string);
  'status_at': (_google_protobuf_Timestamp__Output | null);
}
