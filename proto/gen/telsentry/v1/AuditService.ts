// Original file: proto/telsentry/v1/audit_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { VerifyAuditChainRequest as _telsentry_v1_VerifyAuditChainRequest, VerifyAuditChainRequest__Output as _telsentry_v1_VerifyAuditChainRequest__Output } from '../../telsentry/v1/VerifyAuditChainRequest.js';
import type { VerifyAuditChainResponse as _telsentry_v1_VerifyAuditChainResponse, VerifyAuditChainResponse__Output as _telsentry_v1_VerifyAuditChainResponse__Output } from '../../telsentry/v1/VerifyAuditChainResponse.js';

export interface AuditServiceClient extends grpc.Client {
  VerifyAuditChain(argument: _telsentry_v1_VerifyAuditChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_VerifyAuditChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyAuditChain(argument: _telsentry_v1_VerifyAuditChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_VerifyAuditChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyAuditChain(argument: _telsentry_v1_VerifyAuditChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_VerifyAuditChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyAuditChain(argument: _telsentry_v1_VerifyAuditChainRequest, callback: grpc.requestCallback<_telsentry_v1_VerifyAuditChainResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditChain(argument: _telsentry_v1_VerifyAuditChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_VerifyAuditChainResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditChain(argument: _telsentry_v1_VerifyAuditChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_telsentry_v1_VerifyAuditChainResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditChain(argument: _telsentry_v1_VerifyAuditChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_telsentry_v1_VerifyAuditChainResponse__Output>): grpc.ClientUnaryCall;
  verifyAuditChain(argument: _telsentry_v1_VerifyAuditChainRequest, callback: grpc.requestCallback<_telsentry_v1_VerifyAuditChainResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AuditServiceHandlers extends grpc.UntypedServiceImplementation {
  VerifyAuditChain: grpc.handleUnaryCall<_telsentry_v1_VerifyAuditChainRequest__Output, _telsentry_v1_VerifyAuditChainResponse>;
  
}

export interface AuditServiceDefinition extends grpc.ServiceDefinition {
  VerifyAuditChain: MethodDefinition<_telsentry_v1_VerifyAuditChainRequest, _telsentry_v1_VerifyAuditChainResponse, _telsentry_v1_VerifyAuditChainRequest__Output, _telsentry_v1_VerifyAuditChainResponse__Output>
}
