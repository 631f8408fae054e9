// Original file: proto/telsentry/v1/finding.proto

import type { SubjectKind as _telsentry_v1_SubjectKind, SubjectKind__Output as _telsentry_v1_SubjectKind__Output } from '../../telsentry/v1/SubjectKind.js';

export interface Subject {
  'kind'?: (_telsentry_v1_SubjectKind);
  'value'?: (string);
}

export interface Subject__Output {
  'kind': (_telsentry_v1_SubjectKind__Output);
  'value': (string);
}
