// Original file: proto/telsentry/v1/subscriber_service.proto

import type { Long } from '@grpc/proto-loader';

export interface Device {
  'imei'?: (string);
  'imsi'?: (string);
  'events'?: (number | string | Long);
  'first_day'?: (string);
  'last_day'?: (string);
}

export interface Device__Output {
  'imei': (string);
  'imsi': (string);
  'events': (string);
  'first_day': (string);
  'last_day': (string);
}
