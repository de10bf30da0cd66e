import { describe, it, expect } from 'vitest';
import { call, callIn, date, errorOf, interval, resultType, ts } from './call.js';
import { SqlTypes } from '@velots/core';
import { standaloneContext } from '../../src/functions/invoke.js';

const T = 1710498600123; // 2024-03-15T10:30:00.123Z, a Friday; also ctx.now in `call`
const DAY = 86_400_000;

describe('clock functions', () => {
  it('read the evaluation context', () => {
    expect(call('NOW')).toBe(T);
    expect(call('CURRENT_TIMESTAMP')).toBe(T);
    expect(call('TIMESTAMP')).toBe(1_700_000_000_000);
    expect(call('CURRENT_DATE')).toBe(19797);
    expect(call('CURRENT_TIME')).toBe('10:30:00.123');
    expect(call('UNIX_TIMESTAMP')).toBe(1710498600);
    expect(resultType('NOW').kind).toBe('BIGINT');
  });
});

describe('EXTRACT and its shorthands', () => {
  it('reads every part in UTC', () => {
    const parts: [string, number][] = [
      ['YEAR', 2024], ['QUARTER', 1], ['MONTH', 3], ['WEEK', 11], ['DAY', 15], ['DOY', 75], ['DOW', 5],
      ['HOUR', 10], ['MINUTE', 30], ['SECOND', 0], ['MILLISECOND', 123], ['MICROSECOND', 123000],
      ['NANOSECOND', 123000000], ['EPOCH', 1710498600],
    ];
    for (const [part, expected] of parts) {
      expect([part, call('EXTRACT', part, ts(T))]).toEqual([part, expected]);
      expect([part, call(part, ts(T))]).toEqual([part, expected]);
    }
  });

  it('takes TIMESTAMP, DATE, BIGINT ms and ISO text', () => {
    expect(call('YEAR', T)).toBe(2024);
    expect(call('DAY', date(19797))).toBe(15);
    expect(call('HOUR', '2024-03-15T22:00:00Z')).toBe(22);
    expect(call('extract', 'dow', ts(Date.UTC(2024, 2, 17)))).toBe(0);
    expect(call('WEEK', ts(Date.UTC(2021, 0, 3)))).toBe(53);
    expect(call('MILLISECOND', ts(-1))).toBe(999);
    expect(call('EXTRACT', 'YEAR', ts(null))).toBeNull();
  });

  it('rejects an unknown part', () => {
    expect(errorOf('EXTRACT', 'FORTNIGHT', ts(T))?.message).toBe("EXTRACT: unknown part 'FORTNIGHT'");
  });
});

