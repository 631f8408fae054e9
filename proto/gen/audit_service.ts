import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AuditServiceClient as _telsentry_v1_AuditServiceClient, AuditServiceDefinition as _telsentry_v1_AuditServiceDefinition } from './telsentry/v1/AuditService.js';
import type { VerifyAuditChainRequest as _telsentry_v1_VerifyAuditChainRequest, VerifyAuditChainRequest__Output as _telsentry_v1_VerifyAuditChainRequest__Output } from './telsentry/v1/VerifyAuditChainRequest.js';
import type { VerifyAuditChainResponse as _telsentry_v1_VerifyAuditChainResponse, VerifyAuditChainResponse__Output as _telsentry_v1_VerifyAuditChainResponse__Output } from './telsentry/v1/VerifyAuditChainResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  telsentry: {
    v1: {
      AuditService: SubtypeConstructor<typeof grpc.Client, _telsentry_v1_AuditServiceClient> & { service: _telsentry_v1_AuditServiceDefinition }
      VerifyAuditChainRequest: MessageTypeDefinition<_telsentry_v1_VerifyAuditChainRequest, _telsentry_v1_VerifyAuditChainRequest__Output>
      VerifyAuditChainResponse: MessageTypeDefinition<_telsentry_v1_VerifyAuditChainResponse, _telsentry_v1_VerifyAuditChainResponse__Output>
    }
  }
}

