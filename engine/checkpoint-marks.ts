/**
 * Markers the checkpoint codec (engine/checkpoint-codec.ts) reads. Kept free of imports so
 * detectors and engine classes can use them without cycles.
 *
 * A function found in engine state is a closure the codec cannot save, so it refuses it,
 * unless the function is marked stateless here: a module-level factory (e.g. a fresh hourly
 * bucket) that holds nothing. It is then saved as its name and found again by name.
 */
const STATELESS = new Map<string, (...args: never[]) => unknown>();
const NAME_OF = new WeakMap<object, string>();

/** Marks a module-level function that holds no state; returns it unchanged. Names must be unique. */
export function markStateless<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  const existing = STATELESS.get(name);
  if (existing !== undefined && existing !== fn) throw new Error(`checkpoint: stateless function name ${name} used twice`);
  STATELESS.set(name, fn);
  NAME_OF.set(fn, name);
  return fn;
}

export function statelessName(fn: object): string | undefined {
  return NAME_OF.get(fn);
}

export function statelessByName(name: string): ((...args: never[]) => unknown) | undefined {
  return STATELESS.get(name);
}
