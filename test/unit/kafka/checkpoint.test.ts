import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../../ingest/kafka/checkpoint.js';

function stateTables(scale: number) {
  return {
    subscribers: tableFromArrays({ imsiId: Uint32Array.from([1, 2, 3]), calls: Float64Array.from([scale, 2 * scale, 3 * scale]) }),
    panes: tableFromArrays({ minute: Int32Array.from([100, 101]), count: Uint32Array.from([scale, scale + 1]) }),
  };
}

describe('CheckpointStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'telsentry-ckpt-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns null before the first checkpoint', () => {
    expect(new CheckpointStore(dir).load()).toBeNull();
  });

  it('loads back the tables, meta and offsets of the newest checkpoint', () => {
    const store = new CheckpointStore(dir);
    store.write({ tables: stateTables(1), meta: { watermarkMs: 10 }, offsets: [{ topic: 'cdr', partition: 0, offset: 5 }] });
    const second = store.write({ tables: stateTables(7), meta: { watermarkMs: 20 }, offsets: [{ topic: 'cdr', partition: 0, offset: 9 }, { topic: 'cdr', partition: 1, offset: 3 }] });
    const loaded = new CheckpointStore(dir).load()!;
    expect(loaded.seq).toBe(second.seq);
    expect(loaded.fellBack).toBe(false);
    expect(loaded.meta).toEqual({ watermarkMs: 20 });
    expect(loaded.offsets).toEqual([{ topic: 'cdr', partition: 0, offset: 9 }, { topic: 'cdr', partition: 1, offset: 3 }]);
    expect([...loaded.tables.subscribers!.getChild('calls')!.toArray()]).toEqual([7, 14, 21]);
    expect([...loaded.tables.panes!.getChild('count')!.toArray()]).toEqual([7, 8]);
  });

  it('keeps the live checkpoint plus `retain` fallbacks and deletes older ones', () => {
    const store = new CheckpointStore(dir, { retain: 1 });
    for (let i = 1; i <= 4; i++) store.write({ tables: stateTables(i), meta: i, offsets: [] });
    expect(readdirSync(dir).filter((n) => n.startsWith('ckpt-')).sort()).toEqual(['ckpt-000000003', 'ckpt-000000004']);
  });

  it('a crash mid-write leaves the previous checkpoint live and the half-written one is swept on open', () => {
    const store = new CheckpointStore(dir);
    store.write({ tables: stateTables(1), meta: 'first', offsets: [{ topic: 'cdr', partition: 0, offset: 100 }] });
    // What a writer killed mid-way leaves: a temp directory with some files, no manifest, CURRENT untouched.
    const half = join(dir, 'ckpt-000000002.tmp-99999');
    mkdirSync(join(half, 'tables'), { recursive: true });
    writeFileSync(join(half, 'tables', 'subscribers.arrow'), Buffer.from('ARROW1 partial'));
    writeFileSync(join(dir, 'CURRENT.tmp'), 'ckpt-000000002');
    const reopened = new CheckpointStore(dir);
    expect(existsSync(half)).toBe(false);
    expect(existsSync(join(dir, 'CURRENT.tmp'))).toBe(false);
    const loaded = reopened.load()!;
    expect(loaded.meta).toBe('first');
    expect(loaded.offsets).toEqual([{ topic: 'cdr', partition: 0, offset: 100 }]);
    // The next checkpoint continues the sequence without clashing with the swept one.
    expect(reopened.write({ tables: stateTables(2), meta: 'second', offsets: [] }).seq).toBe(2);
    expect(new CheckpointStore(dir).load()!.meta).toBe('second');
  });

  it('a complete directory that CURRENT does not name yet (crash before the switch) is not loaded', () => {
    const store = new CheckpointStore(dir);
    store.write({ tables: stateTables(1), meta: 'live', offsets: [] });
    store.write({ tables: stateTables(2), meta: 'next', offsets: [] });
    writeFileSync(join(dir, 'CURRENT'), 'ckpt-000000001\n'); // as if the crash hit before CURRENT moved
    expect(new CheckpointStore(dir).load()!.meta).toBe('live');
  });

  it('falls back to the previous checkpoint when the live one fails its manifest check', () => {
    const store = new CheckpointStore(dir);
    store.write({ tables: stateTables(1), meta: 'old', offsets: [] });
    const live = store.write({ tables: stateTables(2), meta: 'new', offsets: [] });
    truncateSync(join(live.path, 'tables', 'panes.arrow'), 10);
    const loaded = new CheckpointStore(dir).load()!;
    expect(loaded.fellBack).toBe(true);
    expect(loaded.meta).toBe('old');
    expect(readFileSync(join(dir, 'CURRENT'), 'utf8').trim()).toBe('ckpt-000000002');
  });

  it('refuses table names that are not plain file names', () => {
    const store = new CheckpointStore(dir);
    expect(() => store.write({ tables: { '../escape': stateTables(1).panes }, meta: null, offsets: [] })).toThrow(/safe file name/);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
