import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '@velots/decimal';
import { JsonSyntaxError, parseJsonExact } from '../../src/index.js';

/** What a JSON number text must decode to: integers as numbers (bigints beyond 2^53), fractions exactly. */
function expected(text: string): unknown {
  if (/[.eE]/.test(text)) return Decimal.parse(text);
  const big = BigInt(text);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big;
}

const numberText = fc
  .tuple(
    fc.boolean(),
    fc.stringMatching(/^(0|[1-9][0-9]{0,24})$/),
    fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: undefined }),
    fc.option(fc.stringMatching(/^[eE][+-]?[0-9]$/), { nil: undefined }),
  )
  .map(([negative, whole, fraction, exponent]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}${exponent ?? ''}`);

describe('parseJsonExact', () => {
  it('reads every number exactly, the same as Decimal.parse and BigInt would', () => {
    fc.assert(
      fc.property(numberText, (text) => {
        // The number inside an array, followed by another value: it must end exactly where its text ends.
        const [value, marker] = parseJsonExact(`[${text}, 0.5]`) as [unknown, Decimal];
        const want = expected(text);
        if (want instanceof Decimal) {
          expect(value).toBeInstanceOf(Decimal);
          expect((value as Decimal).toString()).toBe(want.toString());
          expect((value as Decimal).scale).toBe(want.scale);
        } else {
          // === rather than toBe: "-0" reads as -0, as JSON.parse reads it; SQL sees 0 either way.
          expect(typeof value).toBe(typeof want);
          expect(value === want).toBe(true);
        }
        expect(marker.toString()).toBe('0.5');
      }),
      { numRuns: 500 },
    );
  });

  it('reads strings with and without escapes, and control characters only escaped', () => {
    expect(parseJsonExact('{"a":"plain","b":"q\\"uote \\\\ \\u00e9\\n","c":""}')).toEqual({ a: 'plain', b: 'q"uote \\ é\n', c: '' });
    expect(() => parseJsonExact('{"a":"x\ty"}')).toThrowError(expect.objectContaining({ message: 'control character in a string', offset: 7 }));
    expect(() => parseJsonExact('{"a":"open')).toThrowError(expect.objectContaining({ message: 'unterminated string', offset: 10 }));
  });

  it('keeps a "__proto__" key as data and reports the offset of a syntax error', () => {
    const parsed = parseJsonExact('{"__proto__": 1.5, "a": -0.10}') as Record<string, Decimal>;
    expect(Object.keys(parsed)).toEqual(['__proto__', 'a']);
    expect(String(parsed['a'])).toBe('-0.10');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(() => parseJsonExact('{"a": 01.5}')).toThrowError(new JsonSyntaxError('invalid number', 6));
    expect(() => parseJsonExact('{"a": 1.}')).toThrowError(JsonSyntaxError);
  });
});
