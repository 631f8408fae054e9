/**
 * One case per rejection reason: a valid row with one field spoiled must be rejected with
 * exactly that reason, written to dead letters with a detail naming the field and value,
 * and leave the good row after it untouched. A last test checks the table covers
 * REJECT_REASONS exactly, so a new reason cannot ship untested.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CDR_FIELDS } from '../../../core/cdr.js';
import { createDictionaries } from '../../../core/dictionary.js';
import {
  DeadLetterWriter, IngestStats, readCells, readSubscribers, readTestCalls, REJECT_REASONS, type RejectReason,
} from '../../../ingest/index.js';
import { csvLine, readAll, tempDir } from './helpers.js';

type Feed = 'cdr' | 'subscribers' | 'cells' | 'test_calls';

const VOICE: Record<string, string> = {
  record_id: 'ok-1', operator: '452-04', event: 'voice', direction: 'mo', start_time: '2026-11-23T10:00:00+07:00',
  duration_s: '30', answered: 'true', ring_s: '3', caller: '0912345678', callee: '0987654321', imsi: '452040000000001',
  imei: '356938035643809', cell_id: '452-04-1201-33011', trunk_in: '', bytes: '', cause: 'normal',
};
const DATA: Record<string, string> = { ...VOICE, event: 'data', duration_s: '60', answered: '', caller: '', callee: '', bytes: '1000' };
const SUBSCRIBER: Record<string, string> = {
  msisdn: '0912345678', imsi: '452040000000001', operator: '452-04', activated_at: '2026-11-01T08:00:00+07:00',
  plan: 'prepaid', customer_type: 'individual', dealer_id: 'D-1', id_hash: 'ab12',
};
const CELL: Record<string, string> = { cell_id: '452-04-1201-33011', site_id: 'HN-1', lat: '21.03', lon: '105.83', province: 'Ha Noi', district: 'Ba Dinh' };
const TEST_CALL: Record<string, string> = {
  test_id: 't-1', called_at: '2026-11-23T10:00:00+07:00', b_number: '0912345678', original_cli: '+442079460000', observed_cli: '0987654321', route: 'A',
};
const BASE: Record<Feed, Record<string, string>> = { cdr: VOICE, subscribers: SUBSCRIBER, cells: CELL, test_calls: TEST_CALL };

interface Case {
  reason: RejectReason;
  feed: Feed;
  /** Field overrides of the feed's valid base row… */
  set?: Record<string, string>;
  /** …or the raw text of the bad row (then `header` columns are the base row's). */
  raw?: (header: string[], good: string) => string;
  base?: Record<string, string>;
}

