import { describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  VeloError,
  describeLocation,
  formatError,
  hasErrorCode,
  isVeloError,
  positionAt,
  toVeloError,
  type TextPosition,
} from '@velots/core';

/** A SQL_SYNTAX error at `offset` (through `endOffset`) of `text`, positioned with positionAt. */
function syntaxErrorAt(text: string, offset: number, endOffset?: number, file = 'app.sql'): VeloError {
  const position: TextPosition = { ...positionAt(text, offset, file), endOffset };
  return new VeloError(ErrorCodes.SQL_SYNTAX, 'unexpected token', { position });
}

describe('ErrorCodes', () => {
  it('maps each stable code to itself', () => {
    for (const [name, code] of Object.entries(ErrorCodes)) expect(code).toBe(name);
    expect(Object.keys(ErrorCodes)).toEqual([
      'INTERNAL',
      'INVALID_ARGUMENT',
      'SQL_SYNTAX',
      'SQL_BIND',
      'TYPE_MISMATCH',
      'UNKNOWN_FUNCTION',
      'CONFIG',
      'NOT_SUPPORTED',
      'DECIMAL_PARSE',
      'DIVISION_BY_ZERO',
      'NUMERIC_OVERFLOW',
      'CAST_FAILED',
      'SERDE_DECODE',
      'SERDE_ENCODE',
      'RECORD_MALFORMED',
      'NULL_NOT_ALLOWED',
      'SOURCE_READ',
      'SINK_WRITE',
      'STATE_STORE',
      'CHECKPOINT',
      'JOB_FAILED',
      'TIMEOUT',
    ]);
  });
});

describe('VeloError', () => {
  it('is an Error with a code, a message and defaults for everything else', () => {
    const error = new VeloError(ErrorCodes.CONFIG, "missing 'topic'");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('VeloError');
    expect(error.code).toBe('CONFIG');
    expect(error.message).toBe("missing 'topic'");
    expect(error.retryable).toBe(false);
    expect(error.position).toBeUndefined();
    expect(error.location).toBeUndefined();
    expect(error.details).toBeUndefined();
    expect(error.cause).toBeUndefined();
    expect('cause' in error).toBe(false);
    expect(error.stack).toContain("VeloError: missing 'topic'");
  });

  it('keeps position, location, cause, retryable and details', () => {
    const cause = new Error('ECONNREFUSED');
    const error = new VeloError('KAFKA_CONNECT', 'cannot reach broker localhost:9092', {
      position: { line: 2, column: 3, offset: 10 },
      location: { topic: 'payments', partition: 1, offset: 42 },
      cause,
      retryable: true,
      details: { broker: 'localhost:9092' },
    });
    expect(error.code).toBe('KAFKA_CONNECT');
    expect(error.position).toEqual({ line: 2, column: 3, offset: 10 });
    expect(error.location).toEqual({ topic: 'payments', partition: 1, offset: 42 });
    expect(error.cause).toBe(cause);
    expect(error.retryable).toBe(true);
    expect(error.details).toEqual({ broker: 'localhost:9092' });
  });

  it('toJSON gives code, message and retryable, plus position, location and details when present', () => {
    expect(new VeloError(ErrorCodes.TIMEOUT, 'flush took over 30s').toJSON()).toEqual({
      code: 'TIMEOUT',
      message: 'flush took over 30s',
      retryable: false,
    });
    const full = new VeloError(ErrorCodes.SERDE_DECODE, 'not JSON', {
      position: { file: 'a.sql', line: 1, column: 5, offset: 4 },
      location: { file: 'in.jsonl', line: 3, field: 'amount' },
      retryable: true,
      details: { expected: ['{'] },
      cause: new Error('hidden'),
    });
    expect(full.toJSON()).toEqual({
      code: 'SERDE_DECODE',
      message: 'not JSON',
      position: { file: 'a.sql', line: 1, column: 5, offset: 4 },
      location: { file: 'in.jsonl', line: 3, field: 'amount' },
      retryable: true,
      details: { expected: ['{'] },
    });
    expect(JSON.parse(JSON.stringify(full))).toEqual(full.toJSON());
  });
});

