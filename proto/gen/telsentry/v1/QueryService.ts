// Original file: proto/telsentry/v1/query_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListQueriesRequest as _telsentry_v1_ListQueriesRequest, ListQueriesRequest__Output as _telsentry_v1_ListQueriesRequest__Output } from '../../telsentry/v1/ListQueriesRequest.js';
import type { ListQueriesResponse as _telsentry_v1_ListQueriesResponse, ListQueriesResponse__Output as _telsentry_v1_ListQueriesResponse__Output } from '../../telsentry/v1/ListQueriesResponse.js';
import type { RunQueryRequest as _telsentry_v1_RunQueryRequest, RunQueryRequest__Output as _telsentry_v1_RunQueryRequest__Output } from '../../telsentry/v1/RunQueryRequest.js';
import type { RunQueryResponse as _telsentry_v1_RunQueryResponse, RunQueryResponse__Output as _telsentry_v1_RunQueryResponse__Output } from '../../telsentry/v1/RunQueryResponse.js';

export interface QueryServiceClient extends grpc.Client {
  ListQueries(argument: _telsentry_v1_ListQueriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  ListQueries(argument: _telsentry_v1_ListQueriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  ListQueries(argument: _telsentry_v1_ListQueriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  ListQueries(argument: _telsentry_v1_ListQueriesRequest, callback: grpc.requestCallback<_telsentry_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  listQueries(argument: _telsentry_v1_ListQueriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  listQueries(argument: _telsentry_v1_ListQueriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  listQueries(argument: _telsentry_v1_ListQueriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  listQueries(argument: _telsentry_v1_ListQueriesRequest, callback: grpc.requestCallback<_telsentry_v1_ListQueriesResponse__Output>): grpc.ClientUnaryCall;
  
  RunQuery(argument: _telsentry_v1_RunQueryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_RunQueryResponse__Output>): grpc.ClientUnaryCall;
  RunQuery(argument: _telsentry_v1_RunQueryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_RunQueryResponse__Output>): grpc.ClientUnaryCall;
  RunQuery(argument: _telsentry_v1_RunQueryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_RunQueryResponse__Output>): grpc.ClientUnaryCall;
  RunQuery(argument: _telsentry_v1_RunQueryRequest, callback: grpc.requestCallback<_telsentry_v1_RunQueryResponse__Output>): grpc.ClientUnaryCall;
  runQuery(argument: _telsentry_v1_RunQueryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_RunQueryResponse__Output>): grpc.ClientUnaryCall;
  runQuery(argument: _telsentry_v1_RunQueryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_RunQueryResponse__Output>): grpc.ClientUnaryCall;
  runQuery(argument: _telsentry_v1_RunQueryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_RunQueryResponse__Output>): grpc.ClientUnaryCall;
  runQuery(argument: _telsentry_v1_RunQueryRequest, callback: grpc.requestCallback<_telsentry_v1_RunQueryResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface QueryServiceHandlers extends grpc.UntypedServiceImplementation {
  ListQueries: grpc.handleUnaryCall<_telsentry_v1_ListQueriesRequest__Output, _telsentry_v1_ListQueriesResponse>;
  
  RunQuery: grpc.handleUnaryCall<_telsentry_v1_RunQueryRequest__Output, _telsentry_v1_RunQueryResponse>;
  
}

export interface QueryServiceDefinition extends grpc.ServiceDefinition {
  ListQueries: MethodDefinition<_telsentry_v1_ListQueriesRequest, _telsentry_v1_ListQueriesResponse, _telsentry_v1_ListQueriesRequest__Output, _telsentry_v1_ListQueriesResponse__Output>
  RunQuery: MethodDefinition<_telsentry_v1_RunQueryRequest, _telsentry_v1_RunQueryResponse, _telsentry_v1_RunQueryRequest__Output, _telsentry_v1_RunQueryResponse__Output>
}
