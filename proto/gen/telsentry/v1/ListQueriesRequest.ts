// Original file: proto/telsentry/v1/query_service.proto


export interface ListQueriesRequest {
}

export interface ListQueriesRequest__Output {
}
