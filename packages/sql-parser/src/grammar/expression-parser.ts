/**
 * The expression half of the grammar (precedence climbing from OR down to primaries, types, OVER
 * specs). Statements and SELECT extend it in `sql-parser.ts`. Semantic actions build frozen AST nodes
 * inside ACTION so chevrotain's grammar recording never runs them.
 */
import { EmbeddedActionsParser, tokenMatcher, type IToken, type ParserMethod, type TokenType } from 'chevrotain';
import type {
  ColumnRef,
  ComparisonOp,
  DurationExpr,
  Expression,
  FrameBound,
  FrameBoundType,
  FunctionCall,
  Identifier,
  IntervalLiteral,
  OrderByItem,
  Select,
  Span,
  StructFieldRef,
  TypedLiteral,
  TypeRef,
  WhenClause,
  WindowFrame,
  WindowSpec,
  ExpireClause,
} from '../ast.js';
import { SqlTypes, type SqlType } from '@velots/core';
import * as T from './tokens.js';
import { intervalMs, intervalUnitOf, numericKindOf, parseDuration, unquoteIdentifier, unquoteString, INTERVAL_UNITS } from './literals.js';
import { resolveTypeName } from './type-names.js';
import { TYPED_LITERAL_FORMS, typedLiteralValue } from './typed-literals.js';
import { joinSpans, list, node, spanOf } from './spans.js';
import { validateGrammar } from './grammar-checks.js';
import { LazyLookaheadStrategy } from './lazy-lookahead.js';

const { K } = T;

/** A problem found after the tokens matched the grammar (bad unit, duplicate clause…). */
export interface SemanticError {
  readonly message: string;
  readonly span: Span;
}

/** `'1 hour'`, `'30 seconds'`: an INTERVAL string that carries its unit. */
const UNIT_IN_STRING = /^\s*(\d+(?:\.\d+)?)\s+([A-Za-z]+)\s*$/;

const COMPARISON_OPS: ReadonlyMap<string, ComparisonOp> = new Map([
  ['=', '='], ['<>', '<>'], ['!=', '<>'], ['<', '<'], ['>', '>'], ['<=', '<='], ['>=', '>='],
]);

export abstract class ExpressionParser extends EmbeddedActionsParser {
  /** The text being parsed (statement `text` is sliced from it). */
  source = '';
  semanticErrors: SemanticError[] = [];

  protected constructor() {
    super(T.allTokens, {
      maxLookahead: 2,
      recoveryEnabled: false,
      skipValidations: !validateGrammar,
      lookaheadStrategy: new LazyLookaheadStrategy(2),
    });
  }

  /** Subqueries: implemented by the statement parser. */
  abstract readonly query: ParserMethod<[], Select>;

  protected report(message: string, span: Span): void {
    this.semanticErrors.push({ message, span });
  }

  protected is(offset: number, type: TokenType): boolean {
    return tokenMatcher(this.LA(offset), type);
  }

  /** The span from `start` to the last consumed token. */
  protected spanFrom(start: IToken): Span {
    return spanOf(start, this.LA(0));
  }

  protected identifierOf(token: IToken): Identifier {
    const quoted = token.tokenType === T.QuotedIdentifier;
    return node({ kind: 'Identifier', span: spanOf(token), name: quoted ? unquoteIdentifier(token.image) : token.image, quoted });
  }

  readonly name = this.RULE('name', (): Identifier => {
    const token = this.CONSUME(T.Name);
    return this.ACTION(() => this.identifierOf(token));
  });

  /** `name(base, arg)` spanning from the base to `end`: how a subscript or field access is written in the AST. */
  private postfixCall(name: string, base: Expression, arg: Expression, end: IToken): Expression {
    return node({ kind: 'FunctionCall', span: joinSpans(base.span, spanOf(end)), name, upperName: name, args: [base, arg], distinct: false, star: false });
  }

