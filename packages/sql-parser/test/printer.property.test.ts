import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SqlTypes, decimalType } from '@velots/core';
import { parseExpression, parseStatement, print } from '@velots/sql-parser';
import { stripSpans } from './strip-spans.js';

// ASTs without spans, shaped exactly as the parser builds them, so print → parse must give them back.
const names = fc.constantFrom('a', 'price', 'qty', 'symbol', 'key', 'value', 'timestamp', '_window_start', 'odd name');
const column = fc.record({ q: fc.option(fc.constantFrom('t', 'o'), { nil: undefined }), name: names }).map(({ q, name }) => {
  const quoted = name === 'odd name';
  return q === undefined ? { kind: 'ColumnRef', name, quoted } : { kind: 'ColumnRef', qualifier: q, qualifierQuoted: false, name, quoted };
});
const numberText = fc.oneof(
  fc.nat({ max: 1_000_000 }).map((n) => ({ kind: 'NumberLiteral', text: String(n), numericKind: 'integer' })),
  fc.tuple(fc.nat(999), fc.stringMatching(/^[0-9]{1,6}$/)).map(([i, f]) => ({ kind: 'NumberLiteral', text: `${i}.${f}`, numericKind: 'decimal' })),
  fc.tuple(fc.nat(99), fc.nat(20)).map(([m, e]) => ({ kind: 'NumberLiteral', text: `${m}e${e}`, numericKind: 'double' })),
);
const leaf = fc.oneof(
  numberText,
  fc.string({ maxLength: 8 }).map((value) => ({ kind: 'StringLiteral', value })),
  fc.boolean().map((value) => ({ kind: 'BooleanLiteral', value })),
  fc.constant({ kind: 'NullLiteral' }),
  fc.tuple(fc.integer({ min: 1, max: 90 }), fc.constantFrom('SECOND', 'MINUTE', 'HOUR')).map(([n, unit]) => ({
    kind: 'IntervalLiteral', value: String(n), unit, ms: n * { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000 }[unit],
  })),
  column,
  fc.constantFrom(
    { kind: 'TypedLiteral', type: 'DATE', text: '2024-01-01', value: 19_723 },
    { kind: 'TypedLiteral', type: 'TIMESTAMP', text: '2024-01-01 10:00:00.5', value: 1_704_103_200_500 },
    { kind: 'TypedLiteral', type: 'TIME', text: '10:11:12', value: 36_672_000 },
  ),
);
const types = fc.constantFrom(
  { kind: 'TypeRef', name: 'BIGINT', type: SqlTypes.BIGINT, params: [], elementTypes: [], fields: [] },
  { kind: 'TypeRef', name: 'STRING', type: SqlTypes.STRING, params: [], elementTypes: [], fields: [] },
  { kind: 'TypeRef', name: 'DECIMAL', type: decimalType(10, 2), params: [10, 2], elementTypes: [], fields: [] },
);
const binaryOps = ['OR', 'AND', '=', '<>', '<', '>', '<=', '>=', '||', '+', '-', '*', '/', '%'] as const;

const { expr } = fc.letrec<{ expr: unknown }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constant('BinaryExpr'), op: fc.constantFrom(...binaryOps), left: tie('expr'), right: tie('expr') }),
    fc.record({ kind: fc.constant('UnaryExpr'), op: fc.constantFrom('NOT', '-'), operand: tie('expr') }),
    fc.record({ kind: fc.constant('IsExpr'), operand: tie('expr'), test: fc.constantFrom('NULL', 'TRUE', 'FALSE'), not: fc.boolean() }),
    fc.record({ kind: fc.constant('IsDistinctFromExpr'), left: tie('expr'), right: tie('expr'), not: fc.boolean() }),
    fc.record({ kind: fc.constant('BetweenExpr'), operand: tie('expr'), low: tie('expr'), high: tie('expr'), not: fc.boolean() }),
    fc.record({ kind: fc.constant('InListExpr'), operand: tie('expr'), list: fc.array(tie('expr'), { minLength: 1, maxLength: 3 }), not: fc.boolean() }),
    fc.record({ kind: fc.constant('LikeExpr'), operand: tie('expr'), pattern: tie('expr'), caseInsensitive: fc.boolean(), not: fc.boolean() }),
    fc.record({ kind: fc.constant('CastExpr'), operand: tie('expr'), type: types, syntax: fc.constantFrom('CAST', '::') }),
    fc.record({
      kind: fc.constant('CaseExpr'),
      whens: fc.array(fc.record({ kind: fc.constant('WhenClause'), when: tie('expr'), then: tie('expr') }), { minLength: 1, maxLength: 2 }),
      else: tie('expr'),
    }),
    fc.tuple(fc.constantFrom('abs', 'COALESCE', 'Upper', 'JOIN'), fc.array(tie('expr'), { maxLength: 3 }), fc.boolean()).map(([name, args, distinct]) => ({
      kind: 'FunctionCall', name, upperName: name.toUpperCase(), args, distinct: distinct && args.length > 0, star: false,
    })),
  ),
}));

describe('printer', () => {
  it('prints generated expression ASTs so that parsing gives the same tree back', () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const text = print(ast as Parameters<typeof print>[0]);
        expect(stripSpans(parseExpression(text))).toEqual(ast);
      }),
      { numRuns: 2000 },
    );
  });

  it('prints generated expressions inside statements too', () => {
    fc.assert(
      fc.property(expr, expr, (a, b) => {
        const statement = parseStatement(`SELECT ${print(a as Parameters<typeof print>[0])} AS x FROM t WHERE ${print(b as Parameters<typeof print>[0])}`);
        expect(stripSpans(parseStatement(print(statement)))).toEqual(stripSpans(statement));
      }),
      { numRuns: 300 },
    );
  });
});
