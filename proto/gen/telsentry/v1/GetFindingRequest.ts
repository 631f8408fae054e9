// Original file: proto/telsentry/v1/findings_service.proto


export interface GetFindingRequest {
  'id'?: (string);
  'case_reference'?: (string);
}

export interface GetFindingRequest__Output {
  'id': (string);
  'case_reference': (string);
}
