// Original file: proto/telsentry/v1/audit_service.proto


export interface VerifyAuditChainRequest {
}

export interface VerifyAuditChainRequest__Output {
}
