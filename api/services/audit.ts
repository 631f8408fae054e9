/** AuditService: recomputes the audit hash chain (admin only). */
import type * as grpc from '@grpc/grpc-js';
import { verifyAuditChain } from '../../store/index.js';
import type { VerifyAuditChainRequest__Output } from '../../proto/gen/telsentry/v1/VerifyAuditChainRequest.js';
import type { VerifyAuditChainResponse } from '../../proto/gen/telsentry/v1/VerifyAuditChainResponse.js';
import { unary, type ApiDeps } from '../context.js';

export function auditHandlers(deps: ApiDeps): grpc.UntypedServiceImplementation {
  return {
    VerifyAuditChain: unary<VerifyAuditChainRequest__Output, VerifyAuditChainResponse>(deps, 'AuditService.VerifyAuditChain', async () => {
      const result = await verifyAuditChain(deps.store);
      return { ok: result.ok, rows_checked: String(result.rowsChecked), first_bad_seq: String(result.firstBadSeq), reason: result.reason };
    }),
  };
}