describe('DATE_FORMAT', () => {
  it('writes strftime patterns in UTC', () => {
    expect(call('DATE_FORMAT', ts(T), '%Y-%m-%d %H:%M:%S')).toBe('2024-03-15 10:30:00');
    expect(call('DATE_FORMAT', T, '%a %b %e %j %.3f')).toBe('Fri Mar 15 075 .123');
    expect(call('DATE_FORMAT', date(0), '%F')).toBe('1970-01-01');
    expect(call('DATE_FORMAT', ts(null), '%Y')).toBeNull();
    expect(errorOf('DATE_FORMAT', ts(T), '%Q')?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('DATEDIFF', () => {
  const at = (iso: string) => ts(Date.parse(iso));

  it('counts b − a in fixed units, toward zero', () => {
    expect(call('DATEDIFF', 'days', at('2024-03-01T00:00:00Z'), at('2024-03-15T12:00:00Z'))).toBe(14);
    expect(call('DATEDIFF', 'day', at('2024-03-15T12:00:00Z'), at('2024-03-01T00:00:00Z'))).toBe(-14);
    expect(call('DATEDIFF', 'hours', at('2024-03-15T00:00:00Z'), at('2024-03-15T05:59:59Z'))).toBe(5);
    expect(call('DATEDIFF', 'minutes', 0, 150_000)).toBe(2);
    expect(call('DATEDIFF', 'seconds', 0, 2500)).toBe(2);
    expect(call('DATEDIFF', 'milliseconds', 100, 2500)).toBe(2400);
    expect(call('DATEDIFF', 'weeks', date(0), date(15))).toBe(2);
  });

  it('counts complete calendar months, quarters and years', () => {
    expect(call('DATEDIFF', 'months', at('2024-01-31T00:00:00Z'), at('2024-02-29T00:00:00Z'))).toBe(0);
    expect(call('DATEDIFF', 'months', at('2024-01-15T00:00:00Z'), at('2024-03-15T00:00:00Z'))).toBe(2);
    expect(call('DATEDIFF', 'month', at('2024-03-15T00:00:00Z'), at('2024-01-16T00:00:00Z'))).toBe(-1);
    expect(call('DATEDIFF', 'quarters', at('2024-01-01T00:00:00Z'), at('2024-12-31T00:00:00Z'))).toBe(3);
    expect(call('DATEDIFF', 'years', at('2020-02-29T00:00:00Z'), at('2024-02-28T00:00:00Z'))).toBe(3);
    expect(call('DATE_DIFF', 'year', at('2020-02-29T00:00:00Z'), at('2024-02-29T00:00:00Z'))).toBe(4);
  });

  it('gives NULL for NULL and rejects unknown units', () => {
    expect(call('DATEDIFF', 'days', ts(null), ts(0))).toBeNull();
    expect(errorOf('DATEDIFF', 'fortnights', ts(0), ts(0))?.message).toBe("DATEDIFF: unknown unit 'fortnights'");
  });
});

describe('conversions', () => {
  it('FROM_UNIXTIME and UNIX_TIMESTAMP convert seconds', () => {
    expect(call('FROM_UNIXTIME', 1710498600)).toBe(1710498600000);
    expect(call('FROM_UNIXTIME', 1.5)).toBe(1500);
    expect(call('UNIX_TIMESTAMP', ts(1999))).toBe(1);
    expect(call('UNIX_TIMESTAMP', ts(-1))).toBe(-1);
    expect(call('FROM_UNIXTIME', null)).toBeNull();
  });

  it('DATE and TIME split an instant', () => {
    expect(call('DATE', ts(T))).toBe(19797);
    expect(call('DATE', '03/15/2024')).toBe(19797);
    expect(call('DATE', T)).toBe(19797);
    expect(call('TIME', ts(T))).toBe('10:30:00.123');
    expect(call('TIME', ts(0))).toBe('00:00:00');
    expect(errorOf('DATE', 'not a date')?.code).toBe('CAST_FAILED');
  });

  it('TO_DATE and TO_TIMESTAMP parse ISO text or a strftime format', () => {
    expect(call('TO_TIMESTAMP', '2024-03-15 10:30:00')).toBe(1710498600000);
    expect(call('TO_TIMESTAMP', '15/03/2024 10:30', '%d/%m/%Y %H:%M')).toBe(1710498600000);
    expect(call('TO_DATE', '2024/03/15')).toBe(19797);
    expect(call('TO_DATE', 'Mar 15 2024', '%b %d %Y')).toBe(19797);
    expect(call('TO_DATE', null)).toBeNull();
    expect(errorOf('TO_TIMESTAMP', 'garbage')?.message).toBe("TO_TIMESTAMP: cannot parse 'garbage'");
    expect(resultType('TO_DATE', SqlTypes.STRING).kind).toBe('DATE');
  });
});

describe('windows, truncation and shifting', () => {
  it('TUMBLE_START and TUMBLE_END give epoch-aligned bounds', () => {
    expect(call('TUMBLE_START', ts(T), interval(60_000))).toBe(1710498600000);
    expect(call('TUMBLE_END', ts(T), interval(60_000))).toBe(1710498660000);
    expect(call('TUMBLE_START', -1, 1000)).toBe(-1000);
    expect(errorOf('TUMBLE_START', ts(T), interval(0))?.code).toBe('INVALID_ARGUMENT');
  });

  it('DATE_TRUNC goes to the start of a unit (weeks start on Monday)', () => {
    const iso = (unit: string) => new Date(call('DATE_TRUNC', unit, ts(T)) as number).toISOString();
    expect(iso('year')).toBe('2024-01-01T00:00:00.000Z');
    expect(iso('quarter')).toBe('2024-01-01T00:00:00.000Z');
    expect(iso('month')).toBe('2024-03-01T00:00:00.000Z');
    expect(iso('week')).toBe('2024-03-11T00:00:00.000Z');
    expect(iso('day')).toBe('2024-03-15T00:00:00.000Z');
    expect(iso('hour')).toBe('2024-03-15T10:00:00.000Z');
    expect(iso('second')).toBe('2024-03-15T10:30:00.000Z');
    expect(call('DATE_TRUNC', 'day', ts(-1))).toBe(-DAY);
  });

  it('DATE_ADD and DATE_SUB shift by an interval or calendar units', () => {
    expect(call('DATE_ADD', ts(T), interval(DAY))).toBe(T + DAY);
    expect(call('DATE_SUB', ts(T), interval(1000))).toBe(T - 1000);
    expect(call('DATE_ADD', ts(Date.UTC(2024, 0, 31)), 1, 'month')).toBe(Date.UTC(2024, 1, 29));
    expect(call('DATE_SUB', ts(Date.UTC(2024, 2, 31, 5)), 1, 'quarter')).toBe(Date.UTC(2023, 11, 31, 5));
    expect(call('DATE_ADD', ts(0), 2, 'hours')).toBe(7_200_000);
    expect(call('DATE_ADD', ts(0), interval(null))).toBeNull();
  });

  it('reads NOW from the batch clock', () => {
    expect(callIn(standaloneContext(5000), 'NOW')).toBe(5000);
  });
});