  readonly columnRef = this.RULE('columnRef', (): ColumnRef => {
    const first = this.CONSUME(T.Name);
    let second: IToken | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Dot);
      second = this.CONSUME2(T.Name);
    });
    return this.ACTION(() => {
      const a = this.identifierOf(first);
      if (second === undefined) return node({ kind: 'ColumnRef', span: a.span, name: a.name, quoted: a.quoted });
      const b = this.identifierOf(second);
      return node({ kind: 'ColumnRef', span: joinSpans(a.span, b.span), qualifier: a.name, qualifierQuoted: a.quoted, name: b.name, quoted: b.quoted });
    });
  });

  readonly expression = this.RULE('expression', (): Expression => this.SUBRULE(this.orExpr));

  private binary(op: Expression & { kind: 'BinaryExpr' } extends { op: infer O } ? O : never, left: Expression, right: Expression): Expression {
    return node({ kind: 'BinaryExpr', span: joinSpans(left.span, right.span), op, left, right });
  }

  private readonly orExpr = this.RULE('orExpr', (): Expression => {
    let left = this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(K.OR);
      const right = this.SUBRULE2(this.andExpr);
      left = this.ACTION(() => this.binary('OR', left, right));
    });
    return left;
  });

  private readonly andExpr = this.RULE('andExpr', (): Expression => {
    let left = this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(K.AND);
      const right = this.SUBRULE2(this.notExpr);
      left = this.ACTION(() => this.binary('AND', left, right));
    });
    return left;
  });

  private readonly notExpr = this.RULE('notExpr', (): Expression =>
    this.OR([
      {
        ALT: () => {
          const not = this.CONSUME(K.NOT);
          const operand = this.SUBRULE(this.notExpr);
          return this.ACTION(() => node({ kind: 'UnaryExpr', span: joinSpans(spanOf(not), operand.span), op: 'NOT', operand }));
        },
      },
      { ALT: () => this.SUBRULE(this.predicate) },
    ]),
  );

  private readonly predicate = this.RULE('predicate', (): Expression => {
    const left = this.SUBRULE(this.concatExpr);
    let result = left;
    this.OPTION(() => {
      result = this.OR([
        { ALT: () => this.SUBRULE(this.comparisonTail, { ARGS: [left] }) },
        { ALT: () => this.SUBRULE(this.isTail, { ARGS: [left] }) },
        { ALT: () => this.SUBRULE(this.negatableTail, { ARGS: [left] }) },
      ]);
    });
    return result;
  });

  private readonly comparisonTail = this.RULE('comparisonTail', (left: Expression): Expression => {
    const opToken = this.OR([
      { ALT: () => this.CONSUME(T.Eq) },
      { ALT: () => this.CONSUME(T.NotEq) },
      { ALT: () => this.CONSUME(T.Less) },
      { ALT: () => this.CONSUME(T.Greater) },
      { ALT: () => this.CONSUME(T.LessEq) },
      { ALT: () => this.CONSUME(T.GreaterEq) },
    ]);
    return this.OR2([
      {
        ALT: () => {
          const quantifier = this.OR3([
            { ALT: () => this.CONSUME(K.ANY) },
            { ALT: () => this.CONSUME(K.SOME) },
            { ALT: () => this.CONSUME(K.ALL) },
          ]);
          this.CONSUME(T.LParen);
          let query: Select | undefined;
          let items: Expression[] | undefined;
          this.OR4([
            { ALT: () => { query = this.SUBRULE(this.query); } },
            { ALT: () => { items = this.SUBRULE(this.expressionList); } },
          ]);
          this.CONSUME(T.RParen);
          return this.ACTION(() => {
            const op = COMPARISON_OPS.get(opToken.image) ?? '=';
            const q = quantifier.tokenType === K.ALL ? 'ALL' : 'ANY';
            const span = joinSpans(left.span, spanOf(this.LA(0)));
            return node({ kind: 'QuantifiedComparisonExpr', span, op, quantifier: q, left, query, list: items && list(items) });
          });
        },
      },
      {
        ALT: () => {
          const right = this.SUBRULE(this.concatExpr);
          return this.ACTION(() => this.binary(COMPARISON_OPS.get(opToken.image) ?? '=', left, right));
        },
      },
    ]);
  });

  private readonly isTail = this.RULE('isTail', (left: Expression): Expression => {
    this.CONSUME(K.IS);
    let not = false;
    this.OPTION(() => {
      this.CONSUME(K.NOT);
      not = true;
    });
    return this.OR([
      { ALT: () => { this.CONSUME(K.NULL); return this.ACTION(() => this.isNode(left, 'NULL', not)); } },
      { ALT: () => { this.CONSUME(K.TRUE); return this.ACTION(() => this.isNode(left, 'TRUE', not)); } },
      { ALT: () => { this.CONSUME(K.FALSE); return this.ACTION(() => this.isNode(left, 'FALSE', not)); } },
      {
        ALT: () => {
          this.CONSUME(K.DISTINCT);
          this.CONSUME(K.FROM);
          const right = this.SUBRULE(this.concatExpr);
          return this.ACTION(() => node({ kind: 'IsDistinctFromExpr', span: joinSpans(left.span, right.span), left, right, not }));
        },
      },
    ]);
  });

  private isNode(operand: Expression, test: 'NULL' | 'TRUE' | 'FALSE', not: boolean): Expression {
    return node({ kind: 'IsExpr', span: joinSpans(operand.span, spanOf(this.LA(0))), operand, test, not });
  }

  private readonly negatableTail = this.RULE('negatableTail', (operand: Expression): Expression => {
    let not = false;
    this.OPTION(() => {
      this.CONSUME(K.NOT);
      not = true;
    });
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(K.BETWEEN);
          const low = this.SUBRULE(this.concatExpr);
          this.CONSUME(K.AND);
          const high = this.SUBRULE2(this.concatExpr);
          return this.ACTION(() => node({ kind: 'BetweenExpr', span: joinSpans(operand.span, high.span), operand, low, high, not }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.IN);
          this.CONSUME(T.LParen);
          const result = this.OR2([
            {
              ALT: () => {
                const query = this.SUBRULE(this.query);
                return this.ACTION((): Expression => node({ kind: 'InSubqueryExpr', span: operand.span, operand, query, not }));
              },
            },
            {
              ALT: () => {
                const items = this.SUBRULE(this.expressionList);
                return this.ACTION((): Expression => node({ kind: 'InListExpr', span: operand.span, operand, list: list(items), not }));
              },
            },
          ]);
          this.CONSUME(T.RParen);
          return this.ACTION(() => node({ ...result, span: joinSpans(operand.span, spanOf(this.LA(0))) }));
        },
      },
      {
        ALT: () => {
          const keyword = this.OR3([{ ALT: () => this.CONSUME(K.LIKE) }, { ALT: () => this.CONSUME(K.ILIKE) }]);
          const pattern = this.SUBRULE3(this.concatExpr);
          let escape: Expression | undefined;
          this.OPTION2(() => {
            this.CONSUME(K.ESCAPE);
            escape = this.SUBRULE4(this.concatExpr);
          });
          return this.ACTION(() =>
            node({
              kind: 'LikeExpr',
              span: joinSpans(operand.span, (escape ?? pattern).span),
              operand,
              pattern,
              escape,
              caseInsensitive: keyword.tokenType === K.ILIKE,
              not,
            }),
          );
        },
      },
    ]);
  });

  readonly expressionList = this.RULE('expressionList', (): Expression[] => {
    const items: Expression[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { items.push(this.SUBRULE(this.expression)); } });
    return items;
  });

  private readonly concatExpr = this.RULE('concatExpr', (): Expression => {
    let left = this.SUBRULE(this.additiveExpr);
    this.MANY(() => {
      this.CONSUME(T.Concat);
      const right = this.SUBRULE2(this.additiveExpr);
      left = this.ACTION(() => this.binary('||', left, right));
    });
    return left;
  });

  private readonly additiveExpr = this.RULE('additiveExpr', (): Expression => {
    let left = this.SUBRULE(this.multiplicativeExpr);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      const right = this.SUBRULE2(this.multiplicativeExpr);
      left = this.ACTION(() => this.binary(op.image === '+' ? '+' : '-', left, right));
    });
    return left;
  });

  private readonly multiplicativeExpr = this.RULE('multiplicativeExpr', (): Expression => {
    let left = this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      const op = this.OR([
        { ALT: () => this.CONSUME(T.Star) },
        { ALT: () => this.CONSUME(T.Slash) },
        { ALT: () => this.CONSUME(T.Percent) },
      ]);
      const right = this.SUBRULE2(this.unaryExpr);
      left = this.ACTION(() => this.binary(op.image as '*' | '/' | '%', left, right));
    });
    return left;
  });

  private readonly unaryExpr = this.RULE('unaryExpr', (): Expression =>
    this.OR([
      {
        ALT: () => {
          const op = this.OR2([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]);
          const operand = this.SUBRULE(this.unaryExpr);
          return this.ACTION(() =>
            node({ kind: 'UnaryExpr', span: joinSpans(spanOf(op), operand.span), op: op.image === '-' ? '-' : '+', operand }),
          );
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpr) },
    ]),
  );

  /**
   * A primary followed by `::type` casts, `[i]` subscripts (1-based: `ARRAY_EXTRACT(a, i)`) and `.field` accesses
   * (`STRUCT_EXTRACT(s, 'field')`): `e.user.geo.city`, `tags[1]`, `payload.items[2].sku`.
   */
  private readonly postfixExpr = this.RULE('postfixExpr', (): Expression => {
    let operand = this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.DoubleColon);
            const type = this.SUBRULE(this.typeRef);
            operand = this.ACTION(() => node({ kind: 'CastExpr', span: joinSpans(operand.span, type.span), operand, type, syntax: '::' }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            const index = this.SUBRULE(this.expression);
            const close = this.CONSUME(T.RBracket);
            operand = this.ACTION(() => this.postfixCall('ARRAY_EXTRACT', operand, index, close));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            const name = this.CONSUME(T.Name);
            operand = this.ACTION(() => {
              const field = this.identifierOf(name);
              return this.postfixCall('STRUCT_EXTRACT', operand, node({ kind: 'StringLiteral', span: field.span, value: field.name }), name);
            });
          },
        },
      ]);
    });
    return operand;
  });

  private readonly primary = this.RULE('primary', (): Expression =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            const t = this.CONSUME(T.NumberLiteral);
            return this.ACTION(() => node({ kind: 'NumberLiteral', span: spanOf(t), text: t.image, numericKind: numericKindOf(t.image) }));
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.DurationLiteral);
            return this.ACTION(() => node({ kind: 'DurationLiteral', span: spanOf(t), text: t.image, ...parseDuration(t.image) }));
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.StringLiteral);
            return this.ACTION(() => node({ kind: 'StringLiteral', span: spanOf(t), value: unquoteString(t.image) }));
          },
        },
        { ALT: () => { const t = this.CONSUME(K.TRUE); return this.ACTION(() => node({ kind: 'BooleanLiteral', span: spanOf(t), value: true })); } },
        { ALT: () => { const t = this.CONSUME(K.FALSE); return this.ACTION(() => node({ kind: 'BooleanLiteral', span: spanOf(t), value: false })); } },
        { ALT: () => { const t = this.CONSUME(K.NULL); return this.ACTION(() => node({ kind: 'NullLiteral', span: spanOf(t) })); } },
        { ALT: () => this.SUBRULE(this.intervalLiteral) },
        { ALT: () => this.SUBRULE(this.caseExpr) },
        { ALT: () => this.SUBRULE(this.castExpr) },
        {
          ALT: () => {
            const start = this.CONSUME(K.EXISTS);
            this.CONSUME(T.LParen);
            const query = this.SUBRULE(this.query);
            this.CONSUME(T.RParen);
            return this.ACTION(() => node({ kind: 'ExistsExpr', span: this.spanFrom(start), query }));
          },
        },
        { ALT: () => this.SUBRULE(this.parenthesized) },
        {
          ALT: () => {
            const t = this.OR2([
              { ALT: () => this.CONSUME(K.CURRENT_TIMESTAMP) },
              { ALT: () => this.CONSUME(K.CURRENT_DATE) },
              { ALT: () => this.CONSUME(K.CURRENT_TIME) },
            ]);
            this.OPTION({
              GATE: () => this.is(1, T.LParen) && this.is(2, T.RParen),
              DEF: () => {
                this.CONSUME2(T.LParen);
                this.CONSUME2(T.RParen);
              },
            });
            return this.ACTION(() =>
              node({ kind: 'CurrentTimeExpr', span: this.spanFrom(t), keyword: t.tokenType.name as 'CURRENT_TIMESTAMP' | 'CURRENT_DATE' | 'CURRENT_TIME' }),
            );
          },
        },
        { ALT: () => this.SUBRULE(this.typedLiteral) },
        { GATE: () => this.is(2, T.LParen), ALT: () => this.SUBRULE(this.functionCall) },
        { ALT: () => this.SUBRULE(this.columnRef) },
      ],
    }),
  );

  /** `DATE '…'`, `TIMESTAMP '…'`, `TIME '…'` (one token: the words alone stay names, `TIMESTAMP()` a function). */
  private readonly typedLiteral = this.RULE('typedLiteral', (): Expression => {
    const token = this.CONSUME(T.TypedLiteral);
    return this.ACTION(() => {
      const quote = token.image.indexOf("'");
      const type = token.image.slice(0, quote).trim().toUpperCase() as TypedLiteral['type'];
      const written = unquoteString(token.image.slice(quote));
      const value = typedLiteralValue(type, written);
      if (value === undefined) this.report(`invalid ${type} literal '${written}': expected ${TYPED_LITERAL_FORMS[type]}`, spanOf(token));
      return node({ kind: 'TypedLiteral', span: spanOf(token), type, text: written, value: value ?? 0 });
    });
  });

  private readonly parenthesized = this.RULE('parenthesized', (): Expression => {
    const start = this.CONSUME(T.LParen);
    const result = this.OR([
      {
        ALT: () => {
          const query = this.SUBRULE(this.query);
          return this.ACTION((): Expression => node({ kind: 'SubqueryExpr', span: spanOf(start), query }));
        },
      },
      { ALT: () => this.SUBRULE(this.expression) },
    ]);
    this.CONSUME(T.RParen);
    return this.ACTION(() => (result.kind === 'SubqueryExpr' ? node({ ...result, span: this.spanFrom(start) }) : result));
  });

  /** `INTERVAL '5' MINUTE`, `INTERVAL 5 MINUTES`, or the unit inside the string: `INTERVAL '1 hour'` (as DuckDB and PostgreSQL write it). */
  readonly intervalLiteral = this.RULE('intervalLiteral', (): IntervalLiteral => {
    const start = this.CONSUME(K.INTERVAL);
    const value = this.OR([{ ALT: () => this.CONSUME(T.StringLiteral) }, { ALT: () => this.CONSUME(T.NumberLiteral) }]);
    const embedded = (): RegExpExecArray | null => (value.tokenType === T.StringLiteral ? UNIT_IN_STRING.exec(unquoteString(value.image)) : null);
    let unitToken: IToken | undefined;
    this.OPTION({
      GATE: () => embedded() === null,
      DEF: () => {
        unitToken = this.CONSUME(T.Name);
      },
    });
    return this.ACTION(() => {
      const span = this.spanFrom(start);
      const inString = embedded();
      const text = inString ? inString[1]! : value.tokenType === T.StringLiteral ? unquoteString(value.image).trim() : value.image;
      const unitWord = inString ? inString[2]! : unitToken?.image;
      const unitSpan = unitToken ? spanOf(unitToken) : spanOf(value);
      if (unitWord === undefined) {
        this.report(`INTERVAL ${value.image} needs a unit: INTERVAL ${value.image} MINUTE, or INTERVAL '${unquoteString(value.image).trim()} minutes'`, spanOf(value));
        return node({ kind: 'IntervalLiteral', span, value: text, unit: 'SECOND', ms: 0 });
      }
      const unit = intervalUnitOf(unitWord);
      if (unit === undefined) {
        this.report(`unknown INTERVAL unit '${unitWord}': expected ${INTERVAL_UNITS.join(', ')}`, unitSpan);
        return node({ kind: 'IntervalLiteral', span, value: text, unit: 'SECOND', ms: 0 });
      }
      const ms = intervalMs(text, unit);
      if (ms === undefined) this.report(`INTERVAL value must be a number, got '${text}'`, spanOf(value));
      return node({ kind: 'IntervalLiteral', span, value: text, unit, ms: ms ?? 0 });
    });
  });

  /** A duration where the dialect takes one: `1m`, `INTERVAL '1' MINUTE`, or a bare number of seconds. */
  readonly durationExpr = this.RULE('durationExpr', (): DurationExpr =>
    this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(T.DurationLiteral);
          return this.ACTION((): DurationExpr => node({ kind: 'DurationLiteral', span: spanOf(t), text: t.image, ...parseDuration(t.image) }));
        },
      },
      { ALT: () => this.SUBRULE(this.intervalLiteral) },
      {
        ALT: () => {
          const t = this.CONSUME(T.NumberLiteral);
          return this.ACTION((): DurationExpr => node({ kind: 'NumberLiteral', span: spanOf(t), text: t.image, numericKind: numericKindOf(t.image) }));
        },
      },
    ]),
  );

  private readonly caseExpr = this.RULE('caseExpr', (): Expression => {
    const start = this.CONSUME(K.CASE);
    let operand: Expression | undefined;
    this.OPTION(() => {
      operand = this.SUBRULE(this.expression);
    });
    const whens: WhenClause[] = [];
    this.AT_LEAST_ONE(() => {
      const when = this.CONSUME(K.WHEN);
      const condition = this.SUBRULE2(this.expression);
      this.CONSUME(K.THEN);
      const then = this.SUBRULE3(this.expression);
      this.ACTION(() => whens.push(node({ kind: 'WhenClause', span: joinSpans(spanOf(when), then.span), when: condition, then })));
    });
    let otherwise: Expression | undefined;
    this.OPTION2(() => {
      this.CONSUME(K.ELSE);
      otherwise = this.SUBRULE4(this.expression);
    });
    this.CONSUME(K.END);
    return this.ACTION(() => node({ kind: 'CaseExpr', span: this.spanFrom(start), operand, whens: list(whens), else: otherwise }));
  });

  private readonly castExpr = this.RULE('castExpr', (): Expression => {
    const start = this.CONSUME(K.CAST);
    this.CONSUME(T.LParen);
    const operand = this.SUBRULE(this.expression);
    this.CONSUME(K.AS);
    const type = this.SUBRULE(this.typeRef);
    this.CONSUME(T.RParen);
    return this.ACTION(() => node({ kind: 'CastExpr', span: this.spanFrom(start), operand, type, syntax: 'CAST' }));
  });

  private readonly functionCall = this.RULE('functionCall', (): Expression => {
    const nameToken = this.OR([
      { ALT: () => this.CONSUME(T.Name) },
      { ALT: () => this.CONSUME(K.LEFT) },
      { ALT: () => this.CONSUME(K.RIGHT) },
      // JOIN(sep, …) is a function (§9) as well as the join keyword
      { ALT: () => this.CONSUME(K.JOIN) },
    ]);
    this.CONSUME(T.LParen);
    let upperName: string | undefined;
    const upper = (): string => (upperName ??= nameToken.image.toUpperCase());
    // The gates pick EXTRACT, POSITION and the SUBSTRING/TRIM … FROM forms; one token of lookahead is enough and
    // spares computing every two-token path through the expression grammar (~1/3 of parsing a short app).
    return this.OR2({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          GATE: () => upper() === 'EXTRACT' && this.is(1, T.Name) && this.is(2, K.FROM),
          ALT: () => {
            const part = this.CONSUME2(T.Name);
            this.CONSUME(K.FROM);
            const source = this.SUBRULE(this.expression);
            this.CONSUME(T.RParen);
            return this.ACTION((): Expression => node({ kind: 'ExtractExpr', span: this.spanFrom(nameToken), part: part.image.toUpperCase(), source }));
          },
        },
        {
          GATE: () => upper() === 'POSITION' && this.argumentsUse(K.IN),
          ALT: () => {
            const substring = this.SUBRULE(this.concatExpr);
            this.CONSUME(K.IN);
            const string = this.SUBRULE2(this.expression);
            this.CONSUME2(T.RParen);
            return this.ACTION((): Expression => node({ kind: 'PositionExpr', span: this.spanFrom(nameToken), substring, string }));
          },
        },
        {
          // SQL's SUBSTRING(s FROM start [FOR length]): SUBSTRING(s, start[, length]).
          GATE: () => (upper() === 'SUBSTRING' || upper() === 'SUBSTR') && this.argumentsUse(K.FROM),
          ALT: () => {
            const string = this.SUBRULE3(this.expression);
            this.CONSUME2(K.FROM);
            const start = this.SUBRULE4(this.expression);
            let length: Expression | undefined;
            this.OPTION({
              GATE: () => this.isWord(1, 'FOR'),
              DEF: () => {
                this.CONSUME3(T.Name);
                length = this.SUBRULE5(this.expression);
              },
            });
            this.CONSUME3(T.RParen);
            return this.ACTION(() => plainCall(nameToken, this.spanFrom(nameToken), 'SUBSTRING', [string, start, ...(length ? [length] : [])]));
          },
        },
        {
          // SQL's TRIM([BOTH | LEADING | TRAILING] [chars] FROM s): TRIM, LTRIM or RTRIM(s[, chars]).
          GATE: () => upper() === 'TRIM' && this.argumentsUse(K.FROM),
          ALT: () => {
            let side = 'BOTH';
            this.OPTION2({
              GATE: () => this.isWord(1, 'BOTH') || this.isWord(1, 'LEADING') || this.isWord(1, 'TRAILING'),
              DEF: () => {
                side = this.CONSUME4(T.Name).image.toUpperCase();
              },
            });
            let chars: Expression | undefined;
            this.OPTION3({
              GATE: () => !this.is(1, K.FROM),
              DEF: () => {
                chars = this.SUBRULE6(this.expression);
              },
            });
            this.CONSUME3(K.FROM);
            const string = this.SUBRULE7(this.expression);
            this.CONSUME4(T.RParen);
            const name = side === 'LEADING' ? 'LTRIM' : side === 'TRAILING' ? 'RTRIM' : 'TRIM';
            return this.ACTION(() => plainCall(nameToken, this.spanFrom(nameToken), name, [string, ...(chars ? [chars] : [])]));
          },
        },
        { ALT: () => this.SUBRULE(this.functionArgsAndTail, { ARGS: [nameToken] }) },
      ],
    });
  });

  /**
   * True when the arguments after `name(` have `keyword` outside parentheses before the closing one, as in
   * `POSITION(sub IN s)`, `SUBSTRING(s FROM 2)` and `TRIM(x FROM s)` (not at a comma: a plain argument list).
   */
  private argumentsUse(keyword: TokenType): boolean {
    let depth = 0;
    for (let i = 1; ; i++) {
      const t = this.LA(i);
      if (t.tokenType === undefined || t.image === undefined || t.tokenType.name === 'EOF') return false;
      if (t.tokenType === T.LParen) depth++;
      else if (t.tokenType === T.RParen) {
        if (depth === 0) return false;
        depth--;
      } else if (depth === 0 && (t.tokenType === T.Comma || t.tokenType === T.Semicolon)) return false;
      else if (depth === 0 && t.tokenType === keyword) return true;
    }
  }

  /** True when token `offset` is the non-keyword word `word` (any case). */
  private isWord(offset: number, word: string): boolean {
    const t = this.LA(offset);
    return tokenMatcher(t, T.Name) && t.image.toUpperCase() === word;
  }

  private readonly functionArgsAndTail = this.RULE('functionArgsAndTail', (nameToken: IToken): FunctionCall => {
    let distinct = false;
    let star = false;
    let args: Expression[] = [];
    this.OPTION(() => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Star); star = true; } },
        {
          ALT: () => {
            this.OPTION2(() => {
              this.OR2([
                { ALT: () => { this.CONSUME(K.DISTINCT); distinct = true; } },
                { ALT: () => { this.CONSUME(K.ALL); } },
              ]);
            });
            args = this.SUBRULE(this.expressionList);
          },
        },
      ]);
    });
    this.CONSUME(T.RParen);
    let withinGroup: OrderByItem[] | undefined;
    this.OPTION3({
      GATE: () => this.is(1, K.WITHIN) && this.is(2, K.GROUP),
      DEF: () => {
        this.CONSUME(K.WITHIN);
        this.CONSUME(K.GROUP);
        this.CONSUME2(T.LParen);
        this.CONSUME(K.ORDER);
        this.CONSUME(K.BY);
        withinGroup = this.SUBRULE(this.orderByList);
        this.CONSUME2(T.RParen);
      },
    });
    let filter: Expression | undefined;
    this.OPTION4({
      GATE: () => this.is(1, K.FILTER) && this.is(2, T.LParen),
      DEF: () => {
        this.CONSUME(K.FILTER);
        this.CONSUME3(T.LParen);
        this.CONSUME(K.WHERE);
        filter = this.SUBRULE2(this.expression);
        this.CONSUME3(T.RParen);
      },
    });
    let over: WindowSpec | undefined;
    this.OPTION5(() => {
      over = this.SUBRULE(this.windowSpec);
    });
    return this.ACTION(() =>
      node({
        kind: 'FunctionCall',
        span: this.spanFrom(nameToken),
        name: nameToken.image,
        upperName: nameToken.image.toUpperCase(),
        args: list(args),
        distinct,
        star,
        filter,
        withinGroup: withinGroup && list(withinGroup),
        over,
      }),
    );
  });

  readonly orderByList = this.RULE('orderByList', (): OrderByItem[] => {
    const items: OrderByItem[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { items.push(this.SUBRULE(this.orderByItem)); } });
    return items;
  });

  private readonly orderByItem = this.RULE('orderByItem', (): OrderByItem => {
    const expr = this.SUBRULE(this.expression);
    let direction: 'ASC' | 'DESC' = 'ASC';
    let nulls: 'FIRST' | 'LAST' | undefined;
    this.OPTION(() => {
      this.OR([{ ALT: () => { this.CONSUME(K.ASC); } }, { ALT: () => { this.CONSUME(K.DESC); direction = 'DESC'; } }]);
    });
    this.OPTION2(() => {
      this.CONSUME(K.NULLS);
      this.OR2([{ ALT: () => { this.CONSUME(K.FIRST); nulls = 'FIRST'; } }, { ALT: () => { this.CONSUME(K.LAST); nulls = 'LAST'; } }]);
    });
    return this.ACTION(() => node({ kind: 'OrderByItem', span: joinSpans(expr.span, spanOf(this.LA(0))), expr, direction, nulls }));
  });

  /** `OVER w` (a named window) or `OVER (…)`: the standard form and VS's `ROWS WINDOW BUFFER n ROWS …` form (§7). */
  private readonly windowSpec = this.RULE('windowSpec', (): WindowSpec => {
    const start = this.CONSUME(K.OVER);
    return this.OR([
      {
        ALT: () => {
          const baseWindow = this.SUBRULE(this.name);
          return this.ACTION(() =>
            node<WindowSpec>({ kind: 'WindowSpec', span: this.spanFrom(start), baseWindow, bare: true, partitionBy: list([]), orderBy: list([]) }),
          );
        },
      },
      { ALT: () => this.SUBRULE(this.windowSpecBody, { ARGS: [start] }) },
    ]);
  });

  /** True when `(` opens a spec that starts from a named window: `(w ROWS …)`, `(w)`. */
  private startsWithWindowName(): boolean {
    if (!this.is(1, T.Name)) return false;
    if (this.is(1, K.ROWS) || this.is(1, K.RANGE)) return this.is(2, T.RParen) || this.is(2, K.ROWS) || this.is(2, K.RANGE) || this.is(2, K.ORDER);
    if (this.is(1, K.PARTITION)) return !this.is(2, K.BY);
    if (this.is(1, K.EMIT) || this.is(1, K.EXPIRE)) return this.is(2, T.RParen) || this.is(2, K.ROWS) || this.is(2, K.RANGE) || this.is(2, K.ORDER) || this.is(2, K.PARTITION);
    return true;
  }

  /** `( [w] [ROWS WINDOW BUFFER n ROWS] [PARTITION BY …] [ORDER BY …] [frame] [EMIT …] [EXPIRE …] )`; `start` begins the span. */
  protected readonly windowSpecBody = this.RULE('windowSpecBody', (start: IToken): WindowSpec => {
    this.CONSUME(T.LParen);
    let baseWindow: Identifier | undefined;
    this.OPTION7({
      GATE: () => this.startsWithWindowName(),
      DEF: () => {
        baseWindow = this.SUBRULE(this.name);
      },
    });
    let bufferRows: number | undefined;
    this.OPTION({
      GATE: () => this.is(2, K.WINDOW),
      DEF: () => {
        this.CONSUME(K.ROWS);
        this.CONSUME(K.WINDOW);
        this.CONSUME(K.BUFFER);
        const n = this.CONSUME(T.NumberLiteral);
        this.CONSUME2(K.ROWS);
        this.ACTION(() => {
          bufferRows = Number(n.image);
          if (!Number.isInteger(bufferRows) || bufferRows < 1) this.report('BUFFER takes a positive whole number of rows', spanOf(n));
        });
      },
    });
    let partitionBy: Expression[] = [];
    this.OPTION2(() => {
      this.CONSUME(K.PARTITION);
      this.CONSUME(K.BY);
      partitionBy = this.SUBRULE(this.expressionList);
    });
    let orderBy: OrderByItem[] = [];
    this.OPTION3(() => {
      this.CONSUME(K.ORDER);
      this.CONSUME2(K.BY);
      orderBy = this.SUBRULE(this.orderByList);
    });
    let frame: WindowFrame | undefined;
    this.OPTION4(() => {
      frame = this.SUBRULE(this.windowFrame);
    });
    let emitMode: WindowSpec['emitMode'];
    this.OPTION5(() => {
      this.CONSUME(K.EMIT);
      emitMode = this.OR([
        { ALT: () => { this.CONSUME(K.EVERY); this.CONSUME(K.RECORD); return 'EVERY_RECORD' as const; } },
        { ALT: () => { this.CONSUME(K.ON); this.CONSUME2(K.BUFFER); this.CONSUME(K.FULL); return 'ON_BUFFER_FULL' as const; } },
        { ALT: () => { this.CONSUME(K.CHANGES); return 'CHANGES' as const; } },
      ]);
    });
    let expire: ExpireClause | undefined;
    this.OPTION6(() => {
      const e = this.CONSUME(K.EXPIRE);
      this.CONSUME(K.AFTER);
      this.OR2([
        {
          ALT: () => {
            const after = this.SUBRULE(this.intervalLiteral);
            this.CONSUME(K.INACTIVITY);
            this.ACTION(() => { expire = node<ExpireClause>({ kind: 'ExpireClause', span: this.spanFrom(e), after }); });
          },
        },
        { ALT: () => { this.CONSUME(K.NEVER); this.ACTION(() => { expire = node<ExpireClause>({ kind: 'ExpireClause', span: this.spanFrom(e) }); }); } },
      ]);
    });
    this.CONSUME(T.RParen);
    return this.ACTION(() =>
      node({ kind: 'WindowSpec', span: this.spanFrom(start), baseWindow, bufferRows, partitionBy: list(partitionBy), orderBy: list(orderBy), frame, emitMode, expire }),
    );
  });

  private readonly windowFrame = this.RULE('windowFrame', (): WindowFrame => {
    const unitToken = this.OR([{ ALT: () => this.CONSUME(K.ROWS) }, { ALT: () => this.CONSUME(K.RANGE) }]);
    let start: FrameBound | undefined;
    let end: FrameBound | undefined;
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(K.BETWEEN);
          start = this.SUBRULE(this.frameBound);
          this.CONSUME(K.AND);
          end = this.SUBRULE2(this.frameBound);
        },
      },
      { ALT: () => { start = this.SUBRULE3(this.frameBound); } },
    ]);
    return this.ACTION(() =>
      node({ kind: 'WindowFrame', span: this.spanFrom(unitToken), unit: unitToken.tokenType === K.RANGE ? 'RANGE' : 'ROWS', start: start as FrameBound, end }),
    );
  });

  private readonly frameBound = this.RULE('frameBound', (): FrameBound => {
    const first = this.LA(1);
    let type: FrameBoundType = 'CURRENT_ROW';
    let offset: Expression | undefined;
    const direction = (): 'PRECEDING' | 'FOLLOWING' =>
      this.OR3([
        { ALT: () => { this.CONSUME(K.PRECEDING); return 'PRECEDING' as const; } },
        { ALT: () => { this.CONSUME(K.FOLLOWING); return 'FOLLOWING' as const; } },
      ]);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.UNBOUNDED);
          const d = direction();
          type = d === 'PRECEDING' ? 'UNBOUNDED_PRECEDING' : 'UNBOUNDED_FOLLOWING';
        },
      },
      { ALT: () => { this.CONSUME(K.CURRENT); this.CONSUME(K.ROW); type = 'CURRENT_ROW'; } },
      {
        ALT: () => {
          offset = this.OR2([
            {
              ALT: () => {
                const t = this.CONSUME(T.NumberLiteral);
                return this.ACTION((): Expression => node({ kind: 'NumberLiteral', span: spanOf(t), text: t.image, numericKind: numericKindOf(t.image) }));
              },
            },
            { ALT: () => this.SUBRULE(this.intervalLiteral) },
          ]);
          type = this.OR4([
            { ALT: () => { this.CONSUME2(K.PRECEDING); return 'PRECEDING' as const; } },
            { ALT: () => { this.CONSUME2(K.FOLLOWING); return 'FOLLOWING' as const; } },
          ]);
        },
      },
    ]);
    return this.ACTION(() => node({ kind: 'FrameBound', span: this.spanFrom(first), type, offset }));
  });

  /** A type as written: `BIGINT`, `DECIMAL(10,2)`, `VARCHAR(20)`, `ARRAY<INT>`, `MAP(STRING, DOUBLE)`, `STRUCT(a INT)`. */
  readonly typeRef = this.RULE('typeRef', (): TypeRef => {
    const nameToken = this.OR([{ ALT: () => this.CONSUME(T.Name) }, { ALT: () => this.CONSUME(K.INTERVAL) }]);
    const params: number[] = [];
    const elements: TypeRef[] = [];
    const fields: StructFieldRef[] = [];
    let hasParens = false;
    const isGeneric = (): boolean => ['ARRAY', 'MAP', 'STRUCT'].includes(nameToken.image.toUpperCase());
    // `x::INT < 5`: only ARRAY, MAP and STRUCT take `<…>`, so the option is gated, not just its alternative
    this.OPTION({
      GATE: () => this.is(1, T.LParen) || (this.is(1, T.Less) && isGeneric()),
      DEF: () => this.OR2([
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            hasParens = true;
            this.AT_LEAST_ONE_SEP({
              SEP: T.Comma,
              DEF: () => {
                this.OR3({
                  IGNORE_AMBIGUITIES: true,
                  DEF: [
                    { ALT: () => { const n = this.CONSUME(T.NumberLiteral); this.ACTION(() => params.push(Number(n.image))); } },
                    {
                      GATE: () => this.is(2, T.Name) || this.is(2, K.INTERVAL),
                      ALT: () => {
                        const fieldName = this.SUBRULE(this.name);
                        const fieldType = this.SUBRULE(this.typeRef);
                        this.ACTION(() => fields.push(node({ kind: 'StructFieldRef', span: joinSpans(fieldName.span, fieldType.span), name: fieldName, type: fieldType })));
                      },
                    },
                    { ALT: () => { const e = this.SUBRULE2(this.typeRef); this.ACTION(() => elements.push(e)); } },
                  ],
                });
              },
            });
            this.CONSUME(T.RParen);
          },
        },
        {
          GATE: isGeneric,
          ALT: () => {
            this.CONSUME(T.Less);
            this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => { const e = this.SUBRULE3(this.typeRef); this.ACTION(() => elements.push(e)); } });
            this.CONSUME(T.Greater);
          },
        },
      ]),
    });
    return this.ACTION(() => {
      const span = this.spanFrom(nameToken);
      const name = nameToken.image.toUpperCase();
      const resolved = resolveTypeName({
        name,
        params,
        elements: elements.map((e) => e.type),
        fields: fields.map((f) => ({ name: f.name.name, type: f.type.type })),
        hasParens,
      });
      let type: SqlType = SqlTypes.NULL;
      if (typeof resolved === 'string') this.report(resolved, span);
      else type = resolved;
      return node({ kind: 'TypeRef', span, name, type, params: list(params), elementTypes: list(elements), fields: list(fields) });
    });
  });
}

/** A plain `name(args)` call node for SQL's keyword-argument forms (SUBSTRING … FROM, TRIM … FROM). */
function plainCall(nameToken: IToken, span: Span, name: string, args: readonly Expression[]): FunctionCall {
  return node({
    kind: 'FunctionCall',
    span,
    name: nameToken.image.toUpperCase() === name ? nameToken.image : name,
    upperName: name,
    args: list(args),
    distinct: false,
    star: false,
    filter: undefined,
    withinGroup: undefined,
    over: undefined,
  });
}
