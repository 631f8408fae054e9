/**
 * A generic codec for engine state: walks an object graph from named roots and turns it into
 * Arrow tables, then restores it onto freshly constructed objects of the same shape.
 *
 * Why generic: the state lives in many classes (windows, pane logs, pair tables, ledgers,
 * detector statistics) whose fields change as the code evolves; a hand-written
 * checkpoint per class goes stale silently. Here fields are found at run time, so a new or
 * renamed field is saved without code changes, and anything the codec cannot faithfully save
 * fails loudly (a TelsentryError naming the path):
 *  - class instances become {class name, own fields}; the class must be registered (one line
 *    in checkpoint-classes.ts), with the fields that are injected dependencies listed to skip;
 *  - functions are refused (a closure holding state would be lost), unless marked stateless;
 *  - objects passed as `injected` (config, dictionaries, clock…) are saved as their name and
 *    restored as the fresh process's objects;
 *  - Maps, Sets, arrays, plain objects, bigint, typed arrays are kept, and so is object
 *    identity (v8.serialize keeps shared references within one call).
 * Typed arrays of ARROW_MIN_ELEMENTS or more go to one Arrow column per element type (the
 * bulk of window state); the rest of the graph is one v8-serialised binary column.
 *
 * Restoring assigns saved fields onto the fresh instances found at the same place (so
 * prototypes, skipped dependencies and closures created by constructors stay wired), fills
 * fresh Maps/Sets/arrays in place, and creates instances (Object.create of the registered
 * class) where the fresh graph has none. A fresh instance whose fields differ from the saved
 * ones means the checkpoint was written by another layout: refused.
 */
import { deserialize, serialize } from 'node:v8';
import { makeVector, Table } from 'apache-arrow';
import { ErrorCodes, TelsentryError } from '../core/errors.js';
import { statelessByName, statelessName } from './checkpoint-marks.js';

/**
 * Bumped when checkpointed fields change meaning or layout, so that an older checkpoint fails with a
 * clear error instead of restoring wrong state (2: cells and IMEIs share one pair table).
 */
export const STATE_CODEC_VERSION = 2;
const CODEC_NAME = 'telsentry-state';
/** Typed arrays from this many elements go to Arrow columns; smaller ones ride in the graph blob. */
export const ARROW_MIN_ELEMENTS = 256; // below ~1 KiB the per-entry bookkeeping costs more than inline bytes
const GRAPH_TABLE = 'state_graph';
const ARRAY_TABLE_PREFIX = 'state_';
const TAG = '\u0000ckpt';

export interface StateClass {
  name: string;
  ctor: abstract new (...args: never[]) => object;
  /** Own fields that are injected dependencies or derived wiring: not saved, kept from the fresh instance. */
  skip?: readonly string[];
}

export interface StateMeta {
  codec: typeof CODEC_NAME;
  version: number;
  roots: string[];
  arrays: Record<string, number>;
}

export interface EncodedState {
  tables: Record<string, Table>;
  meta: StateMeta;
}

const ARRAY_TYPES = {
  Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
} as const;
type ArrayTypeName = keyof typeof ARRAY_TYPES;
type AnyTypedArray = InstanceType<(typeof ARRAY_TYPES)[ArrayTypeName]>;

type Tagged =
  | { [TAG]: 'o'; v: Record<string, unknown> }
  | { [TAG]: 'c'; n: string; v: Record<string, unknown> }
  | { [TAG]: 'i'; n: string }
  | { [TAG]: 'f'; n: string }
  | { [TAG]: 'a'; t: ArrayTypeName; o: number; n: number };

export function checkpointError(message: string): TelsentryError {
  return new TelsentryError(ErrorCodes.STORE_FAILED, `checkpoint: ${message}`);
}

const isPlain = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

const arrayTypeOf = (value: ArrayBufferView): ArrayTypeName | undefined => {
  const name = value.constructor.name;
  return name in ARRAY_TYPES && (value.constructor as unknown) === ARRAY_TYPES[name as ArrayTypeName] ? name as ArrayTypeName : undefined;
};

export class StateCodec {
  private readonly byCtor = new Map<unknown, StateClass>();
  private readonly byName = new Map<string, StateClass>();

  constructor(classes: readonly StateClass[]) {
    for (const spec of classes) {
      if (this.byName.has(spec.name)) throw checkpointError(`class name ${spec.name} registered twice`);
      this.byCtor.set(spec.ctor, spec);
      this.byName.set(spec.name, spec);
    }
  }

