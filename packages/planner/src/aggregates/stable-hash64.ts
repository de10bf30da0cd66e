import type { HashKey } from '../values/compare.js';

/**
 * A stable 64-bit hash of a value's hash key, as two 32-bit halves: MurmurHash3's 32-bit mixing run twice
 * over the key's UTF-16 code units with two seeds. Equal values (per `hashKey`: 1 = 1.0 = 1.00) hash alike,
 * and the hash never changes between runs or processes, so sketches built on different workers merge.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const SEED_HIGH = 0x9747b28c;
const SEED_LOW = 0x5bd1e995;

/** The text a hash key is hashed as: strings as they are, numbers and booleans with their type as prefix. */
export function hashKeyText(key: HashKey): string {
  return typeof key === 'string' ? key : `${typeof key}:${String(key)}`;
}

function murmur3(text: string, seed: number): number {
  let h = seed;
  const length = text.length;
  const pairs = length & ~1;
  for (let i = 0; i < pairs; i += 2) {
    let k = (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)) >>> 0;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (pairs < length) {
    let k = text.charCodeAt(pairs);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= length * 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Writes the 64-bit hash of `text` into `out` as [high 32 bits, low 32 bits] (a reused buffer: no allocation). */
export function stableHash64(text: string, out: Uint32Array): void {
  out[0] = murmur3(text, SEED_HIGH);
  out[1] = murmur3(text, SEED_LOW);
}
