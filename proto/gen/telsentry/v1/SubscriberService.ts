// Original file: proto/telsentry/v1/subscriber_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetProfileRequest as _telsentry_v1_GetProfileRequest, GetProfileRequest__Output as _telsentry_v1_GetProfileRequest__Output } from '../../telsentry/v1/GetProfileRequest.js';
import type { GetProfileResponse as _telsentry_v1_GetProfileResponse, GetProfileResponse__Output as _telsentry_v1_GetProfileResponse__Output } from '../../telsentry/v1/GetProfileResponse.js';

export interface SubscriberServiceClient extends grpc.Client {
  GetProfile(argument: _telsentry_v1_GetProfileRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_GetProfileResponse__Output>): grpc.ClientUnaryCall;
  GetProfile(argument: _telsentry_v1_GetProfileRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_GetProfileResponse__Output>): grpc.ClientUnaryCall;
  GetProfile(argument: _telsentry_v1_GetProfileRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_GetProfileResponse__Output>): grpc.ClientUnaryCall;
  GetProfile(argument: _telsentry_v1_GetProfileRequest, callback: grpc.requestCallback<_telsentry_v1_GetProfileResponse__Output>): grpc.ClientUnaryCall;
  getProfile(argument: _telsentry_v1_GetProfileRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_GetProfileResponse__Output>): grpc.ClientUnaryCall;
  getProfile(argument: _telsentry_v1_GetProfileRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_GetProfileResponse__Output>): grpc.ClientUnaryCall;
  getProfile(argument: _telsentry_v1_GetProfileRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_GetProfileResponse__Output>): grpc.ClientUnaryCall;
  getProfile(argument: _telsentry_v1_GetProfileRequest, callback: grpc.requestCallback<_telsentry_v1_GetProfileResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SubscriberServiceHandlers extends grpc.UntypedServiceImplementation {
  GetProfile: grpc.handleUnaryCall<_telsentry_v1_GetProfileRequest__Output, _telsentry_v1_GetProfileResponse>;
  
}

export interface SubscriberServiceDefinition extends grpc.ServiceDefinition {
  GetProfile: MethodDefinition<_telsentry_v1_GetProfileRequest, _telsentry_v1_GetProfileResponse, _telsentry_v1_GetProfileRequest__Output, _telsentry_v1_GetProfileResponse__Output>
}
