// Original file: proto/telsentry/v1/subscriber_service.proto

import type { Subject as _telsentry_v1_Subject, Subject__Output as _telsentry_v1_Subject__Output } from '../../telsentry/v1/Subject.js';
import type { WindowFeatures as _telsentry_v1_WindowFeatures, WindowFeatures__Output as _telsentry_v1_WindowFeatures__Output } from '../../telsentry/v1/WindowFeatures.js';
import type { DailyFeatures as _telsentry_v1_DailyFeatures, DailyFeatures__Output as _telsentry_v1_DailyFeatures__Output } from '../../telsentry/v1/DailyFeatures.js';
import type { Contact as _telsentry_v1_Contact, Contact__Output as _telsentry_v1_Contact__Output } from '../../telsentry/v1/Contact.js';
import type { CellVisit as _telsentry_v1_CellVisit, CellVisit__Output as _telsentry_v1_CellVisit__Output } from '../../telsentry/v1/CellVisit.js';
import type { Device as _telsentry_v1_Device, Device__Output as _telsentry_v1_Device__Output } from '../../telsentry/v1/Device.js';
import type { Finding as _telsentry_v1_Finding, Finding__Output as _telsentry_v1_Finding__Output } from '../../telsentry/v1/Finding.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface GetProfileResponse {
  'subject'?: (_telsentry_v1_Subject | null);
  'imsis'?: (string)[];
  'msisdns'?: (string)[];
  'operators'?: (string)[];
  'windows'?: (_telsentry_v1_WindowFeatures)[];
  'history'?: (_telsentry_v1_DailyFeatures)[];
  'top_contacts'?: (_telsentry_v1_Contact)[];
  'cells'?: (_telsentry_v1_CellVisit)[];
  'devices'?: (_telsentry_v1_Device)[];
  'findings'?: (_telsentry_v1_Finding)[];
  'generated_at'?: (_google_protobuf_Timestamp | null);
}

export interface GetProfileResponse__Output {
  'subject': (_telsentry_v1_Subject__Output | null);
  'imsis': (string)[];
  'msisdns': (string)[];
  'operators': (string)[];
  'windows': (_telsentry_v1_WindowFeatures__Output)[];
  'history': (_telsentry_v1_DailyFeatures__Output)[];
  'top_contacts': (_telsentry_v1_Contact__Output)[];
  'cells': (_telsentry_v1_CellVisit__Output)[];
  'devices': (_telsentry_v1_Device__Output)[];
  'findings': (_telsentry_v1_Finding__Output)[];
  'generated_at': (_google_protobuf_Timestamp__Output | null);
}
