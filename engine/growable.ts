/** Growth helpers for struct-of-arrays state: typed arrays doubled in place of per-record objects. */
type NumericArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export function grow<T extends NumericArray>(array: T, minLength: number, fill = 0): T {
  if (array.length >= minLength) return array;
  let length = Math.max(16, array.length);
  while (length < minLength) length *= 2;
  const Ctor = array.constructor as new (n: number) => T;
  const next = new Ctor(length);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

/** A copy of `array` with exactly `length` elements (truncated or zero-extended): for arrays sized by a policy of their own. */
export function resized<T extends NumericArray>(array: T, length: number): T {
  if (array.length === length) return array;
  const Ctor = array.constructor as new (n: number) => T;
  const next = new Ctor(length);
  next.set(array.length <= length ? array : array.subarray(0, length) as T);
  return next;
}

/**
 * Like grow, but by an eighth (at least `step` elements) instead of doubling: for arrays indexed by
 * ids that arrive one at a time, where doubling leaves up to half the array idle.
 */
export function growGently<T extends NumericArray>(array: T, minLength: number, step = 1024): T {
  if (array.length >= minLength) return array;
  return resized(array, Math.max(minLength, array.length + Math.max(step, Math.ceil(array.length / 8))));
}
