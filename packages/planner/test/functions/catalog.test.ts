import { describe, it, expect } from 'vitest';
import { SqlTypes, type SqlType } from '@velots/core';
import { defaultFunctionCatalog, createFunctionCatalog, allScalarFunctions } from '../../src/functions/catalog.js';

/** Every scalar function of sql-dialect.md §9, with the V ones and the EXTRACT shorthands. */
const DIALECT_FUNCTIONS = `ABS ROUND CEIL CEILING FLOOR SQRT POWER POW MOD LEAST GREATEST EXP LN LOG10 LOG SIGN PI RAND
  UPPER LOWER TRIM LTRIM RTRIM SUBSTRING SUBSTR LEFT RIGHT LENGTH LEN REPLACE POSITION CONCAT CONCAT_WS JOIN SPLIT
  SPLIT_PART REVERSE LPAD RPAD INITCAP REPEAT STARTS_WITH ENDS_WITH REGEXP REGEXP_REPLACE REGEXP_EXTRACT
  NOW CURRENT_TIMESTAMP TIMESTAMP EXTRACT YEAR QUARTER MONTH WEEK DAY HOUR MINUTE SECOND MILLISECOND MICROSECOND
  NANOSECOND EPOCH DOW DOY DATE_FORMAT DATEDIFF DATE_DIFF FROM_UNIXTIME UNIX_TIMESTAMP TUMBLE_START TUMBLE_END
  DATE_TRUNC DATE_ADD DATE_SUB DATE TIME TO_DATE TO_TIMESTAMP CURRENT_DATE CURRENT_TIME
  COALESCE NULLIF IF IFNULL NVL JSON_VALUE JSON_EXTRACT JSON_QUERY JSON_EXISTS JSON_OBJECT JSON_ARRAY
  ARRAY MAP STRUCT ARRAY_LENGTH ARRAY_CONTAINS MAP_KEYS MAP_VALUES ARRAY_DISTINCT CARDINALITY ARRAY_EXTRACT STRUCT_EXTRACT
  HEADER HAS_HEADER HEADER_KEYS SET_HEADER REMOVE_HEADER MD5 SHA1 SHA256 HASH UUID`.split(/\s+/);

describe('defaultFunctionCatalog', () => {
  it('knows every scalar function of the dialect, in any case', () => {
    const missing = DIALECT_FUNCTIONS.filter((n) => defaultFunctionCatalog.lookup(n.toLowerCase()) === undefined);
    expect(missing).toEqual([]);
    expect(defaultFunctionCatalog.lookup('Ceiling')?.name).toBe('CEIL');
    expect(defaultFunctionCatalog.lookup('nope')).toBeUndefined();
  });

  it('lists canonical names sorted', () => {
    const names = defaultFunctionCatalog.names();
    expect([...names]).toEqual([...names].sort());
    expect(names).toContain('SUBSTRING');
    expect(names).not.toContain('SUBSTR');
  });

  it('suggests close names for typos', () => {
    expect(defaultFunctionCatalog.suggest('UPPR')).toContain('UPPER');
    expect(defaultFunctionCatalog.suggest('substrin')[0]).toBe('SUBSTRING');
    expect(defaultFunctionCatalog.suggest('zzzzzzzzzz')).toEqual([]);
    expect(defaultFunctionCatalog.suggest('COALESC').length).toBeLessThanOrEqual(3);
  });

  it('declares each function with a description and a working resolve', () => {
    for (const fn of allScalarFunctions) {
      expect(fn.description.startsWith(fn.name), fn.name).toBe(true);
      expect(fn.minArgs <= fn.maxArgs, fn.name).toBe(true);
      // STRUCT and STRUCT_EXTRACT resolve with their constant names (resolveWithConstants).
      if (fn.name === 'STRUCT' || fn.name === 'STRUCT_EXTRACT') continue;
      const args: SqlType[] = Array.from({ length: fn.minArgs }, () => SqlTypes.NULL);
      expect(() => fn.resolve(args), fn.name).not.toThrow();
    }
  });

  it('refuses a name declared twice', () => {
    const [first] = allScalarFunctions;
    expect(() => createFunctionCatalog([first!, first!])).toThrow(/declared twice/);
  });
});
