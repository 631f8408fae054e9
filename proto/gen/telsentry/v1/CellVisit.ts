// Original file: proto/telsentry/v1/subscriber_service.proto

import type { Long } from '@grpc/proto-loader';

export interface CellVisit {
  'cell_id'?: (string);
  'site_id'?: (string);
  'province'?: (string);
  'district'?: (string);
  'events'?: (number | string | Long);
  'first_day'?: (string);
  'last_day'?: (string);
}

export interface CellVisit__Output {
  'cell_id': (string);
  'site_id': (string);
  'province': (string);
  'district': (string);
  'events': (string);
  'first_day': (string);
  'last_day': (string);
}
