import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, OBJECT_FIELDS_READ, parseJsonExact, parseJsonObjectInto } from '../../src/json/json-value-parser.js';

/** Decimals as `dec:text` so results compare as plain data. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    if ('unscaled' in value && 'scale' in value) return `dec:${String(value)}`;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: plain((value as Record<string, unknown>)[key]), enumerable: true });
    return out;
  }
  return value;
}

describe('parseJsonExact objects and numbers (digit path)', () => {
  it('parses objects with exact decimals, integers beyond 2^53, nesting and escapes (the hand-written path)', () => {
    const value = parseJsonExact('{"id": 9007199254740993, "price": 12.50, "e": -1.5e-3, "s": "a\\"b\\u00e9", "n": [1, {"x": null}], "ok": true}');
    expect(plain(value)).toEqual({ id: 9007199254740993n, price: 'dec:12.50', e: 'dec:-0.0015', s: 'a"bé', n: [1, { x: null }], ok: true });
  });

  it('reads numbers from their digits exactly as from their text: scale kept, -0, 15/16 digits, exponents', () => {
    const texts = ['0', '-0', '7', '-42', '123456789012345', '1234567890123456', '9007199254740993', '-9223372036854775808', '0.0', '-0.0', '12.50',
      '-12.3', '0.001', '99999999999999.9', '9999999999999.99', '999999999999999.9', '1.5e3', '-2E-2', '10.0e0'];
    for (const text of texts) {
      const fast = parseJsonExact(`{"v": ${text}, "pad": "x.y"}`) as Record<string, unknown>;
      const v = fast['v'];
      const shown = typeof v === 'object' && v !== null ? `dec:${(v as { unscaled: unknown }).unscaled}@${(v as { scale: number }).scale}` : Object.is(v, -0) ? '-0' : `${typeof v}:${String(v)}`;
      const expected: Record<string, string> = {
        '0': 'number:0', '-0': '-0', '7': 'number:7', '-42': 'number:-42', '123456789012345': 'number:123456789012345',
        '1234567890123456': 'number:1234567890123456', '9007199254740993': 'bigint:9007199254740993', '-9223372036854775808': 'bigint:-9223372036854775808',
        '0.0': 'dec:0@1', '-0.0': 'dec:0@1', '12.50': 'dec:1250@2', '-12.3': 'dec:-123@1', '0.001': 'dec:1@3',
        '99999999999999.9': 'dec:999999999999999@1', '9999999999999.99': 'dec:999999999999999@2', '999999999999999.9': 'dec:9999999999999999@1',
        '1.5e3': 'dec:1500@0', '-2E-2': 'dec:-2@2', '10.0e0': 'dec:100@1',
      };
      expect([text, shown]).toEqual([text, expected[text]]);
    }
  });

  it('keeps a "__proto__" key as an own data property, as JSON.parse does, and leaves the prototype alone', () => {
    const value = parseJsonExact('{"a": 1.5, "__proto__": {"polluted": 1}, "b": 2}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['a', '__proto__', 'b']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(plain(value['__proto__'])).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('gives a later duplicate key the last value, like JSON.parse', () => {
    expect(plain(parseJsonExact('{"k": 1.5, "k": 2.5}'))).toEqual({ k: 'dec:2.5' });
  });

  it('reports the offset of a syntax error', () => {
    expect(() => parseJsonExact('{"a": 1.5,, "b": 2}')).toThrow(JsonSyntaxError);
    let offset = -1;
    try {
      parseJsonExact('{"a": 1.5 "b": 2}');
    } catch (error) {
      offset = (error as JsonSyntaxError).offset;
    }
    expect(offset).toBe(10);
  });
});

describe('parseJsonObjectInto with the expected keys', () => {
  const columns = new Map([
    ['id', 0],
    ['name', 1],
    ['a"b', 2],
  ]);
  const expectedKeys = ['"id"', '"name"', '"a\\"b"'];

  it('fills the same values as without them, whatever the members order, spelling or repeats', () => {
    const texts = [
      '{"id":1,"name":"x","a\\"b":2.5}',
      '{"name":"x","id":1}',
      '{ "id" : 1 , "name" : "y" }',
      '{"\\u0069d":3,"idx":4,"name":null}',
      '{"id":1,"id":2,"ids":3}',
      '{}',
      '[1]',
    ];
    for (const text of texts) {
      const withKeys: unknown[] = [];
      const without: unknown[] = [];
      const a = parseJsonObjectInto(text, columns, withKeys as never, expectedKeys);
      const b = parseJsonObjectInto(text, columns, without as never);
      expect(plain(withKeys), text).toEqual(plain(without));
      expect(a === OBJECT_FIELDS_READ, text).toBe(b === OBJECT_FIELDS_READ);
    }
  });

  it('fails at the same offset as without them', () => {
    for (const text of ['{"id" 1}', '{"id":}', '{"id":1,"name":"x",}', '{"id":1}x']) {
      const offset = (keys?: readonly string[]) => {
        try {
          parseJsonObjectInto(text, columns, [], keys);
          return -1;
        } catch (error) {
          return (error as JsonSyntaxError).offset;
        }
      };
      expect(offset(expectedKeys), text).toBe(offset());
      expect(offset(), text).toBeGreaterThanOrEqual(0);
    }
  });
});
