import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { Authenticator, sha256Hex } from '../../../api/auth.js';
import { authorizeMethod, METHOD_ROLES, operatorScope } from '../../../api/policy.js';

function metadata(authorization?: string): grpc.Metadata {
  const m = new grpc.Metadata();
  if (authorization !== undefined) m.set('authorization', authorization);
  return m;
}

describe('Authenticator', () => {
  const auth = new Authenticator({
    tokens: [{ sha256: sha256Hex('secret-1'), principal: 'noc', role: 'operator', operator: '452-04' }],
    certificates: [{ commonName: 'police-hn', principal: 'police-hn', role: 'investigator' }],
  });

  it('maps a bearer token through its hash, and a client certificate through its CN', () => {
    expect(auth.authenticate(metadata('Bearer secret-1'), undefined)).toEqual({ name: 'noc', role: 'operator', operator: '452-04', via: 'token' });
    expect(auth.authenticate(metadata(), { sslPeerCertificate: { subject: { CN: 'police-hn' } } as never })).toMatchObject({ name: 'police-hn', role: 'investigator', via: 'mtls' });
  });

  it('refuses missing, malformed and unknown credentials with UNAUTHENTICATED', () => {
    for (const [m, ctx] of [[metadata(), undefined], [metadata('Basic abc'), undefined], [metadata('Bearer nope'), undefined], [metadata(), { sslPeerCertificate: { subject: { CN: 'stranger' } } }]] as const) {
      expect(() => auth.authenticate(m, ctx as never)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    }
  });

  it('validates the configuration once, naming the field', () => {
    expect(() => new Authenticator({ tokens: [{ sha256: 'abc', principal: 'x', role: 'admin' }] })).toThrow(/auth.tokens\[0\].sha256 must be 64 hex digits/);
    expect(() => new Authenticator({ tokens: [{ sha256: sha256Hex('a'), principal: 'x', role: 'root' as never }] })).toThrow(/auth.tokens\[0\].role must be one of/);
    expect(() => new Authenticator({ tokens: [{ sha256: sha256Hex('a'), principal: 'x', role: 'operator' }] })).toThrow(/operator must be an MCC-MNC/);
    expect(() => new Authenticator({ tokens: [{ sha256: sha256Hex('a'), principal: 'x', role: 'analyst', operator: '452-04' }] })).toThrow(/absent unless role is operator/);
  });
});

describe('policy', () => {
  it('denies a method not listed for the role', () => {
    expect(() => authorizeMethod({ name: 'a', role: 'analyst', operator: '', via: 'token' }, 'SubscriberService.GetProfile')).toThrow(expect.objectContaining({ code: 'PERMISSION_DENIED' }));
    expect(() => authorizeMethod({ name: 'a', role: 'admin', operator: '', via: 'token' }, 'No.Such')).toThrow(/may not call No.Such/);
    expect(METHOD_ROLES['AuditService.VerifyAuditChain']).toEqual(['admin']);
  });

  it('scopes an operator to its own operator', () => {
    const op = { name: 'o', role: 'operator' as const, operator: '452-04', via: 'token' as const };
    expect(operatorScope(op, [])).toEqual(['452-04']);
    expect(operatorScope(op, ['452-04'])).toEqual(['452-04']);
    expect(() => operatorScope(op, ['452-04', '452-01'])).toThrow(/may not read data of operator 452-01/);
    expect(operatorScope({ ...op, role: 'analyst', operator: '' }, ['452-01'])).toEqual(['452-01']);
  });
});
