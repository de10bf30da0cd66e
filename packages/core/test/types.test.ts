import { describe, expect, it } from 'vitest';
import { thrown } from './thrown.js';
import {
  MAX_DECIMAL_PRECISION,
  SqlTypes,
  arrayType,
  decimalType,
  field,
  formatSqlType,
  isIntegralType,
  isNumericType,
  isTemporalType,
  mapType,
  simpleTypeByName,
  sqlTypeEquals,
  stringType,
  structType,
  type SqlType,
} from '@velots/core';


describe('SqlTypes', () => {
  it('holds one frozen instance per parameterless type', () => {
    expect(Object.keys(SqlTypes)).toEqual([
      'NULL',
      'BOOLEAN',
      'INTEGER',
      'BIGINT',
      'DOUBLE',
      'STRING',
      'BYTES',
      'DATE',
      'TIMESTAMP',
      'INTERVAL',
    ]);
    for (const [name, type] of Object.entries(SqlTypes)) {
      expect(type.kind).toBe(name);
      expect(Object.isFrozen(type)).toBe(true);
    }
  });
});

describe('decimalType', () => {
  it('builds a frozen DECIMAL(p,s)', () => {
    const type = decimalType(10, 2);
    expect(type).toEqual({ kind: 'DECIMAL', precision: 10, scale: 2 });
    expect(Object.isFrozen(type)).toBe(true);
  });

  it('accepts the bounds 1..38 for precision and 0..precision for scale', () => {
    expect(MAX_DECIMAL_PRECISION).toBe(38);
    expect(decimalType(1, 0)).toEqual({ kind: 'DECIMAL', precision: 1, scale: 0 });
    expect(decimalType(38, 38)).toEqual({ kind: 'DECIMAL', precision: 38, scale: 38 });
    expect(decimalType(38, 0)).toEqual({ kind: 'DECIMAL', precision: 38, scale: 0 });
  });

  it.each([
    [0, 0, 'DECIMAL precision must be 1..38, got 0'],
    [39, 2, 'DECIMAL precision must be 1..38, got 39'],
    [10.5, 2, 'DECIMAL precision must be 1..38, got 10.5'],
    [Number.NaN, 2, 'DECIMAL precision must be 1..38, got NaN'],
    [10, -1, 'DECIMAL scale must be 0..10, got -1'],
    [10, 11, 'DECIMAL scale must be 0..10, got 11'],
    [10, 1.5, 'DECIMAL scale must be 0..10, got 1.5'],
  ])('rejects DECIMAL(%s,%s) with INVALID_ARGUMENT', (precision, scale, message) => {
    const error = thrown(() => decimalType(precision, scale));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe(message);
  });
});

describe('stringType', () => {
  it('is the shared STRING without a length and VARCHAR(n) with one', () => {
    expect(stringType()).toBe(SqlTypes.STRING);
    expect(stringType(20)).toEqual({ kind: 'STRING', maxLength: 20 });
    expect(Object.isFrozen(stringType(20))).toBe(true);
  });

  it.each([0, -3, 2.5, Number.NaN])('rejects VARCHAR(%s) with INVALID_ARGUMENT', (length) => {
    const error = thrown(() => stringType(length));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe(`VARCHAR length must be a positive integer, got ${length}`);
  });
});

