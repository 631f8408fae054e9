import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, canonicalJson, Store, verifyAuditChain, Watchlist, type AuditEntry } from '../../../store/index.js';

const entry = (n: number): AuditEntry => ({
  principal: `officer-${n}`, role: 'investigator', action: 'SubscriberService.GetProfile',
  subjectKind: 'msisdn', subjectValue: `8491234${String(n).padStart(4, '0')}`, caseReference: 'HN-2026-0042', detail: { history_days: 30, n },
});

describe('audit log', () => {
  let store: Store;
  let audit: AuditLog;
  beforeEach(async () => {
    store = await Store.open(':memory:');
    audit = new AuditLog(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('writes canonical JSON with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
  });

  it('numbers concurrent appends without gaps (group commit) and verifies', async () => {
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => audit.append(entry(i))));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await verifyAuditChain(store)).toEqual({ ok: true, rowsChecked: 50, firstBadSeq: 0, reason: '' });
    // a new AuditLog on the same store continues the chain
    await new AuditLog(store).append(entry(99));
    expect((await verifyAuditChain(store)).rowsChecked).toBe(51);
  });

  it('names the first altered row', async () => {
    for (let i = 0; i < 5; i++) await audit.append(entry(i));
    await store.write((c) => c.run(`UPDATE audit_log SET case_reference = 'OTHER' WHERE seq = 3`));
    expect(await verifyAuditChain(store)).toMatchObject({ ok: false, firstBadSeq: 3, rowsChecked: 2 });
  });

  it('names a deleted row and a re-hashed row whose successor no longer links', async () => {
    for (let i = 0; i < 5; i++) await audit.append(entry(i));
    await store.write((c) => c.run(`DELETE FROM audit_log WHERE seq = 2`));
    expect(await verifyAuditChain(store)).toMatchObject({ ok: false, firstBadSeq: 2, reason: expect.stringMatching(/row seq 2 is missing/) });
  });

  it('detects a row whose hash was recomputed by the forger: the next row no longer links', async () => {
    for (let i = 0; i < 4; i++) await audit.append(entry(i));
    await store.write((c) => c.run(`UPDATE audit_log SET hash = repeat('a', 64) WHERE seq = 2`));
    const result = await verifyAuditChain(store);
    expect(result.ok).toBe(false);
    expect(result.firstBadSeq).toBe(2);
  });
});

describe('watchlist', () => {
  it('adds, replaces, lists by case and removes', async () => {
    const store = await Store.open(':memory:');
    const watchlist = new Watchlist(store);
    expect((await watchlist.add({ kind: 'msisdn', value: '84911111111', reason: 'farm', caseReference: 'C-1', addedBy: 'a' })).created).toBe(true);
    expect((await watchlist.add({ kind: 'msisdn', value: '84911111111', reason: 'farm, confirmed', caseReference: 'C-1', addedBy: 'b' })).created).toBe(false);
    await watchlist.add({ kind: 'imei', value: '356938035643809', reason: 'box', caseReference: 'C-2', addedBy: 'a' });
    expect((await watchlist.list()).map((e) => [e.kind, e.value, e.reason])).toEqual([['msisdn', '84911111111', 'farm, confirmed'], ['imei', '356938035643809', 'box']]);
    expect((await watchlist.list('C-2')).map((e) => e.value)).toEqual(['356938035643809']);
    expect(await watchlist.remove('msisdn', '84911111111')).toBe(true);
    expect(await watchlist.remove('msisdn', '84911111111')).toBe(false);
    expect(await watchlist.list()).toHaveLength(1);
    await store.close();
  });
});
