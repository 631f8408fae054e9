// Original file: proto/telsentry/v1/subscriber_service.proto


export interface WindowFeatures {
  'window'?: (string);
  'features'?: ({[key: string]: number | string});
}

export interface WindowFeatures__Output {
  'window': (string);
  'features': ({[key: string]: number});
}
