import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSWERED_NA, Direction, EventKind, TrunkIn } from '../../../core/cdr.js';
import { FIXTURES, readAll, tempDir, type PlainCdr } from './helpers.js';

/** The four records every CDR fixture holds, decoded. */
const GOLDEN: PlainCdr[] = [
  {
    recordId: 'r-1', operator: '452-04', startMs: Date.parse('2026-11-23T03:00:00Z'), event: EventKind.voice, direction: Direction.mo,
    answered: 1, durationS: 65.5, ringS: 4.5, bytes: 0, trunkIn: TrunkIn.none, imsi: '452040000000001', imei: '356938035643809',
    cell: '452-04-1201-33011', served: '84912345678', peer: '84987654321', cause: 'normal; clearing',
  },
  {
    recordId: 'r-2', operator: '452-04', startMs: Date.parse('2026-11-23T03:00:05Z'), event: EventKind.voice, direction: Direction.mt,
    answered: 0, durationS: 0, ringS: NaN, bytes: 0, trunkIn: TrunkIn.international, imsi: '452040000000002', imei: '',
    cell: '452-04-1201-33012', served: '84987654321', peer: '14155550100', cause: 'said "busy"',
  },
  {
    recordId: 'r-3', operator: '452-04', startMs: Date.parse('2026-11-23T03:00:10Z'), event: EventKind.sms, direction: Direction.mo,
    answered: ANSWERED_NA, durationS: 0, ringS: NaN, bytes: 0, trunkIn: TrunkIn.none, imsi: '452040000000001', imei: '',
    cell: '', served: '84912345678', peer: '447700900123', cause: '',
  },
  {
    recordId: 'r-4', operator: '452-04', startMs: Date.parse('2026-11-23T03:00:30.250Z'), event: EventKind.data, direction: Direction.mo,
    answered: ANSWERED_NA, durationS: 3600, ringS: NaN, bytes: 1_048_576, trunkIn: TrunkIn.none, imsi: '452040000000003',
    imei: '35693803564380', cell: '452-04-1201-33011', served: '', peer: '', cause: '',
  },
];

describe('golden CDR fixtures decode to the same columns', () => {
  it.each([
    ['cdr-semicolon.csv', "';' delimiter, BOM, CRLF, quotes with ;, \"\" and a newline inside, columns reordered, unknown column"],
    ['cdr.tsv', 'tab delimiter, other column order, unquoted " inside a field'],
    ['cdr.jsonl', 'JSON Lines with JSON numbers/booleans/null and an unknown key'],
    ['cdr.csv.gz', 'gzip CSV with , delimiter'],
  ])('%s (%s)', async (name) => {
    const { rows, stats } = await readAll(FIXTURES + name);
    expect(rows).toEqual(GOLDEN);
    expect(stats.read).toBe(4);
    expect(stats.accepted).toBe(4);
    expect(stats.rejectedTotal).toBe(0);
  });

  it('interns the same value to the same id across fields and records', async () => {
    const { batches, dictionaries } = await readAll(FIXTURES + 'cdr-semicolon.csv');
    const batch = batches[0]!;
    expect(batch.peerMsisdnId[0]).toBe(batch.servedMsisdnId[1]); // 84987654321 as callee of r-1 and callee (served) of r-2
    expect(batch.imsiId[0]).toBe(batch.imsiId[2]);
    expect(dictionaries.operator.size).toBe(1);
  });

  it('splits into batches of batchSize, in file order', async () => {
    const { batches, rows } = await readAll(FIXTURES + 'cdr.jsonl', { batchSize: 3 });
    expect(batches.map((b) => b.length)).toEqual([3, 1]);
    expect(rows.map((r) => r.recordId)).toEqual(['r-1', 'r-2', 'r-3', 'r-4']);
  });

  it('detects gzip by magic bytes and the format from the name without .gz', async () => {
    const tmp = tempDir();
    try {
      const plainName = tmp.write('cdr-gzipped-but-named.csv', readFileSync(FIXTURES + 'cdr.csv.gz'));
      expect((await readAll(plainName)).rows).toEqual(GOLDEN);
      const oddName = tmp.write('cdr.data', readFileSync(FIXTURES + 'cdr.jsonl'));
      expect((await readAll(oddName)).rows).toEqual(GOLDEN); // sniffed: first byte '{'
      expect((await readAll(oddName, { format: 'jsonl' })).rows).toEqual(GOLDEN);
    } finally {
      tmp.remove();
    }
  });
});
