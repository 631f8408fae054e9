/** 32-bit integer hashing for sketches (murmur3 fmix32 finaliser over a seeded key). */

export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Hash of a non-negative integer key below 2^53 with a seed. */
export function hashKey(key: number, seed: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 4_294_967_296) >>> 0;
  return mix32(mix32(low ^ seed) ^ Math.imul(high + 0x9e3779b9, 0x27d4eb2d));
}