  encode(roots: Record<string, object>, injected: Record<string, object>): EncodedState {
    const injectedName = new Map<object, string>(Object.entries(injected).map(([name, value]) => [value, name]));
    const memo = new Map<object, unknown>();
    const columns = new Map<ArrayTypeName, { parts: AnyTypedArray[]; length: number }>();

    const encode = (value: unknown, path: string): unknown => {
      if (typeof value === 'function') {
        const name = statelessName(value);
        if (name === undefined) throw checkpointError(`${path} is a function (a closure may hold state); skip it in checkpoint-classes.ts or mark it with markStateless`);
        return { [TAG]: 'f', n: name };
      }
      if (typeof value === 'symbol') throw checkpointError(`${path} is a symbol, which cannot be saved`);
      if (typeof value !== 'object' || value === null) return value;
      const seen = memo.get(value);
      if (seen !== undefined) return seen;
      const dependency = injectedName.get(value);
      if (dependency !== undefined) return remember(value, { [TAG]: 'i', n: dependency });
      if (ArrayBuffer.isView(value)) {
        const type = arrayTypeOf(value);
        if (type === undefined && !(value instanceof Uint8ClampedArray)) throw checkpointError(`${path} is a ${value.constructor.name}, which cannot be saved`);
        const array = value as AnyTypedArray;
        if (type === undefined || array.length < ARROW_MIN_ELEMENTS) return remember(value, value);
        let column = columns.get(type);
        if (column === undefined) columns.set(type, (column = { parts: [], length: 0 }));
        column.parts.push(array);
        column.length += array.length;
        return remember(value, { [TAG]: 'a', t: type, o: column.length - array.length, n: array.length });
      }
      if (Array.isArray(value)) {
        const out = remember(value, new Array<unknown>(value.length));
        for (let i = 0; i < value.length; i++) out[i] = encode(value[i], `${path}[${i}]`);
        return out;
      }
      if (value instanceof Map) {
        const out = remember(value, new Map<unknown, unknown>());
        for (const [key, entry] of value) out.set(encode(key, `${path}.keys()`), encode(entry, `${path}.get(${String(key)})`));
        return out;
      }
      if (value instanceof Set) {
        const out = remember(value, new Set<unknown>());
        for (const entry of value) out.add(encode(entry, `${path}.values()`));
        return out;
      }
      const fields: Record<string, unknown> = {};
      if (isPlain(value)) {
        remember(value, { [TAG]: 'o', v: fields });
        for (const key of Object.keys(value)) fields[key] = encode((value as Record<string, unknown>)[key], `${path}.${key}`);
        return memo.get(value);
      }
      const spec = this.byCtor.get(Object.getPrototypeOf(value)?.constructor);
      if (spec === undefined) {
        throw checkpointError(`${path} is an instance of unregistered class ${(value as object).constructor?.name ?? '?'}; register it in engine/checkpoint-classes.ts`);
      }
      remember(value, { [TAG]: 'c', n: spec.name, v: fields });
      const skip = spec.skip ?? [];
      for (const key of Object.keys(value)) {
        if (!skip.includes(key)) fields[key] = encode((value as Record<string, unknown>)[key], `${path}.${key}`);
      }
      return memo.get(value);
    };
    function remember<T>(original: object, encoded: T): T {
      memo.set(original, encoded);
      return encoded;
    }

    const graph: Record<string, unknown> = {};
    for (const [name, root] of Object.entries(roots)) graph[name] = encode(root, name);
    const tables: Record<string, Table> = {};
    const arrays: Record<string, number> = {};
    for (const [type, column] of columns) {
      const joined = new ARRAY_TYPES[type](column.length);
      let offset = 0;
      for (const part of column.parts) {
        (joined as Uint8Array).set(part as Uint8Array, offset);
        offset += part.length;
      }
      tables[`${ARRAY_TABLE_PREFIX}${type}`] = new Table({ values: makeVector(joined) });
      arrays[type] = column.length;
    }
    const blob = serialize(graph);
    tables[GRAPH_TABLE] = new Table({ bytes: makeVector(new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength)) });
    return { tables, meta: { codec: CODEC_NAME, version: STATE_CODEC_VERSION, roots: Object.keys(roots), arrays } };
  }

  /** Restores a checkpoint onto `roots` (freshly constructed, same shape as when it was saved). */
  restore(roots: Record<string, object>, injected: Record<string, object>, checkpoint: { tables: Record<string, Table>; meta: unknown }): void {
    const meta = checkpoint.meta as Partial<StateMeta> | null;
    if (meta === null || typeof meta !== 'object' || meta.codec !== CODEC_NAME) throw checkpointError(`not an engine state checkpoint (meta ${JSON.stringify(meta)})`);
    if (meta.version !== STATE_CODEC_VERSION) throw checkpointError(`state codec version ${String(meta.version)} cannot be read by version ${STATE_CODEC_VERSION}`);
    const savedRoots = meta.roots ?? [];
    const given = Object.keys(roots);
    if (savedRoots.length !== given.length || !savedRoots.every((name) => given.includes(name))) {
      throw checkpointError(`checkpoint holds state of [${savedRoots.join(', ')}] but this process has [${given.join(', ')}]`);
    }
    const graphTable = checkpoint.tables[GRAPH_TABLE];
    if (graphTable === undefined) throw checkpointError(`table ${GRAPH_TABLE} missing`);
    const bytes = graphTable.getChild('bytes')!.toArray() as Uint8Array;
    const graph = deserialize(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as Record<string, unknown>;
    const columns = new Map<string, AnyTypedArray>();
    for (const [type, length] of Object.entries(meta.arrays ?? {})) {
      const values = checkpoint.tables[`${ARRAY_TABLE_PREFIX}${type}`]?.getChild('values')?.toArray() as AnyTypedArray | undefined;
      if (values === undefined || values.length !== length) throw checkpointError(`array column ${type}: expected ${length} values, found ${values?.length ?? 'none'}`);
      columns.set(type, values);
    }
    const memo = new Map<object, unknown>();

    const restore = (fresh: unknown, node: unknown, path: string): unknown => {
      if (typeof node !== 'object' || node === null) return node;
      if (memo.has(node)) return memo.get(node);
      if (ArrayBuffer.isView(node)) return node;
      if (Array.isArray(node)) {
        const target: unknown[] = Array.isArray(fresh) ? fresh : [];
        memo.set(node, target);
        const values = node.map((entry, i) => restore(target[i], entry, `${path}[${i}]`));
        target.length = values.length;
        for (let i = 0; i < values.length; i++) target[i] = values[i];
        return target;
      }
      if (node instanceof Map) {
        const target = fresh instanceof Map ? fresh : new Map<unknown, unknown>();
        memo.set(node, target);
        const entries: [unknown, unknown][] = [];
        for (const [key, value] of node) {
          const k = restore(undefined, key, `${path}.keys()`);
          entries.push([k, restore(target.get(k), value, `${path}.get(${String(k)})`)]);
        }
        target.clear();
        for (const [k, v] of entries) target.set(k, v);
        return target;
      }
      if (node instanceof Set) {
        const target = fresh instanceof Set ? fresh : new Set<unknown>();
        memo.set(node, target);
        const values = [...node].map((value) => restore(undefined, value, `${path}.values()`));
        target.clear();
        for (const value of values) target.add(value);
        return target;
      }
      const tagged = node as Tagged;
      switch (tagged[TAG]) {
        case 'i': {
          const dependency = injected[tagged.n];
          if (dependency === undefined) throw checkpointError(`${path} refers to injected ${tagged.n}, which this process does not provide`);
          memo.set(node, dependency);
          return dependency;
        }
        case 'f': {
          const fn = statelessByName(tagged.n);
          if (fn === undefined) throw checkpointError(`${path} refers to stateless function ${tagged.n}, unknown in this version`);
          memo.set(node, fn);
          return fn;
        }
        case 'a': {
          const column = columns.get(tagged.t);
          if (column === undefined || tagged.o + tagged.n > column.length) throw checkpointError(`${path}: array outside column ${tagged.t}`);
          const copy = new ARRAY_TYPES[tagged.t](tagged.n);
          (copy as Uint8Array).set(column.subarray(tagged.o, tagged.o + tagged.n) as Uint8Array);
          memo.set(node, copy);
          return copy;
        }
        case 'o': {
          const target = typeof fresh === 'object' && fresh !== null && isPlain(fresh) ? fresh as Record<string, unknown> : {};
          if (target === fresh) checkLayout(path, 'object', Object.keys(target), Object.keys(tagged.v));
          memo.set(node, target);
          for (const [key, value] of Object.entries(tagged.v)) target[key] = restore(target[key], value, `${path}.${key}`);
          return target;
        }
        case 'c': {
          const spec = this.byName.get(tagged.n);
          if (spec === undefined) throw checkpointError(`${path} is an instance of class ${tagged.n}, unknown in this version`);
          const skip = spec.skip ?? [];
          let target: Record<string, unknown>;
          if (typeof fresh === 'object' && fresh !== null && Object.getPrototypeOf(fresh)?.constructor === spec.ctor) {
            target = fresh as Record<string, unknown>;
            checkLayout(path, `class ${spec.name}`, Object.keys(target).filter((key) => !skip.includes(key)), Object.keys(tagged.v));
          } else if (skip.length > 0) {
            throw checkpointError(`${path}: class ${spec.name} has injected fields (${skip.join(', ')}) but the fresh state has no instance here to take them from`);
          } else {
            target = Object.create(spec.ctor.prototype) as Record<string, unknown>;
          }
          memo.set(node, target);
          for (const [key, value] of Object.entries(tagged.v)) target[key] = restore(target[key], value, `${path}.${key}`);
          return target;
        }
        default:
          throw checkpointError(`${path}: unrecognised node in the state graph`);
      }
    };

    for (const name of savedRoots) {
      const root = roots[name]!;
      if (restore(root, graph[name], name) !== root) throw checkpointError(`root ${name} could not be restored in place (its type changed)`);
    }
  }
}

function checkLayout(path: string, what: string, freshKeys: string[], savedKeys: string[]): void {
  const fresh = new Set(freshKeys);
  const saved = new Set(savedKeys);
  const missing = freshKeys.filter((key) => !saved.has(key));
  const extra = savedKeys.filter((key) => !fresh.has(key));
  if (missing.length > 0 || extra.length > 0) {
    throw checkpointError(`${path} (${what}) has another layout than the checkpoint: `
      + `${missing.length > 0 ? `not saved: ${missing.join(', ')}` : ''}${missing.length > 0 && extra.length > 0 ? '; ' : ''}`
      + `${extra.length > 0 ? `unknown saved fields: ${extra.join(', ')}` : ''}`);
  }
}