describe('composite type constructors', () => {
  it('arrayType, mapType and structType build frozen types', () => {
    const array = arrayType(SqlTypes.BIGINT);
    const map = mapType(SqlTypes.STRING, decimalType(12, 2));
    const struct = structType([field('id', SqlTypes.BIGINT, false), field('tags', array)]);
    expect(array).toEqual({ kind: 'ARRAY', element: { kind: 'BIGINT' } });
    expect(map).toEqual({ kind: 'MAP', key: { kind: 'STRING' }, value: { kind: 'DECIMAL', precision: 12, scale: 2 } });
    expect(struct).toEqual({
      kind: 'STRUCT',
      fields: [
        { name: 'id', type: { kind: 'BIGINT' }, nullable: false },
        { name: 'tags', type: { kind: 'ARRAY', element: { kind: 'BIGINT' } }, nullable: true },
      ],
    });
    for (const type of [array, map, struct, struct.fields, struct.fields[0]]) expect(Object.isFrozen(type)).toBe(true);
  });

  it('structType copies its field list, so later changes to the caller array do not leak in', () => {
    const fields = [field('a', SqlTypes.BOOLEAN)];
    const struct = structType(fields);
    fields.push(field('b', SqlTypes.DATE));
    expect(struct.fields.map((f) => f.name)).toEqual(['a']);
  });

  it('structType rejects two fields with one name', () => {
    const error = thrown(() => structType([field('a', SqlTypes.BIGINT), field('a', SqlTypes.STRING)]));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe("STRUCT has two fields named 'a'");
  });

  it('field is nullable unless told otherwise', () => {
    expect(field('x', SqlTypes.DOUBLE)).toEqual({ name: 'x', type: { kind: 'DOUBLE' }, nullable: true });
    expect(field('x', SqlTypes.DOUBLE, false).nullable).toBe(false);
  });
});

describe('formatSqlType', () => {
  it.each<[SqlType, string]>([
    [SqlTypes.NULL, 'NULL'],
    [SqlTypes.BOOLEAN, 'BOOLEAN'],
    [SqlTypes.INTEGER, 'INTEGER'],
    [SqlTypes.BIGINT, 'BIGINT'],
    [SqlTypes.DOUBLE, 'DOUBLE'],
    [decimalType(10, 2), 'DECIMAL(10,2)'],
    [SqlTypes.STRING, 'STRING'],
    [stringType(64), 'VARCHAR(64)'],
    [SqlTypes.BYTES, 'BYTES'],
    [SqlTypes.DATE, 'DATE'],
    [SqlTypes.TIMESTAMP, 'TIMESTAMP'],
    [SqlTypes.INTERVAL, 'INTERVAL'],
    [arrayType(SqlTypes.BIGINT), 'ARRAY(BIGINT)'],
    [mapType(SqlTypes.STRING, arrayType(decimalType(5, 1))), 'MAP(STRING, ARRAY(DECIMAL(5,1)))'],
    [
      structType([field('a', SqlTypes.BIGINT), field('b', structType([field('c', SqlTypes.DATE)]))]),
      'STRUCT(a BIGINT, b STRUCT(c DATE))',
    ],
    [structType([]), 'STRUCT()'],
  ])('formats %o as %s', (type, text) => {
    expect(formatSqlType(type)).toBe(text);
  });
});

describe('sqlTypeEquals', () => {
  it('compares parameterless types by kind', () => {
    expect(sqlTypeEquals(SqlTypes.BIGINT, { kind: 'BIGINT' })).toBe(true);
    expect(sqlTypeEquals(SqlTypes.BIGINT, SqlTypes.INTEGER)).toBe(false);
    expect(sqlTypeEquals(SqlTypes.DATE, SqlTypes.TIMESTAMP)).toBe(false);
  });

  it('compares DECIMAL precision and scale', () => {
    expect(sqlTypeEquals(decimalType(10, 2), decimalType(10, 2))).toBe(true);
    expect(sqlTypeEquals(decimalType(10, 2), decimalType(10, 3))).toBe(false);
    expect(sqlTypeEquals(decimalType(10, 2), decimalType(11, 2))).toBe(false);
  });

  it('treats VARCHAR(n) as STRING: the length is not part of the value domain', () => {
    expect(sqlTypeEquals(stringType(10), SqlTypes.STRING)).toBe(true);
    expect(sqlTypeEquals(stringType(10), stringType(20))).toBe(true);
  });

  it('compares ARRAY and MAP element types deeply', () => {
    expect(sqlTypeEquals(arrayType(decimalType(5, 1)), arrayType(decimalType(5, 1)))).toBe(true);
    expect(sqlTypeEquals(arrayType(SqlTypes.BIGINT), arrayType(SqlTypes.DOUBLE))).toBe(false);
    expect(sqlTypeEquals(mapType(SqlTypes.STRING, SqlTypes.BIGINT), mapType(SqlTypes.STRING, SqlTypes.BIGINT))).toBe(
      true,
    );
    expect(sqlTypeEquals(mapType(SqlTypes.STRING, SqlTypes.BIGINT), mapType(SqlTypes.BYTES, SqlTypes.BIGINT))).toBe(
      false,
    );
    expect(sqlTypeEquals(mapType(SqlTypes.STRING, SqlTypes.BIGINT), mapType(SqlTypes.STRING, SqlTypes.DOUBLE))).toBe(
      false,
    );
  });

  it('compares STRUCT field names, order and types, not nullability', () => {
    const ab = structType([field('a', SqlTypes.BIGINT), field('b', SqlTypes.STRING)]);
    expect(sqlTypeEquals(ab, structType([field('a', SqlTypes.BIGINT, false), field('b', SqlTypes.STRING)]))).toBe(true);
    expect(sqlTypeEquals(ab, structType([field('b', SqlTypes.STRING), field('a', SqlTypes.BIGINT)]))).toBe(false);
    expect(sqlTypeEquals(ab, structType([field('a', SqlTypes.BIGINT), field('c', SqlTypes.STRING)]))).toBe(false);
    expect(sqlTypeEquals(ab, structType([field('a', SqlTypes.BIGINT), field('b', SqlTypes.BYTES)]))).toBe(false);
    expect(sqlTypeEquals(ab, structType([field('a', SqlTypes.BIGINT)]))).toBe(false);
  });
});

