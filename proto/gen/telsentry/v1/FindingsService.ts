// Original file: proto/telsentry/v1/findings_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetFindingRequest as _telsentry_v1_GetFindingRequest, GetFindingRequest__Output as _telsentry_v1_GetFindingRequest__Output } from '../../telsentry/v1/GetFindingRequest.js';
import type { GetFindingResponse as _telsentry_v1_GetFindingResponse, GetFindingResponse__Output as _telsentry_v1_GetFindingResponse__Output } from '../../telsentry/v1/GetFindingResponse.js';
import type { ListFindingsRequest as _telsentry_v1_ListFindingsRequest, ListFindingsRequest__Output as _telsentry_v1_ListFindingsRequest__Output } from '../../telsentry/v1/ListFindingsRequest.js';
import type { ListFindingsResponse as _telsentry_v1_ListFindingsResponse, ListFindingsResponse__Output as _telsentry_v1_ListFindingsResponse__Output } from '../../telsentry/v1/ListFindingsResponse.js';
import type { UpdateFindingStatusRequest as _telsentry_v1_UpdateFindingStatusRequest, UpdateFindingStatusRequest__Output as _telsentry_v1_UpdateFindingStatusRequest__Output } from '../../telsentry/v1/UpdateFindingStatusRequest.js';
import type { UpdateFindingStatusResponse as _telsentry_v1_UpdateFindingStatusResponse, UpdateFindingStatusResponse__Output as _telsentry_v1_UpdateFindingStatusResponse__Output } from '../../telsentry/v1/UpdateFindingStatusResponse.js';
import type { WatchFindingsRequest as _telsentry_v1_WatchFindingsRequest, WatchFindingsRequest__Output as _telsentry_v1_WatchFindingsRequest__Output } from '../../telsentry/v1/WatchFindingsRequest.js';
import type { WatchFindingsResponse as _telsentry_v1_WatchFindingsResponse, WatchFindingsResponse__Output as _telsentry_v1_WatchFindingsResponse__Output } from '../../telsentry/v1/WatchFindingsResponse.js';

export interface FindingsServiceClient extends grpc.Client {
  GetFinding(argument: _telsentry_v1_GetFindingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_GetFindingResponse__Output>): grpc.ClientUnaryCall;
  GetFinding(argument: _telsentry_v1_GetFindingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_GetFindingResponse__Output>): grpc.ClientUnaryCall;
  GetFinding(argument: _telsentry_v1_GetFindingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_GetFindingResponse__Output>): grpc.ClientUnaryCall;
  GetFinding(argument: _telsentry_v1_GetFindingRequest, callback: grpc.requestCallback<_telsentry_v1_GetFindingResponse__Output>): grpc.ClientUnaryCall;
  getFinding(argument: _telsentry_v1_GetFindingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_GetFindingResponse__Output>): grpc.ClientUnaryCall;
  getFinding(argument: _telsentry_v1_GetFindingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_GetFindingResponse__Output>): grpc.ClientUnaryCall;
  getFinding(argument: _telsentry_v1_GetFindingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_GetFindingResponse__Output>): grpc.ClientUnaryCall;
  getFinding(argument: _telsentry_v1_GetFindingRequest, callback: grpc.requestCallback<_telsentry_v1_GetFindingResponse__Output>): grpc.ClientUnaryCall;
  
