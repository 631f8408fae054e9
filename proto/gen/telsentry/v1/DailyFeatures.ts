// Original file: proto/telsentry/v1/subscriber_service.proto

import type { Long } from '@grpc/proto-loader';

export interface DailyFeatures {
  'day'?: (string);
  'imsi'?: (string);
  'msisdn'?: (string);
  'operator'?: (string);
  'mo_voice'?: (number | string | Long);
  'mt_voice'?: (number | string | Long);
  'mo_voice_answered'?: (number | string | Long);
  'mo_duration_s'?: (number | string);
  'mo_sms'?: (number | string | Long);
  'mt_sms'?: (number | string | Long);
  'data_sessions'?: (number | string | Long);
  'data_bytes'?: (number | string);
  'night_mo_voice'?: (number | string | Long);
  'intl_mo_voice'?: (number | string | Long);
  'distinct_callees'?: (number | string | Long);
  'distinct_cells'?: (number | string | Long);
  'distinct_imeis'?: (number | string | Long);
  'callees_no_callback'?: (number | string | Long);
}

export interface DailyFeatures__Output {
  'day': (string);
  'imsi': (string);
  'msisdn': (string);
  'operator': (string);
  'mo_voice': (string);
  'mt_voice': (string);
  'mo_voice_answered': (string);
  'mo_duration_s': (number);
  'mo_sms': (string);
  'mt_sms': (string);
  'data_sessions': (string);
  'data_bytes': (number);
  'night_mo_voice': (string);
  'intl_mo_voice': (string);
  'distinct_callees': (string);
  'distinct_cells': (string);
  'distinct_imeis': (string);
  'callees_no_callback': (string);
}
