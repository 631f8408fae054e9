/** Opening inputs: unreadable files, stdin, cut gzip streams, oversized rows, chunk boundaries. */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CDR_FIELDS } from '../../../core/cdr.js';
import { ErrorCodes, TelsentryError } from '../../../core/errors.js';
import { CDR_REQUIRED_HEADER } from '../../../ingest/cdr-reader.js';
import { CsvScanner } from '../../../ingest/csv-scanner.js';
import { DeadLetterWriter, MAX_ROW_BYTES } from '../../../ingest/index.js';
import type { RejectReason } from '../../../ingest/reasons.js';
import type { RowView } from '../../../ingest/row.js';
import { FIXTURES, readAll, reasonCounts, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
afterEach(() => vi.restoreAllMocks());

const HEADER = 'record_id,operator,event,direction,start_time,caller,callee,imsi';
const sms = (id: string, extra = ''): string => `${id},452-04,sms,mo,2026-11-23T10:00:00Z,0912345678,0987654321${extra},452040000000001`;

async function expectUnreadable(path: string, message: RegExp): Promise<void> {
  const error = await readAll(path).then(() => null, (err: unknown) => err);
  expect(error).toBeInstanceOf(TelsentryError);
  expect((error as TelsentryError).code).toBe(ErrorCodes.INPUT_UNREADABLE);
  expect((error as TelsentryError).message).toContain(path);
  expect((error as TelsentryError).message).toMatch(message);
}

describe('unreadable inputs throw INPUT_UNREADABLE naming the path', () => {
  it.each([
    ['missing file', () => tmp.path('does-not-exist.csv'), /cannot open \(ENOENT\)/],
    ['a directory', () => tmp.path(''), /not a regular file/],
    ['.gz that is not gzip', () => FIXTURES + 'not-gzip.csv.gz', /not gzip/],
    ['empty CSV (no header)', () => tmp.write('empty.csv', ''), /no header/],
    ['header without required columns', () => tmp.write('bad-header.csv', 'id,op,kind\n1,2,3\n'), /lacks required column\(s\) record_id, operator, event, direction, start_time, imsi/],
    ['single-column header', () => tmp.write('one-col.csv', 'record_id\nx\n'), /single column/],
  ])('%s', async (_name, path, message) => {
    await expectUnreadable(path(), message);
  });
});

describe('stdin', () => {
  it.each([
    ['plain CSV', Buffer.from(`${HEADER}\n${sms('s-1')}\n${sms('s-2')}\n`)],
    ['gzip CSV (magic bytes)', gzipSync(`${HEADER}\n${sms('s-1')}\n${sms('s-2')}\n`)],
    ['JSON Lines (sniffed)', Buffer.from(['s-1', 's-2'].map((id) => JSON.stringify({ record_id: id, operator: '452-04', event: 'sms', direction: 'mo', start_time: '2026-11-23T10:00:00Z', caller: '0912345678', callee: '0987654321', imsi: '452040000000001' })).join('\n'))],
  ])("reads '-' as stdin: %s", async (_name, bytes) => {
    // First chunk of one byte: gzip detection must wait for both magic bytes.
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([bytes.subarray(0, 1), bytes.subarray(1, 7), bytes.subarray(7)]) as unknown as typeof process.stdin);
    const deadLetters = new DeadLetterWriter(tmp.path('stdin.dead.jsonl'));
    const { rows, stats } = await readAll('-', { deadLetters });
    await deadLetters.close();
    expect(rows.map((r) => [r.recordId, r.served, r.peer])).toEqual([['s-1', '84912345678', '84987654321'], ['s-2', '84912345678', '84987654321']]);
    expect(stats.rejectedTotal).toBe(0);
  });

  it("names stdin 'stdin' in dead letters", async () => {
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from(`${HEADER}\n${sms('s-1', '9x')}\n`)]) as unknown as typeof process.stdin);
    const deadLetters = new DeadLetterWriter(tmp.path('stdin2.dead.jsonl'));
    await readAll('-', { deadLetters });
    await deadLetters.close();
    expect(JSON.parse(readFileSync(deadLetters.path, 'utf8'))).toMatchObject({ source: 'stdin', line: 2, reason: 'invalid:callee' });
  });
});