  ListFindings(argument: _telsentry_v1_ListFindingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListFindingsResponse__Output>): grpc.ClientUnaryCall;
  ListFindings(argument: _telsentry_v1_ListFindingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_ListFindingsResponse__Output>): grpc.ClientUnaryCall;
  ListFindings(argument: _telsentry_v1_ListFindingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListFindingsResponse__Output>): grpc.ClientUnaryCall;
  ListFindings(argument: _telsentry_v1_ListFindingsRequest, callback: grpc.requestCallback<_telsentry_v1_ListFindingsResponse__Output>): grpc.ClientUnaryCall;
  listFindings(argument: _telsentry_v1_ListFindingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListFindingsResponse__Output>): grpc.ClientUnaryCall;
  listFindings(argument: _telsentry_v1_ListFindingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_ListFindingsResponse__Output>): grpc.ClientUnaryCall;
  listFindings(argument: _telsentry_v1_ListFindingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_ListFindingsResponse__Output>): grpc.ClientUnaryCall;
  listFindings(argument: _telsentry_v1_ListFindingsRequest, callback: grpc.requestCallback<_telsentry_v1_ListFindingsResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateFindingStatus(argument: _telsentry_v1_UpdateFindingStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_UpdateFindingStatusResponse__Output>): grpc.ClientUnaryCall;
  UpdateFindingStatus(argument: _telsentry_v1_UpdateFindingStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_UpdateFindingStatusResponse__Output>): grpc.ClientUnaryCall;
  UpdateFindingStatus(argument: _telsentry_v1_UpdateFindingStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_UpdateFindingStatusResponse__Output>): grpc.ClientUnaryCall;
  UpdateFindingStatus(argument: _telsentry_v1_UpdateFindingStatusRequest, callback: grpc.requestCallback<_telsentry_v1_UpdateFindingStatusResponse__Output>): grpc.ClientUnaryCall;
  updateFindingStatus(argument: _telsentry_v1_UpdateFindingStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_UpdateFindingStatusResponse__Output>): grpc.ClientUnaryCall;
  updateFindingStatus(argument: _telsentry_v1_UpdateFindingStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_UpdateFindingStatusResponse__Output>): grpc.ClientUnaryCall;
  updateFindingStatus(argument: _telsentry_v1_UpdateFindingStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_UpdateFindingStatusResponse__Output>): grpc.ClientUnaryCall;
  updateFindingStatus(argument: _telsentry_v1_UpdateFindingStatusRequest, callback: grpc.requestCallback<_telsentry_v1_UpdateFindingStatusResponse__Output>): grpc.ClientUnaryCall;
  
  WatchFindings(argument: _telsentry_v1_WatchFindingsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_telsentry_v1_WatchFindingsResponse__Output>;
  WatchFindings(argument: _telsentry_v1_WatchFindingsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_telsentry_v1_WatchFindingsResponse__Output>;
  watchFindings(argument: _telsentry_v1_WatchFindingsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_telsentry_v1_WatchFindingsResponse__Output>;
  watchFindings(argument: _telsentry_v1_WatchFindingsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_telsentry_v1_WatchFindingsResponse__Output>;
  
}

export interface FindingsServiceHandlers extends grpc.UntypedServiceImplementation {
  GetFinding: grpc.handleUnaryCall<_telsentry_v1_GetFindingRequest__Output, _telsentry_v1_GetFindingResponse>;
  
  ListFindings: grpc.handleUnaryCall<_telsentry_v1_ListFindingsRequest__Output, _telsentry_v1_ListFindingsResponse>;
  
  UpdateFindingStatus: grpc.handleUnaryCall<_telsentry_v1_UpdateFindingStatusRequest__Output, _telsentry_v1_UpdateFindingStatusResponse>;
  
  WatchFindings: grpc.handleServerStreamingCall<_telsentry_v1_WatchFindingsRequest__Output, _telsentry_v1_WatchFindingsResponse>;
  
}

export interface FindingsServiceDefinition extends grpc.ServiceDefinition {
  GetFinding: MethodDefinition<_telsentry_v1_GetFindingRequest, _telsentry_v1_GetFindingResponse, _telsentry_v1_GetFindingRequest__Output, _telsentry_v1_GetFindingResponse__Output>
  ListFindings: MethodDefinition<_telsentry_v1_ListFindingsRequest, _telsentry_v1_ListFindingsResponse, _telsentry_v1_ListFindingsRequest__Output, _telsentry_v1_ListFindingsResponse__Output>
  UpdateFindingStatus: MethodDefinition<_telsentry_v1_UpdateFindingStatusRequest, _telsentry_v1_UpdateFindingStatusResponse, _telsentry_v1_UpdateFindingStatusRequest__Output, _telsentry_v1_UpdateFindingStatusResponse__Output>
  WatchFindings: MethodDefinition<_telsentry_v1_WatchFindingsRequest, _telsentry_v1_WatchFindingsResponse, _telsentry_v1_WatchFindingsRequest__Output, _telsentry_v1_WatchFindingsResponse__Output>
}
