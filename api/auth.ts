/**
 * Who is calling. Bearer tokens are configured only as SHA-256 hashes (hex) with a principal
 * and role, so a leaked config file reveals no token; with mTLS, the client certificate's
 * common name maps to a principal the same way. Everything here is validated once, at startup.
 */
import { createHash } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import type * as grpc from '@grpc/grpc-js';
import { configError, ErrorCodes, TelsentryError } from '../core/errors.js';

export const ROLES = ['operator', 'investigator', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Grant {
  principal: string;
  role: Role;
  /** MCC-MNC; required for (and only for) the operator role */
  operator?: string;
}

export interface TokenGrant extends Grant {
  /** hex SHA-256 of the bearer token */
  sha256: string;
}

export interface CertificateGrant extends Grant {
  /** subject CN of the client certificate (verified against the configured CA by TLS) */
  commonName: string;
}

export interface AuthOptions {
  tokens: TokenGrant[];
  certificates?: CertificateGrant[];
}

/** What grpc-js's call.getAuthContext() returns. */
export interface AuthContext {
  transportSecurityType?: string;
  sslPeerCertificate?: PeerCertificate;
}

export interface Principal {
  name: string;
  role: Role;
  /** '' unless role is operator */
  operator: string;
  via: 'token' | 'mtls';
}

const OPERATOR_CODE = /^\d{3}-\d{2,3}$/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function checkGrant(field: string, grant: Grant): void {
  if (typeof grant.principal !== 'string' || grant.principal.trim() === '') throw configError(`${field}.principal`, 'a non-empty name', grant.principal);
  if (!(ROLES as readonly string[]).includes(grant.role)) throw configError(`${field}.role`, `one of ${ROLES.join(', ')}`, grant.role);
  if (grant.role === 'operator' && !OPERATOR_CODE.test(grant.operator ?? '')) throw configError(`${field}.operator`, 'an MCC-MNC code like 452-04 for the operator role', grant.operator);
  if (grant.role !== 'operator' && grant.operator !== undefined) throw configError(`${field}.operator`, 'absent unless role is operator', grant.operator);
}

export class Authenticator {
  private readonly byHash = new Map<string, TokenGrant>();
  private readonly byCommonName = new Map<string, CertificateGrant>();

  constructor(options: AuthOptions) {
    options.tokens.forEach((grant, i) => {
      checkGrant(`auth.tokens[${i}]`, grant);
      const hash = String(grant.sha256).toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(hash)) throw configError(`auth.tokens[${i}].sha256`, '64 hex digits (sha256 of the token)', grant.sha256);
      if (this.byHash.has(hash)) throw configError(`auth.tokens[${i}].sha256`, 'unique', grant.sha256);
      this.byHash.set(hash, grant);
    });
    (options.certificates ?? []).forEach((grant, i) => {
      checkGrant(`auth.certificates[${i}]`, grant);
      if (typeof grant.commonName !== 'string' || grant.commonName === '') throw configError(`auth.certificates[${i}].commonName`, 'a non-empty CN', grant.commonName);
      this.byCommonName.set(grant.commonName, grant);
    });
  }

  /** A bearer token wins over the certificate (a proxy may terminate mTLS for many users). */
  authenticate(metadata: grpc.Metadata, authContext: AuthContext | undefined): Principal {
    const header = metadata.get('authorization')[0];
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(String(header));
      if (match === null) throw new TelsentryError(ErrorCodes.UNAUTHENTICATED, 'authorization header must be "Bearer <token>"');
      const grant = this.byHash.get(sha256Hex(match[1]!));
      if (grant === undefined) throw new TelsentryError(ErrorCodes.UNAUTHENTICATED, 'unknown bearer token');
      return { name: grant.principal, role: grant.role, operator: grant.operator ?? '', via: 'token' };
    }
    const commonName = authContext?.sslPeerCertificate?.subject?.CN;
    if (typeof commonName === 'string' && commonName !== '') {
      const grant = this.byCommonName.get(commonName);
      if (grant === undefined) throw new TelsentryError(ErrorCodes.UNAUTHENTICATED, `client certificate CN "${commonName}" is not configured`);
      return { name: grant.principal, role: grant.role, operator: grant.operator ?? '', via: 'mtls' };
    }
    throw new TelsentryError(ErrorCodes.UNAUTHENTICATED, 'no credentials: send "authorization: Bearer <token>" or a client certificate');
  }
}
