import { describe, expect, it } from 'vitest';
import { thrown } from './thrown.js';
import { Schema, SqlTypes, decimalType, field, stringType } from '@velots/core';

const payments = new Schema([
  field('account', SqlTypes.STRING, false),
  field('amount', decimalType(12, 2)),
  field('ts', SqlTypes.TIMESTAMP),
]);


describe('Schema', () => {
  it('keeps its fields in order, frozen, with their names and count', () => {
    expect(payments.length).toBe(3);
    expect(payments.names).toEqual(['account', 'amount', 'ts']);
    expect(Object.isFrozen(payments)).toBe(true);
    expect(Object.isFrozen(payments.fields)).toBe(true);
  });

  it('copies the field list it was given', () => {
    const fields = [field('a', SqlTypes.BIGINT)];
    const schema = new Schema(fields);
    fields.push(field('b', SqlTypes.BIGINT));
    expect(schema.names).toEqual(['a']);
  });

  it('Schema.of builds nullable fields from [name, type] pairs', () => {
    const schema = Schema.of(['id', SqlTypes.BIGINT], ['name', SqlTypes.STRING]);
    expect(schema.fields).toEqual([
      { name: 'id', type: { kind: 'BIGINT' }, nullable: true },
      { name: 'name', type: { kind: 'STRING' }, nullable: true },
    ]);
  });

  it('Schema.EMPTY has no fields', () => {
    expect(Schema.EMPTY.length).toBe(0);
    expect(Schema.EMPTY.toString()).toBe('()');
  });

  it('rejects two fields with one name', () => {
    const error = thrown(() => Schema.of(['a', SqlTypes.BIGINT], ['a', SqlTypes.STRING]));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe("Schema has two fields named 'a'");
  });

  it('indexOf finds a field by its exact name, -1 otherwise', () => {
    expect(payments.indexOf('account')).toBe(0);
    expect(payments.indexOf('ts')).toBe(2);
    expect(payments.indexOf('TS')).toBe(-1);
    expect(payments.indexOf('missing')).toBe(-1);
  });

  it('find returns the field or undefined', () => {
    expect(payments.find('amount')).toEqual({ name: 'amount', type: decimalType(12, 2), nullable: true });
    expect(payments.find('nope')).toBeUndefined();
  });

  it('get returns the field, or throws INVALID_ARGUMENT naming the known fields', () => {
    expect(payments.get('account').nullable).toBe(false);
    const error = thrown(() => payments.get('amt'));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe("schema has no field 'amt' (fields: account, amount, ts)");
  });

  it('at returns the field at an index, or throws INVALID_ARGUMENT when out of range', () => {
    expect(payments.at(1).name).toBe('amount');
    expect(thrown(() => payments.at(3)).message).toBe('schema has no field #3 (it has 3)');
    expect(thrown(() => payments.at(-1)).message).toBe('schema has no field #-1 (it has 3)');
  });

  it('project keeps the fields at the given indexes in that order, repeats included', () => {
    expect(payments.project([2, 0]).names).toEqual(['ts', 'account']);
    expect(payments.project([]).length).toBe(0);
    expect(thrown(() => payments.project([0, 0])).message).toBe("Schema has two fields named 'account'");
    expect(thrown(() => payments.project([5])).code).toBe('INVALID_ARGUMENT');
  });

  it('append returns a new schema and leaves the original alone', () => {
    const extended = payments.append(field('note', stringType(40)));
    expect(extended.names).toEqual(['account', 'amount', 'ts', 'note']);
    expect(payments.length).toBe(3);
    expect(thrown(() => payments.append(field('ts', SqlTypes.DATE))).message).toBe("Schema has two fields named 'ts'");
  });

  it('equals compares names, nullability and types in order', () => {
    const same = new Schema([
      field('account', stringType(10), false),
      field('amount', decimalType(12, 2)),
      field('ts', SqlTypes.TIMESTAMP),
    ]);
    expect(payments.equals(same)).toBe(true);
    expect(payments.equals(payments.project([0, 1]))).toBe(false);
    expect(payments.equals(payments.project([1, 0, 2]))).toBe(false);
    expect(payments.equals(new Schema([field('account', SqlTypes.STRING), ...payments.fields.slice(1)]))).toBe(false);
    expect(payments.equals(new Schema([...payments.fields.slice(0, 2), field('ts', SqlTypes.DATE)]))).toBe(false);
  });

  it('toString prints each field with its SQL type and NOT NULL', () => {
    expect(payments.toString()).toBe('(account STRING NOT NULL, amount DECIMAL(12,2), ts TIMESTAMP)');
  });
});
