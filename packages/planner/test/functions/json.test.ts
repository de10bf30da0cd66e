import { describe, it, expect } from 'vitest';
import { Decimal } from '@velots/decimal';
import { arrayType, SqlTypes } from '@velots/core';
import { call, errorOf, ts, typed } from './call.js';

const doc = '{"a":{"b":"x","n":12.5,"t":true,"z":null},"items":[{"id":1},{"id":2}],"odd key":[10,20]}';

describe('JSON_VALUE / JSON_EXTRACT', () => {
  it('returns scalars as text and composites as JSON text', () => {
    expect(call('JSON_VALUE', doc, '$.a.b')).toBe('x');
    expect(call('JSON_VALUE', doc, '$.a.n')).toBe('12.5');
    expect(call('JSON_VALUE', doc, '$.a.t')).toBe('true');
    expect(call('JSON_VALUE', doc, '$.items.1.id')).toBe('2');
    expect(call('JSON_EXTRACT', doc, '$.items[0].id')).toBe('1');
    expect(call('JSON_VALUE', doc, "$['odd key'][1]")).toBe('20');
    expect(call('JSON_VALUE', doc, '$.items[0]')).toBe('{"id":1}');
  });

  it('gives NULL for a missing path, JSON null, invalid JSON or NULL', () => {
    expect(call('JSON_VALUE', doc, '$.a.missing')).toBeNull();
    expect(call('JSON_VALUE', doc, '$.a.z')).toBeNull();
    expect(call('JSON_VALUE', doc, '$.items.9')).toBeNull();
    expect(call('JSON_VALUE', '{oops', '$.a')).toBeNull();
    expect(call('JSON_VALUE', null, '$.a')).toBeNull();
  });

  it('rejects a malformed path', () => {
    expect(errorOf('JSON_VALUE', doc, 'a.b')?.message).toBe("JSON_VALUE: JSON path 'a.b' must start with '$'");
  });
});

describe('JSON_QUERY and JSON_EXISTS', () => {
  it('JSON_QUERY returns only objects and arrays', () => {
    expect(call('JSON_QUERY', doc, '$.items')).toBe('[{"id":1},{"id":2}]');
    expect(call('JSON_QUERY', doc, '$')).toBe(JSON.stringify(JSON.parse(doc)));
    expect(call('JSON_QUERY', doc, '$.a.b')).toBeNull();
    expect(call('JSON_QUERY', 'nope', '$')).toBeNull();
  });

  it('JSON_EXISTS is false for invalid JSON', () => {
    expect(call('JSON_EXISTS', doc, '$.a.z')).toBe(true);
    expect(call('JSON_EXISTS', doc, '$.a.q')).toBe(false);
    expect(call('JSON_EXISTS', '{', '$')).toBe(false);
    expect(call('JSON_EXISTS', null, '$')).toBeNull();
  });
});

describe('JSON_OBJECT and JSON_ARRAY', () => {
  it('build JSON text with exact numbers, ISO timestamps and nulls', () => {
    expect(call('JSON_OBJECT', 'a', 1, 'b', null, 'c', Decimal.parse('1.50'), 'at', ts(0))).toBe(
      '{"a":1,"b":null,"c":1.50,"at":"1970-01-01T00:00:00"}',
    );
    expect(call('JSON_OBJECT')).toBe('{}');
    expect(call('JSON_ARRAY', 1, 'x', null, true, typed([1, 2], arrayType(SqlTypes.BIGINT)))).toBe('[1,"x",null,true,[1,2]]');
    expect(errorOf('JSON_OBJECT', 'a')?.code).toBe('TYPE_MISMATCH');
    expect(errorOf('JSON_OBJECT', null, 1)?.message).toBe('JSON_OBJECT: key 1 is NULL');
  });
});
