/** The generic state codec: what it keeps (identity, prototypes, typed arrays as Arrow) and what it refuses, loudly. */
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { TelsentryError } from '../../../core/errors.js';
import { ARROW_MIN_ELEMENTS, StateCodec, type EncodedState } from '../../../engine/checkpoint-codec.js';
import { markStateless } from '../../../engine/checkpoint-marks.js';

class Counter {
  counts = new Uint32Array(ARROW_MIN_ELEMENTS * 2);
  small = new Float64Array(4);
  total = 0n;
  byKey = new Map<string, Bucket>();
  constructor(readonly config: { limit: number }, private readonly onChange: () => void) {}
  bump(key: string): void {
    this.onChange();
    let bucket = this.byKey.get(key);
    if (bucket === undefined) this.byKey.set(key, (bucket = new Bucket()));
    bucket.n++;
    this.counts[bucket.n] = this.counts[bucket.n]! + 1;
    this.total += 1n;
  }
}

class Bucket {
  n = 0;
  tags = new Set<string>();
}

class Unregistered {
  x = 1;
}

const freshBucket = markStateless('test.freshBucket', () => new Bucket());
const CLASSES = [{ name: 'Counter', ctor: Counter, skip: ['config', 'onChange'] }, { name: 'Bucket', ctor: Bucket }];

/** Through Arrow IPC bytes, as a checkpoint on disk would be. */
function viaIpc(state: EncodedState): EncodedState {
  const tables: Record<string, Table> = {};
  for (const [name, table] of Object.entries(state.tables)) tables[name] = tableFromIPC(tableToIPC(table, 'file'));
  return { tables, meta: JSON.parse(JSON.stringify(state.meta)) };
}

function expectCheckpointError(fn: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TelsentryError);
  expect((caught as Error).message).toMatch(message);
}

describe('StateCodec', () => {
  const codec = new StateCodec(CLASSES);
  const config = { limit: 3 };

  it('restores fields onto the fresh instance, keeps its injected dependencies and shared references', () => {
    let changes = 0;
    const saved = new Counter(config, () => changes++);
    saved.bump('a');
    saved.bump('a');
    saved.bump('b');
    saved.small[2] = 0.5;
    const shared = saved.byKey.get('a')!;
    shared.tags.add('x');
    const root = { counter: saved, alsoA: shared, bigList: Array.from({ length: 3 }, (_, i) => i), factory: freshBucket, nothing: null, inf: -Infinity };
    const state = viaIpc(codec.encode({ root }, { config }));
    expect(Object.keys(state.tables).sort()).toEqual(['state_Uint32Array', 'state_graph']);

    let freshChanges = 0;
    const freshCounter = new Counter(config, () => freshChanges++);
    const fresh = { counter: freshCounter, alsoA: undefined as Bucket | undefined, bigList: [] as number[], factory: undefined as unknown, nothing: null, inf: 0 };
    codec.restore({ root: fresh }, { config }, state);
    expect(fresh.counter).toBe(freshCounter);
    expect(freshCounter.counts).toEqual(saved.counts);
    expect(freshCounter.small).toEqual(saved.small);
    expect(freshCounter.total).toBe(3n);
    expect(freshCounter.byKey.get('a')).toBeInstanceOf(Bucket);
    expect(fresh.alsoA).toBe(freshCounter.byKey.get('a')); // one object, as before
    expect(fresh.alsoA!.tags).toEqual(new Set(['x']));
    expect(fresh.factory).toBe(freshBucket);
    expect(fresh.inf).toBe(-Infinity);
    freshCounter.bump('c');
    expect(freshChanges).toBe(1); // the fresh instance's own listener, not the saved one's
    expect(changes).toBe(3);
  });

  it('accessor properties restore closure variables', () => {
    let level = new Float64Array(8);
    level[3] = 7;
    const state = codec.encode({ s: { get level(): typeof level { return level; }, set level(v: typeof level) { level = v; } } }, {});
    level = new Float64Array(1);
    let restoredLevel = new Float64Array(0);
    codec.restore({ s: { get level(): typeof restoredLevel { return restoredLevel; }, set level(v: typeof restoredLevel) { restoredLevel = v; } } }, {}, viaIpc(state));
    expect(restoredLevel[3]).toBe(7);
  });

  it('refuses closures, unregistered classes and symbols, naming the path', () => {
    let hidden = 0;
    expectCheckpointError(() => codec.encode({ d: { onPane: () => hidden++ } }, {}), /d\.onPane is a function/);
    expectCheckpointError(() => codec.encode({ d: { list: [new Unregistered()] } }, {}), /d\.list\[0\] is an instance of unregistered class Unregistered/);
    expectCheckpointError(() => codec.encode({ d: { when: new Date(0) } }, {}), /unregistered class Date/);
    expectCheckpointError(() => codec.encode({ d: { s: Symbol('x') } }, {}), /symbol/);
    expect(hidden).toBe(0);
  });

  it('refuses another codec version, another set of roots, missing dependencies and another class layout', () => {
    const state = codec.encode({ root: { counter: new Counter(config, () => undefined), limits: config } }, { config });
    const fresh = (): { root: object } => ({ root: { counter: new Counter(config, () => undefined), limits: config } });
    expectCheckpointError(() => codec.restore(fresh(), { config }, { ...state, meta: { ...state.meta, version: 99 } }), /version 99/);
    expectCheckpointError(() => codec.restore({ ...fresh(), other: {} }, { config }, state), /this process has \[root, other\]/);
    expectCheckpointError(() => codec.restore(fresh(), {}, state), /injected config/);
    const reshaped = fresh();
    (reshaped.root as { counter: Record<string, unknown> }).counter.renamed = 1;
    expectCheckpointError(() => codec.restore(reshaped, { config }, state), /another layout.*not saved: renamed/);
    expectCheckpointError(() => new StateCodec(CLASSES.slice(0, 1)).restore({ root: { b: undefined } }, {}, codec.encode({ root: { b: new Bucket() } }, {})), /class Bucket, unknown/);
  });

  it('an instance with injected fields needs a fresh one to restore onto', () => {
    const state = codec.encode({ root: { list: [new Counter(config, () => undefined)] } }, { config });
    expectCheckpointError(() => codec.restore({ root: { list: [] } }, { config }, state), /has injected fields/);
  });
});