const CASES: Case[] = [
  // row level
  { reason: 'malformed_row', feed: 'cdr', raw: (_h, good) => `${good},one too many\n${good}\n` },
  { reason: 'truncated_row', feed: 'cdr', raw: (_h, good) => `${good}\n${good.slice(0, 40)}` },
  { reason: 'row_too_large', feed: 'cdr', set: { cause: 'x'.repeat(70_000) } },
  // Contract 1 CDR fields
  { reason: 'missing:record_id', feed: 'cdr', set: { record_id: '' } },
  { reason: 'invalid:record_id', feed: 'cdr', set: { record_id: 'r'.repeat(129) } },
  { reason: 'missing:operator', feed: 'cdr', set: { operator: '' } },
  { reason: 'invalid:operator', feed: 'cdr', set: { operator: '45204' } },
  { reason: 'missing:event', feed: 'cdr', set: { event: '' } },
  { reason: 'unknown:event', feed: 'cdr', set: { event: 'VOICE' } },
  { reason: 'missing:direction', feed: 'cdr', set: { direction: '' } },
  { reason: 'unknown:direction', feed: 'cdr', set: { direction: 'in' } },
  { reason: 'missing:start_time', feed: 'cdr', set: { start_time: '' } },
  { reason: 'invalid:start_time', feed: 'cdr', set: { start_time: '2026-11-23T10:00:00' } },
  { reason: 'missing:imsi', feed: 'cdr', set: { imsi: '' } },
  { reason: 'invalid:imsi', feed: 'cdr', set: { imsi: '45204000000000A' } },
  { reason: 'missing:duration_s', feed: 'cdr', set: { duration_s: '' } },
  { reason: 'invalid:duration_s', feed: 'cdr', set: { duration_s: '30s' } },
  { reason: 'negative:duration_s', feed: 'cdr', set: { duration_s: '-5' } },
  { reason: 'missing:answered', feed: 'cdr', set: { answered: '' } },
  { reason: 'invalid:answered', feed: 'cdr', set: { answered: 'yes' } },
  { reason: 'invalid:ring_s', feed: 'cdr', set: { ring_s: 'n/a' } },
  { reason: 'negative:ring_s', feed: 'cdr', set: { ring_s: '-0.5' } },
  { reason: 'missing:caller', feed: 'cdr', set: { caller: '' } },
  { reason: 'invalid:caller', feed: 'cdr', set: { caller: '09123ABC78' } },
  { reason: 'missing:callee', feed: 'cdr', set: { callee: '' } },
  { reason: 'invalid:callee', feed: 'cdr', set: { callee: '113' } },
  { reason: 'invalid:imei', feed: 'cdr', set: { imei: '12345' } },
  { reason: 'invalid:cell_id', feed: 'cdr', set: { cell_id: '452-04-LAC-1' } },
  { reason: 'unknown:trunk_in', feed: 'cdr', set: { trunk_in: 'satellite' } },
  { reason: 'missing:bytes', feed: 'cdr', base: DATA, set: { bytes: '' } },
  { reason: 'invalid:bytes', feed: 'cdr', base: DATA, set: { bytes: '1.5' } },
  { reason: 'negative:bytes', feed: 'cdr', base: DATA, set: { bytes: '-10' } },
  // subscribers
  { reason: 'missing:msisdn', feed: 'subscribers', set: { msisdn: '' } },
  { reason: 'invalid:msisdn', feed: 'subscribers', set: { msisdn: 'unknown' } },
  { reason: 'missing:activated_at', feed: 'subscribers', set: { activated_at: '' } },
  { reason: 'invalid:activated_at', feed: 'subscribers', set: { activated_at: '01/11/2026' } },
  { reason: 'missing:plan', feed: 'subscribers', set: { plan: '' } },
  { reason: 'unknown:plan', feed: 'subscribers', set: { plan: 'prepaid-plus' } },
  { reason: 'missing:customer_type', feed: 'subscribers', set: { customer_type: '' } },
  { reason: 'unknown:customer_type', feed: 'subscribers', set: { customer_type: 'government' } },
  // cells
  { reason: 'missing:cell_id', feed: 'cells', set: { cell_id: '' } },
  { reason: 'missing:site_id', feed: 'cells', set: { site_id: '' } },
  { reason: 'missing:lat', feed: 'cells', set: { lat: '' } },
  { reason: 'invalid:lat', feed: 'cells', set: { lat: '91' } },
  { reason: 'missing:lon', feed: 'cells', set: { lon: '' } },
  { reason: 'invalid:lon', feed: 'cells', set: { lon: 'east' } },
  // test_calls
  { reason: 'missing:test_id', feed: 'test_calls', set: { test_id: '' } },
  { reason: 'missing:called_at', feed: 'test_calls', set: { called_at: '' } },
  { reason: 'invalid:called_at', feed: 'test_calls', set: { called_at: '1999-12-31T23:59:59Z' } },
  { reason: 'missing:b_number', feed: 'test_calls', set: { b_number: '' } },
  { reason: 'invalid:b_number', feed: 'test_calls', set: { b_number: '+0912' } },
  { reason: 'missing:original_cli', feed: 'test_calls', set: { original_cli: '' } },
  { reason: 'invalid:original_cli', feed: 'test_calls', set: { original_cli: 'PRIVATE' } },
  { reason: 'missing:observed_cli', feed: 'test_calls', set: { observed_cli: '' } },
  { reason: 'invalid:observed_cli', feed: 'test_calls', set: { observed_cli: '12-34' } },
];

const tmp = tempDir();
afterAll(() => tmp.remove());

async function readFeed(feed: Feed, path: string, stats: IngestStats, deadLetters: DeadLetterWriter): Promise<number> {
  const opts = { homeCountryCode: '84', stats, deadLetters };
  if (feed === 'cdr') return (await readAll(path, { ...opts, dictionaries: createDictionaries() })).rows.length;
  if (feed === 'subscribers') return (await readSubscribers(path, opts)).length;
  if (feed === 'cells') return (await readCells(path, opts)).length;
  return (await readTestCalls(path, opts)).length;
}

describe('every reject reason', () => {
  it.each(CASES.map((c) => [c.reason, c] as const))('%s', async (reason, c) => {
    const base = c.base ?? BASE[c.feed];
    const header = c.feed === 'cdr' ? [...CDR_FIELDS] : Object.keys(base);
    const good = csvLine(header.map((f) => base[f]!));
    const bad = c.raw ? c.raw(header, good) : `${csvLine(header.map((f) => (c.set![f] ?? base[f])!))}\n${good}\n`;
    const path = tmp.write(`${reason.replace(':', '_')}.csv`, `${header.join(',')}\n${bad}`);
    const stats = new IngestStats();
    const deadLetters = new DeadLetterWriter(tmp.path(`${reason.replace(':', '_')}.dead.jsonl`));
    const accepted = await readFeed(c.feed, path, stats, deadLetters);
    await deadLetters.close();

    expect(Object.fromEntries(stats.rejectedByReason)).toEqual({ [reason]: 1 });
    expect(accepted).toBe(1); // the good row next to it
    expect(stats.read).toBe(2);
    const letters = readFileSync(deadLetters.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ source: path, reason, line: c.raw && reason === 'truncated_row' ? 3 : 2 });
    const [kind, field] = reason.split(':');
    if (field !== undefined) {
      expect(letters[0]!.detail).toContain(field);
      if (kind !== 'missing') expect(letters[0]!.detail).toContain(JSON.stringify(c.set![field]!).slice(0, 60));
    }
  });

  it('the table covers REJECT_REASONS exactly', () => {
    expect(CASES.map((c) => c.reason).sort()).toEqual([...REJECT_REASONS].sort());
    expect(new Set(REJECT_REASONS).size).toBe(REJECT_REASONS.length);
  });
});
