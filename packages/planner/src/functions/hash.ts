import { createHash, randomUUID } from 'node:crypto';
import { SqlTypes, type SqlValue } from '@velots/core';
import { hashKey } from '../values/compare.js';
import { normalizeBigint } from '../values/integer.js';
import { defineFunction } from './define.js';
import type { ScalarFunction } from './function-def.js';

/** Hash functions via node:crypto, and UUID(). */

function digest(name: string, algorithm: string, aliases: readonly string[] = []): ScalarFunction {
  return defineFunction({
    name,
    aliases,
    category: 'hash',
    minArgs: 1,
    description: `${name}(s) → STRING: the ${algorithm.toUpperCase()} digest of s's UTF-8 bytes as lower-case hex`,
    args: ['string'],
    result: SqlTypes.STRING,
    impl: (_ctx, [s]) => createHash(algorithm).update(s as string, 'utf8').digest('hex'),
  });
}

/**
 * A stable 64-bit hash of a value: the first 8 bytes of the MD5 of its hash key, as a signed BIGINT.
 * Equal values hash alike across representations (HASH(1) = HASH(1.0)), and the result never changes between runs.
 */
function stableHash(v: SqlValue): number | bigint {
  const key = hashKey(v);
  const text = typeof key === 'string' ? key : `${typeof key}:${String(key)}`;
  const bytes = createHash('md5').update(text, 'utf8').digest();
  return normalizeBigint(bytes.readBigInt64BE(0));
}

/** Every hash function. */
export const hashFunctions: readonly ScalarFunction[] = [
  digest('MD5', 'md5'),
  digest('SHA1', 'sha1', ['SHA']),
  digest('SHA256', 'sha256', ['SHA2']),
  digest('SHA512', 'sha512'),
  defineFunction({
    name: 'HASH',
    aliases: ['HASH64'],
    category: 'hash',
    minArgs: 1,
    description: 'HASH(x) → BIGINT: a stable 64-bit hash of x (equal values, e.g. 1 and 1.0, hash alike)',
    args: ['any'],
    result: SqlTypes.BIGINT,
    impl: (_ctx, [x]) => stableHash(x ?? null),
  }),
  defineFunction({
    name: 'UUID',
    aliases: ['GEN_RANDOM_UUID'],
    category: 'system',
    minArgs: 0,
    deterministic: false,
    description: 'UUID() → STRING: a random version-4 UUID',
    result: SqlTypes.STRING,
    impl: () => randomUUID(),
  }),
];