describe('damaged inputs', () => {
  it('a gzip file cut mid-stream keeps every complete row and rejects the cut one as truncated_row', async () => {
    const { rows, stats } = await readAll(FIXTURES + 'cdr-cut.csv.gz');
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThan(2000);
    expect(rows.map((r) => r.recordId)).toEqual(rows.map((_r, i) => `c${i}`));
    expect(reasonCounts(stats)).toEqual({ truncated_row: 1 });
    expect(stats.read).toBe(rows.length + 1);
  });

  it('rows above MAX_ROW_BYTES are rejected without being buffered, also across read chunks (2 MiB row)', async () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const path = tmp.write('huge.csv', [HEADER, sms('ok-1'), sms('big-1', huge), sms('ok-2'), sms('big-2', 'y'.repeat(MAX_ROW_BYTES)), sms('ok-3'), ''].join('\n'));
    const deadLetters = new DeadLetterWriter(tmp.path('huge.dead.jsonl'));
    const { rows, stats } = await readAll(path, { deadLetters });
    await deadLetters.close();
    expect(rows.map((r) => r.recordId)).toEqual(['ok-1', 'ok-2', 'ok-3']);
    expect(reasonCounts(stats)).toEqual({ row_too_large: 2 });
    const letters = readFileSync(deadLetters.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; raw: string });
    expect(letters.map((l) => l.line)).toEqual([3, 5]);
    for (const l of letters) expect(l.raw.length).toBeLessThan(2_200); // bounded raw
  });

  it('a final row without newline but with all fields is kept', async () => {
    const path = tmp.write('no-final-newline.csv', `${HEADER}\r\n${sms('n-1')}\r\n${sms('n-2')}`);
    const { rows, stats } = await readAll(path);
    expect(rows.map((r) => r.recordId)).toEqual(['n-1', 'n-2']);
    expect(stats.rejectedTotal).toBe(0);
  });

  it('an unterminated quote at the end of the file is a truncated_row', async () => {
    const path = tmp.write('open-quote.csv', `${HEADER}\n${sms('q-1')}\nq-2,452-04,sms,mo,2026-11-23T10:00:00Z,"0912`);
    const { rows, stats } = await readAll(path);
    expect(rows.map((r) => r.recordId)).toEqual(['q-1']);
    expect(reasonCounts(stats)).toEqual({ truncated_row: 1 });
  });

  it('text after a closing quote is a malformed_row; blank lines are skipped, not counted', async () => {
    const path = tmp.write('bad-quote.csv', `${HEADER}\n\n${sms('m-1')}\n"m-2"x,452-04,sms,mo,2026-11-23T10:00:00Z,0912345678,0987654321,452040000000001\n\r\n${sms('m-3')}\n`);
    const { rows, stats } = await readAll(path);
    expect(rows.map((r) => r.recordId)).toEqual(['m-1', 'm-3']);
    expect(reasonCounts(stats)).toEqual({ malformed_row: 1 });
    expect(stats.read).toBe(3);
  });
});

describe('CsvScanner chunk boundaries', () => {
  const text = readFileSync(FIXTURES + 'cdr-semicolon.csv');

  function scanInPieces(pieceBytes: number): string[] {
    const seen: string[] = [];
    const sink = {
      onRow: (row: RowView, line: number) => { seen.push(`${line}:${CDR_FIELDS.map((_f, k) => row.text(k)).join('|')}`); },
      onReject: (reason: RejectReason, line: number) => { seen.push(`${line}:${reason}`); },
    };
    const scanner = new CsvScanner(CDR_FIELDS, CDR_REQUIRED_HEADER, sink, 'x');
    // Copy each piece: the scanner may keep a reference to the carry, never to a reused buffer.
    for (let p = 0; p < text.length; p += pieceBytes) scanner.feed(Buffer.from(text.subarray(p, p + pieceBytes)));
    scanner.finish();
    return seen;
  }

  it('gives the same rows and line numbers however the input is cut', () => {
    const whole = scanInPieces(text.length);
    expect(whole).toHaveLength(4);
    expect(whole[3]).toMatch(/^5:r-4\|/); // r-4 starts on line 5; r-4's note spans two lines
    for (const piece of [1, 2, 3, 5, 7, 64]) expect(scanInPieces(piece)).toEqual(whole);
  });
});
