import { describe, it, expect } from 'vitest';
import { SqlTypes } from '@velots/core';
import {
  allAggregateFunctions,
  createAggregateCatalog,
  defaultAggregateCatalog,
} from '../../src/aggregates/catalog.js';
import { defaultAggregateCatalog as exported } from '../../src/index.js';

/** Every aggregate name of the dialect, §9 Aggregates (aliases included). */
const DIALECT_NAMES = [
  'COUNT',
  'COUNT_DISTINCT',
  'APPROX_COUNT_DISTINCT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'STDDEV',
  'STDDEV_SAMP',
  'STDDEV_POP',
  'VARIANCE',
  'VAR_SAMP',
  'VAR_POP',
  'MEDIAN',
  'FIRST_VALUE',
  'FIRST',
  'LAST_VALUE',
  'LAST',
  'STRING_AGG',
  'GROUP_CONCAT',
  'LISTAGG',
  'COLLECT',
  'DELTA',
  'PERCENTILE_CONT',
  'PERCENTILE_DISC',
  'CORR',
  'COVAR_POP',
  'COVAR_SAMP',
  'REGR_SLOPE',
  'REGR_INTERCEPT',
  'REGR_R2',
];

describe('the aggregate catalog', () => {
  it('knows every aggregate of the dialect, in any case', () => {
    for (const name of DIALECT_NAMES) {
      expect(defaultAggregateCatalog.lookup(name), name).toBeDefined();
      expect(defaultAggregateCatalog.lookup(name.toLowerCase())).toBe(defaultAggregateCatalog.lookup(name));
    }
    expect(defaultAggregateCatalog.lookup('UPPER')).toBeUndefined();
  });

  it('maps aliases to their canonical aggregate', () => {
    const canonical = (name: string) => defaultAggregateCatalog.lookup(name)?.name;
    expect(canonical('stddev_samp')).toBe('STDDEV');
    expect(canonical('VAR_SAMP')).toBe('VARIANCE');
    expect(canonical('First')).toBe('FIRST_VALUE');
    expect(canonical('last')).toBe('LAST_VALUE');
    expect(canonical('GROUP_CONCAT')).toBe('STRING_AGG');
    expect(canonical('collect')).toBe('LISTAGG');
  });

  it('lists the canonical names sorted, each described from its own signature', () => {
    const names = defaultAggregateCatalog.names();
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(allAggregateFunctions.length);
    for (const fn of allAggregateFunctions) expect(fn.description.startsWith(`${fn.name}(`), fn.name).toBe(true);
  });

  it('is exported from the package entry', () => {
    expect(exported).toBe(defaultAggregateCatalog);
  });

  it('refuses a name declared twice', () => {
    const sum = defaultAggregateCatalog.lookup('SUM')!;
    expect(() => createAggregateCatalog([sum, sum])).toThrow('aggregate name SUM is declared twice');
  });

  it('checks the number of arguments with TYPE_MISMATCH', () => {
    const sum = defaultAggregateCatalog.lookup('SUM')!;
    expect(() => sum.resolve([], { distinct: false })).toThrow('SUM takes 1 argument, got 0');
    expect(() => sum.resolve([SqlTypes.BIGINT, SqlTypes.BIGINT], { distinct: false })).toThrow(
      expect.objectContaining({ code: 'TYPE_MISMATCH' }),
    );
  });
});
