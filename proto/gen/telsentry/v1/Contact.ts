// Original file: proto/telsentry/v1/subscriber_service.proto

import type { Long } from '@grpc/proto-loader';

export interface Contact {
  'number'?: (string);
  'calls_out'?: (number | string | Long);
  'calls_in'?: (number | string | Long);
  'sms_out'?: (number | string | Long);
  'sms_in'?: (number | string | Long);
  'duration_s'?: (number | string);
  'days'?: (number | string | Long);
}

export interface Contact__Output {
  'number': (string);
  'calls_out': (string);
  'calls_in': (string);
  'sms_out': (string);
  'sms_in': (string);
  'duration_s': (number);
  'days': (string);
}