describe('VeloError.format and formatError', () => {
  const sql = 'SELECT a,\n  b FROM payments\nWHERE amount >> 10;';

  it('gives just the message when the error has no position or location', () => {
    const error = new VeloError(ErrorCodes.INTERNAL, 'boom');
    expect(error.format()).toBe('boom');
    expect(error.format(sql)).toBe('boom');
  });

  it('prefixes the record location when there is no text position', () => {
    const error = new VeloError(ErrorCodes.SERDE_DECODE, 'bad number', {
      location: { file: 'in.csv', line: 4, field: 'amount' },
    });
    expect(formatError(error)).toBe("in.csv:4, field 'amount': bad number");
    expect(formatError(new VeloError(ErrorCodes.SERDE_DECODE, 'bad', { location: {} }))).toBe('bad');
  });

  it('gives file:line:col: message without the source text, and <input> without a file', () => {
    expect(syntaxErrorAt(sql, 41).format()).toBe('app.sql:3:14: unexpected token');
    const unnamed = new VeloError(ErrorCodes.SQL_SYNTAX, 'unexpected token', { position: positionAt(sql, 41) });
    expect(unnamed.format()).toBe('<input>:3:14: unexpected token');
  });

  it('shows the offending line with a caret under the position', () => {
    expect(syntaxErrorAt(sql, 12).format(sql)).toBe(
      ['app.sql:2:3: unexpected token', '  b FROM payments', '  ^'].join('\n'),
    );
  });

  it('draws a caret as wide as the offending text', () => {
    expect(syntaxErrorAt(sql, 41, 43).format(sql)).toBe(
      ['app.sql:3:14: unexpected token', 'WHERE amount >> 10;', '             ^^'].join('\n'),
    );
    expect(syntaxErrorAt(sql, 28, 33).format(sql)).toBe(
      ['app.sql:3:1: unexpected token', 'WHERE amount >> 10;', '^^^^^'].join('\n'),
    );
  });

  it('stops a wide caret at the end of its line', () => {
    expect(syntaxErrorAt(sql, 14, 40).format(sql)).toBe(
      ['app.sql:2:5: unexpected token', '  b FROM payments', '    ^^^^^^^^^^^^^'].join('\n'),
    );
  });

  it('puts a one-wide caret just past the line at its end, and on an empty line', () => {
    const text = 'SELECT\n\nFROM';
    expect(syntaxErrorAt(text, text.length).format(text)).toBe(
      ['app.sql:3:5: unexpected token', 'FROM', '    ^'].join('\n'),
    );
    expect(syntaxErrorAt(text, 7).format(text)).toBe(['app.sql:2:1: unexpected token', '', '^'].join('\n'));
  });

  it('keeps tabs in the caret indent so the caret lines up in a terminal', () => {
    const text = 'SELECT\n\tx,\t\tbad FROM t';
    expect(syntaxErrorAt(text, 12, 15).format(text)).toBe(
      ['app.sql:2:6: unexpected token', '\tx,\t\tbad FROM t', '\t  \t\t^^^'].join('\n'),
    );
  });

  it('drops the carriage return of a CRLF line', () => {
    const text = 'SELECT 1\r\nFROM t\r\n';
    expect(syntaxErrorAt(text, 15).format(text)).toBe(['app.sql:2:6: unexpected token', 'FROM t', '     ^'].join('\n'));
  });

  it('cuts a long line to 160 characters around the caret', () => {
    const line = Array.from({ length: 400 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const middle = syntaxErrorAt(line, 200, 203).format(line).split('\n');
    expect(middle[0]).toBe('app.sql:1:201: unexpected token');
    expect(middle[1]).toBe(line.slice(120, 280));
    expect(middle[2]).toBe(`${' '.repeat(80)}^^^`);

    const start = syntaxErrorAt(line, 5).format(line).split('\n');
    expect(start[1]).toBe(line.slice(0, 160));
    expect(start[2]).toBe(`${' '.repeat(5)}^`);

    const end = syntaxErrorAt(line, 398, 420).format(line).split('\n');
    expect(end[1]).toBe(line.slice(240, 400));
    expect(end[2]).toBe(`${' '.repeat(158)}^^`);
  });

  it('falls back to the head line when the position does not fit the text', () => {
    const error = new VeloError(ErrorCodes.SQL_SYNTAX, 'unexpected token', {
      position: { line: 9, column: 1, offset: 500 },
    });
    expect(error.format('short')).toBe('<input>:9:1: unexpected token');
  });
});

describe('isVeloError and hasErrorCode', () => {
  it('recognises VeloErrors, also from another copy of the package by shape', () => {
    const foreign = Object.assign(new Error('copy'), { name: 'VeloError', code: 'SQL_BIND' });
    expect(isVeloError(new VeloError(ErrorCodes.SQL_BIND, 'x'))).toBe(true);
    expect(isVeloError(foreign)).toBe(true);
    expect(hasErrorCode(foreign, 'SQL_BIND')).toBe(true);
  });

  it('rejects plain errors, error-like objects and other values', () => {
    expect(isVeloError(new Error('x'))).toBe(false);
    expect(isVeloError(Object.assign(new Error('x'), { name: 'VeloError' }))).toBe(false);
    expect(isVeloError({ name: 'VeloError', code: 'X', message: 'x' })).toBe(false);
    expect(isVeloError(null)).toBe(false);
    expect(isVeloError('VeloError')).toBe(false);
  });

  it('hasErrorCode matches the code exactly', () => {
    const error = new VeloError(ErrorCodes.SINK_WRITE, 'disk full');
    expect(hasErrorCode(error, 'SINK_WRITE')).toBe(true);
    expect(hasErrorCode(error, 'SOURCE_READ')).toBe(false);
    expect(hasErrorCode(new Error('disk full'), 'SINK_WRITE')).toBe(false);
  });
});

describe('toVeloError', () => {
  it('returns a VeloError unchanged, ignoring the code and context', () => {
    const error = new VeloError(ErrorCodes.TIMEOUT, 'slow');
    expect(toVeloError(error, ErrorCodes.SINK_WRITE, 'writing out.csv')).toBe(error);
  });

  it('wraps an Error with INTERNAL by default, keeping it as the cause', () => {
    const cause = new TypeError('x is undefined');
    const error = toVeloError(cause);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('x is undefined');
    expect(error.cause).toBe(cause);
    expect(error.retryable).toBe(false);
  });

  it('wraps any thrown value with a code and a context naming the place', () => {
    const error = toVeloError('EPIPE', ErrorCodes.SINK_WRITE, 'writing to stdout');
    expect(error.code).toBe('SINK_WRITE');
    expect(error.message).toBe('writing to stdout: EPIPE');
    expect(error.cause).toBe('EPIPE');
    expect(toVeloError(undefined).message).toBe('undefined');
  });
});

describe('positionAt', () => {
  const text = 'ab\ncd\n\nef';

  it('turns a 0-based offset into a 1-based line and column', () => {
    expect(positionAt(text, 0)).toEqual({ file: undefined, line: 1, column: 1, offset: 0 });
    expect(positionAt(text, 2)).toEqual({ file: undefined, line: 1, column: 3, offset: 2 });
    expect(positionAt(text, 3)).toEqual({ file: undefined, line: 2, column: 1, offset: 3 });
    expect(positionAt(text, 6, 'q.sql')).toEqual({ file: 'q.sql', line: 3, column: 1, offset: 6 });
    expect(positionAt(text, 8)).toEqual({ file: undefined, line: 4, column: 2, offset: 8 });
  });

  it('clamps offsets outside the text to its start and end', () => {
    expect(positionAt(text, -4)).toEqual({ file: undefined, line: 1, column: 1, offset: 0 });
    expect(positionAt(text, 99)).toEqual({ file: undefined, line: 4, column: 3, offset: 9 });
    expect(positionAt('', 0)).toEqual({ file: undefined, line: 1, column: 1, offset: 0 });
  });

  it('counts a CRLF line break once', () => {
    expect(positionAt('a\r\nb', 3)).toEqual({ file: undefined, line: 2, column: 1, offset: 3 });
    expect(positionAt('a\r\nb', 1)).toEqual({ file: undefined, line: 1, column: 2, offset: 1 });
  });
});

describe('describeLocation', () => {
  it.each([
    [{ file: 'in.csv', line: 3, column: 7, field: 'amount' }, "in.csv:3:7, field 'amount'"],
    [{ file: 'in.csv', byteOffset: 1024 }, 'in.csv, byte 1024'],
    [{ source: 'payments', topic: 'payments.v1', partition: 2, offset: 15 }, 'payments, payments.v1[2]@15'],
    [{ topic: 'payments.v1' }, 'payments.v1[0]@?'],
    [{ offset: 5 }, 'record 5'],
    [{ line: 4 }, 'line 4'],
    [{ line: 4, column: 2 }, 'line 4, column 2'],
    [{ source: 'generator', offset: 9, field: 'id' }, "generator, record 9, field 'id'"],
    [{}, ''],
  ])('describes %j as %j', (location, text) => {
    expect(describeLocation(location)).toBe(text);
  });
});
