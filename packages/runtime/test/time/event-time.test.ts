import { describe, expect, it } from 'vitest';
import { Schema, SqlTypes } from '@velots/core';
import { createEventTimeExtractor } from '../../src/time/event-time.js';

const schema = Schema.of(['ms', SqlTypes.BIGINT], ['text', SqlTypes.STRING], ['ts', SqlTypes.TIMESTAMP]);

describe('event time extraction', () => {
  it('reads epoch millis, epoch seconds, ISO-8601 and strftime patterns', () => {
    expect(createEventTimeExtractor(schema, { field: 'ms' })([1500, null, null])).toBe(1500);
    expect(createEventTimeExtractor(schema, { field: 'ms', format: 'epoch_seconds' })([2, null, null])).toBe(2000);
    expect(createEventTimeExtractor(schema, { field: 'ms', format: 'epoch' })([2, null, null])).toBe(2000);
    expect(createEventTimeExtractor(schema, { field: 'text', format: 'iso8601' })([null, '2024-01-01T00:00:01.5Z', null])).toBe(1704067201500);
    expect(createEventTimeExtractor(schema, { field: 'text' })([null, '2024-01-01 00:00:01', null])).toBe(1704067201000);
    expect(createEventTimeExtractor(schema, { field: 'text', format: '%d/%m/%Y %H:%M:%S' })([null, '01/02/2024 10:00:00', null])).toBe(1706781600000);
    expect(createEventTimeExtractor(schema, { field: 'ts' })([null, null, 42])).toBe(42);
  });

  it('takes a TIMESTAMP or DATE column as it stands whatever text format event.time.format names', () => {
    expect(createEventTimeExtractor(schema, { field: 'ts', format: 'iso8601' })([null, null, 1704067201000])).toBe(1704067201000);
    expect(createEventTimeExtractor(schema, { field: 'ts', format: '%Y-%m-%d' })([null, null, 5])).toBe(5);
    const dated = Schema.of(['d', SqlTypes.DATE]);
    expect(createEventTimeExtractor(dated, { field: 'd', format: 'iso8601' })([2])).toBe(2 * 86_400_000);
  });

  it('rejects a missing or unparsable event time with CAST_FAILED naming the field', () => {
    const extract = createEventTimeExtractor(schema, { field: 'text', format: 'iso8601' });
    expect(() => extract([null, 'yesterday', null])).toThrow("event time field 'text' value 'yesterday' is not a valid iso8601");
    expect(() => extract([null, null, null])).toThrow("event time field 'text' is NULL");
    try {
      extract([null, null, null]);
    } catch (error) {
      expect((error as { code: string }).code).toBe('CAST_FAILED');
    }
  });

  it('refuses an unknown field or format with CONFIG', () => {
    expect(() => createEventTimeExtractor(schema, { field: 'nope' })).toThrow("event.time.field 'nope' is not a column (columns: ms, text, ts)");
    expect(() => createEventTimeExtractor(schema, { field: 'ms', format: 'fortnights' })).toThrow("event.time.format 'fortnights'");
  });
});