describe('type predicates', () => {
  const all: SqlType[] = [
    ...Object.values(SqlTypes),
    decimalType(4, 2),
    arrayType(SqlTypes.BIGINT),
    mapType(SqlTypes.STRING, SqlTypes.STRING),
    structType([]),
  ];
  const kindsWhere = (predicate: (type: SqlType) => boolean) => all.filter(predicate).map((t) => t.kind);

  it('isNumericType holds for INTEGER, BIGINT, DOUBLE and DECIMAL', () => {
    expect(kindsWhere(isNumericType)).toEqual(['INTEGER', 'BIGINT', 'DOUBLE', 'DECIMAL']);
  });

  it('isIntegralType holds for INTEGER and BIGINT', () => {
    expect(kindsWhere(isIntegralType)).toEqual(['INTEGER', 'BIGINT']);
  });

  it('isTemporalType holds for DATE, TIMESTAMP and INTERVAL', () => {
    expect(kindsWhere(isTemporalType)).toEqual(['DATE', 'TIMESTAMP', 'INTERVAL']);
  });
});

describe('simpleTypeByName', () => {
  it.each([
    ['BOOLEAN', SqlTypes.BOOLEAN],
    ['bool', SqlTypes.BOOLEAN],
    ['BIGINT', SqlTypes.BIGINT],
    ['integer', SqlTypes.BIGINT],
    ['Int', SqlTypes.BIGINT],
    ['SMALLINT', SqlTypes.BIGINT],
    ['TINYINT', SqlTypes.BIGINT],
    ['DOUBLE', SqlTypes.DOUBLE],
    ['float', SqlTypes.DOUBLE],
    ['REAL', SqlTypes.DOUBLE],
    ['STRING', SqlTypes.STRING],
    ['varchar', SqlTypes.STRING],
    ['TEXT', SqlTypes.STRING],
    ['CHAR', SqlTypes.STRING],
    ['BYTES', SqlTypes.BYTES],
    ['binary', SqlTypes.BYTES],
    ['VARBINARY', SqlTypes.BYTES],
    ['DATE', SqlTypes.DATE],
    ['TIMESTAMP', SqlTypes.TIMESTAMP],
    ['datetime', SqlTypes.TIMESTAMP],
    ['INTERVAL', SqlTypes.INTERVAL],
  ])('resolves %s (any case, aliases of the dialect §8)', (name, type) => {
    expect(simpleTypeByName(name)).toBe(type);
  });

  it.each(['DECIMAL', 'NUMERIC', 'ARRAY', 'MAP', 'STRUCT', 'NULL', 'UUID', '', 'toString', 'constructor'])(
    'returns undefined for %j: parameterised, not a column type, or unknown',
    (name) => {
      expect(simpleTypeByName(name)).toBeUndefined();
    },
  );
});
