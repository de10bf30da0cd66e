import { Schema, SqlTypes, decimalType, field } from '@velots/core';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const load = (file: string) => loadConfigFile(file, { baseDir: fixtures, env: {} });

describe('loadConfigFile: schema.fields', () => {
  it('declares a schema with every field type, nullability, and the key: true field as key', () => {
    const config = load('tables/instruments_table.yaml');
    expect(config.schema).toEqual(
      new Schema([
        field('symbol', SqlTypes.STRING, false),
        field('isin', SqlTypes.STRING),
        field('tick_size', decimalType(10, 4)),
        field('lot_size', SqlTypes.BIGINT),
        field('ratio', SqlTypes.DOUBLE),
        field('restricted', SqlTypes.BOOLEAN),
        field('listed_at', SqlTypes.TIMESTAMP),
        field('effective_date', SqlTypes.DATE),
        field('opens', SqlTypes.STRING),
        field('payload', SqlTypes.BYTES),
      ]),
    );
    expect(config.schema?.toString()).toBe(
      '(symbol STRING NOT NULL, isin STRING, tick_size DECIMAL(10,4), lot_size BIGINT, ratio DOUBLE, restricted BOOLEAN, ' +
        'listed_at TIMESTAMP, effective_date DATE, opens STRING, payload BYTES)',
    );
    // key: true wins over table.primary_key.
    expect(config.keyFields).toEqual(['symbol']);
    expect(config.fieldFormats).toEqual({ listed_at: 'yyyy-MM-dd HH:mm:ss' });
  });

  it('reads type aliases and decimal defaults: DECIMAL(38,4) without precision, scale 0 with precision only', () => {
    const config = load('tables/positions_table.yaml');
    expect(config.schema?.toString()).toBe(
      '(trader_id STRING, symbol STRING, quantity BIGINT, price DECIMAL(38,4), notional DECIMAL(19,0))',
    );
  });

  it('takes the key from table.primary_key (a comma list) when no field says key: true', () => {
    expect(load('tables/positions_table.yaml').keyFields).toEqual(['trader_id', 'symbol']);
  });

  it('leaves the schema undefined when the YAML has no schema.fields, and keeps schema.fields out of the properties', () => {
    expect(load('kafka/price_alerts_sink.yaml').schema).toBeUndefined();
    const keys = Object.keys(load('tables/instruments_table.yaml').properties);
    expect(keys.filter((key) => key.startsWith('schema'))).toEqual([]);
  });
});
