import { describe, expect, it } from 'vitest';
import { ColumnTag, Schema, SqlTypes, decimalType, type Row } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { ColumnBatchBuilder, rowsOfColumns, valueAt } from '../../src/columnar/column-batch-builder.js';

describe('ColumnBatchBuilder', () => {
  const schema = Schema.of(['name', SqlTypes.STRING], ['price', decimalType(10, 2)], ['qty', SqlTypes.BIGINT], ['ok', SqlTypes.BOOLEAN]);
  const types = schema.fields.map((f) => f.type);
  const rows: Row[] = [
    ['a', Decimal.fromUnscaled(150, 2), 3, true],
    [null, null, null, null],
    ['', Decimal.fromUnscaled(-5, 1), -0, false], // another scale than the column's
    ['b', Decimal.fromUnscaled(10n ** 20n, 2), 2n ** 60n, true], // past 2^53
  ];

  it('tags numbers at the column scale, NULLs and every other form, and gives the rows back exactly', () => {
    const builder = new ColumnBatchBuilder(types, 8);
    for (const row of rows) builder.appendRow(row);
    const columns = builder.finish();
    expect(columns.length).toBe(4);
    const price = columns.vectors[1]!;
    const qty = columns.vectors[2]!;
    if (price.kind !== 'scaled' || qty.kind !== 'scaled') throw new Error('numbers should be scaled columns');
    expect([...price.tags.subarray(0, 4)]).toEqual([ColumnTag.SCALED, ColumnTag.NULL, ColumnTag.OTHER, ColumnTag.OTHER]);
    expect(price.unscaled[0]).toBe(150);
    expect([...qty.tags.subarray(0, 4)]).toEqual([ColumnTag.SCALED, ColumnTag.NULL, ColumnTag.SCALED, ColumnTag.OTHER]);
    expect(Object.is(qty.unscaled[2], -0)).toBe(true);
    const name = columns.vectors[0]!;
    expect(name.kind === 'values' ? [...name.ids!.subarray(0, 4)] : []).toEqual([-1, -1, -1, -1]);
    const back = rowsOfColumns(schema, columns);
    expect(back.map((r) => r.map((v) => (v instanceof Decimal ? v.toString() : v)))).toEqual([
      ['a', '1.50', 3, true],
      [null, null, null, null],
      ['', '-0.5', -0, false],
      ['b', '1000000000000000000.00', 2n ** 60n, true],
    ]);
    expect(valueAt(price, 2, types[1]!)).toBe(rows[2]![1]);
  });
});
