import { ErrorCodes, SqlTypes, type Schema, type SqlType } from '@velots/core';
import type { ComparisonOp, Expression, FunctionCall, Select, Span } from '@velots/sql-parser';
import { errorAt, type PlanningSource } from '../errors.js';
import type { FunctionCatalog } from '../functions/function-def.js';
import type { BoundExpr, BoundSubquery } from './bound-expr.js';
import { bindFunctionCall, isAggregateName } from './calls.js';
import { NULL_LITERAL, literal, numberLiteral, typedLiteral } from './literals.js';
import { bindBinary, bindCase, bindCast, bindUnary, comparableOperands, expectBoolean, guardBinding, unifyAt } from './operator-binding.js';
import { resolveColumn } from './resolve-column.js';
import { bindSubquery } from './subquery-binding.js';
import { bindLike } from './like-binding.js';
import type { Scope } from './scope.js';

const BOOLEAN = SqlTypes.BOOLEAN;

/**
 * The planned subqueries of a statement, by their SELECT node: the stream their job writes and its schema.
 * A correlated one (`qualifiers` set) writes the rows of its input, named by those qualifiers, which
 * the enclosing query looks up per record (`correlated-subquery-planner.ts`).
 */
export type SubqueryStreams = ReadonlyMap<
  Select,
  {
    readonly stream: string;
    readonly schema: Schema;
    readonly qualifiers?: readonly string[] | undefined;
    /** A correlated subquery over a TABLE of the app: its key columns (the latest row per key counts). */
    readonly tableKey?: readonly string[] | undefined;
  }
>;

/** Replaces an expression before normal binding (returns undefined to bind it normally). */
export type ExpressionInterceptor = (expr: Expression, scope: Scope) => BoundExpr | undefined;

/**
 * Binds parser expressions against a scope: resolves names to row positions, checks types against
 * the dialect's rules, picks functions from the catalog and makes implicit casts explicit.
 * Errors are positioned VeloErrors (SQL_BIND, TYPE_MISMATCH, UNKNOWN_FUNCTION, NOT_SUPPORTED).
 */
export class ExpressionBinder {
  constructor(
    private readonly functions: FunctionCatalog,
    private readonly source: PlanningSource,
    private readonly intercept?: ExpressionInterceptor,
    private readonly subqueries: SubqueryStreams = new Map(),
    private readonly correlated: ReadonlyMap<Select, BoundExpr> = new Map(),
  ) {}

  /** A binder that first offers every (sub-)expression to `intercept` (GROUP BY keys, aggregate calls). */
  withInterceptor(intercept: ExpressionInterceptor): ExpressionBinder {
    return new ExpressionBinder(this.functions, this.source, intercept, this.subqueries, this.correlated);
  }

  /** A binder that offers every (sub-)expression to `intercept` first, then to this binder's own interceptor. */
  withInterceptorFirst(intercept: ExpressionInterceptor): ExpressionBinder {
    const own = this.intercept;
    const both: ExpressionInterceptor = own ? (expr, scope) => intercept(expr, scope) ?? own(expr, scope) : intercept;
    return new ExpressionBinder(this.functions, this.source, both, this.subqueries, this.correlated);
  }

  /** A binder that knows the planned subqueries of its statement (by their SELECT node). */
  withSubqueries(subqueries: SubqueryStreams): ExpressionBinder {
    return new ExpressionBinder(this.functions, this.source, this.intercept, subqueries, this.correlated);
  }

  /** A binder that reads each planned correlated subquery from the column its lookup appends to the row. */
  withCorrelated(columns: ReadonlyMap<Select, BoundExpr>): ExpressionBinder {
    return new ExpressionBinder(this.functions, this.source, this.intercept, this.subqueries, columns);
  }

  /** `left op right` under the comparison rules (implicit casts; TYPE_MISMATCH at `span`). */
  comparison(op: ComparisonOp, left: BoundExpr, right: BoundExpr, span: Span): BoundExpr {
    const [l, r] = this.comparablePair(left, right, span, op);
    return { kind: 'Comparison', type: BOOLEAN, op, left: l, right: r };
  }

  bind(expr: Expression, scope: Scope): BoundExpr {
    const intercepted = this.intercept?.(expr, scope);
    if (intercepted) return intercepted;
    switch (expr.kind) {
      case 'NumberLiteral':
        return this.guard(expr.span, () => numberLiteral(expr));
      case 'StringLiteral':
        return literal(SqlTypes.STRING, expr.value);
      case 'BooleanLiteral':
        return literal(BOOLEAN, expr.value);
      case 'NullLiteral':
        return NULL_LITERAL;
      case 'IntervalLiteral':
      case 'DurationLiteral':
        return literal(SqlTypes.INTERVAL, expr.ms);
      case 'TypedLiteral':
        return typedLiteral(expr);
      case 'ColumnRef':
        return resolveColumn(scope, expr.name, expr.qualifier, expr.span, this.source);
      case 'UnaryExpr':
        return bindUnary(expr, (e) => this.bind(e, scope), this.source);
      case 'BinaryExpr':
        return bindBinary(expr, (e) => this.bind(e, scope), this.source);
      case 'IsExpr': {
        const input = this.bind(expr.operand, scope);
        if (expr.test === 'NULL') return { kind: 'IsNull', type: BOOLEAN, input, negated: expr.not };
        this.expectBoolean(input, expr.operand.span, `IS ${expr.test}`);
        return { kind: 'IsTruth', type: BOOLEAN, input, value: expr.test === 'TRUE', negated: expr.not };
      }
      case 'IsDistinctFromExpr': {
        const [left, right] = this.comparablePair(this.bind(expr.left, scope), this.bind(expr.right, scope), expr.span, 'IS DISTINCT FROM');
        return { kind: 'IsDistinct', type: BOOLEAN, left, right, negated: expr.not };
      }
      case 'BetweenExpr': {
        let input = this.bind(expr.operand, scope);
        const [a, low] = this.comparablePair(input, this.bind(expr.low, scope), expr.span, 'BETWEEN');
        const [b, high] = this.comparablePair(a, this.bind(expr.high, scope), expr.span, 'BETWEEN');
        input = b;
        return { kind: 'Between', type: BOOLEAN, input, low, high, negated: expr.not };
      }
      case 'InListExpr': {
        let input = this.bind(expr.operand, scope);
        const list: BoundExpr[] = [];
        for (const item of expr.list) {
          const [coercedInput, value] = this.comparablePair(input, this.bind(item, scope), item.span, 'IN');
          input = coercedInput;
          list.push(value);
        }
        return { kind: 'InList', type: BOOLEAN, input, list, negated: expr.not };
      }
      case 'QuantifiedComparisonExpr': {
        if (expr.query) {
          const left = this.bind(expr.left, scope);
          return this.subquery(expr.query, expr.quantifier === 'ANY' ? 'any' : 'all', left, expr.op, false, expr.span);
        }
        if (!expr.list) return this.notSupported(expr.span, `${expr.quantifier} needs a list or a subquery`);
        const left = this.bind(expr.left, scope);
        const parts = expr.list.map((item) => {
          const [l, r] = this.comparablePair(left, this.bind(item, scope), item.span, expr.op);
          return { kind: 'Comparison', type: BOOLEAN, op: expr.op, left: l, right: r } as const;
        });
        return { kind: expr.quantifier === 'ANY' ? 'Or' : 'And', type: BOOLEAN, args: parts };
      }
      case 'LikeExpr':
        return this.like(expr, scope);
      case 'CaseExpr':
        return bindCase(expr, (e) => this.bind(e, scope), this.source);
      case 'CastExpr':
        return bindCast(expr.operand, expr.type.type, expr.span, (e) => this.bind(e, scope), this.source);
      case 'FunctionCall':
        return this.call(expr, scope);
      case 'ExtractExpr':
        return this.callByName('EXTRACT', [literal(SqlTypes.STRING, expr.part), this.bind(expr.source, scope)], expr.span);
      case 'PositionExpr':
        return this.callByName('POSITION', [this.bind(expr.substring, scope), this.bind(expr.string, scope)], expr.span);
      case 'CurrentTimeExpr':
        return this.callByName(expr.keyword, [], expr.span);
      case 'InSubqueryExpr':
        return this.subquery(expr.query, 'in', this.bind(expr.operand, scope), undefined, expr.not, expr.span);
      case 'ExistsExpr':
        return this.subquery(expr.query, 'exists', undefined, undefined, false, expr.span);
      case 'SubqueryExpr':
        return this.subquery(expr.query, 'scalar', undefined, undefined, false, expr.span);
    }
  }

  /** Binds a predicate (WHERE, HAVING, ON): it must be BOOLEAN. */
  bindPredicate(expr: Expression, scope: Scope, clause: string): BoundExpr {
    const bound = this.bind(expr, scope);
    this.expectBoolean(bound, expr.span, clause);
    return bound;
  }

  private like(expr: Extract<Expression, { kind: 'LikeExpr' }>, scope: Scope): BoundExpr {
    const bind = (e: Expression): BoundExpr => this.bind(e, scope);
    return bindLike(expr, bind(expr.operand), bind(expr.pattern), expr.escape ? bind(expr.escape) : undefined, this.source);
  }

  /** The common type of several values (CASE branches, COALESCE arguments). */
  unify(types: readonly SqlType[], span: Span, what: string): SqlType {
    return unifyAt(types, span, what, this.source);
  }

  private call(expr: FunctionCall, scope: Scope): BoundExpr {
    if (expr.over) return this.notSupported(expr.span, `${expr.upperName}(…) OVER (…) is allowed only in the select list (window functions run after WHERE, GROUP BY and HAVING)`);
    if (isAggregateName(expr.upperName) && this.functions.lookup(expr.upperName) === undefined) {
      throw errorAt(
        ErrorCodes.SQL_BIND,
        `aggregate function ${expr.upperName} is not allowed here (WHERE, ON, a GROUP BY key or an aggregate's argument); filter aggregates with HAVING`,
        expr.span,
        this.source,
      );
    }
    if (expr.distinct || expr.star || expr.filter || expr.withinGroup) {
      throw errorAt(ErrorCodes.SQL_BIND, `${expr.upperName} is not an aggregate function, so DISTINCT, *, FILTER and WITHIN GROUP do not apply to it`, expr.span, this.source);
    }
    return this.callByName(expr.upperName, expr.args.map((a) => this.bind(a, scope)), expr.span, expr.name);
  }

  private callByName(name: string, args: BoundExpr[], span: Span, written = name): BoundExpr {
    return bindFunctionCall(this.functions, name, written, args, span, this.source);
  }

  private subquery(query: Select, mode: BoundSubquery['mode'], input: BoundExpr | undefined, op: BoundSubquery['op'], negated: boolean, span: Span): BoundExpr {
    const looked = this.correlated.get(query);
    if (looked) return looked;
    const planned = this.subqueries.get(query);
    if (planned?.qualifiers) {
      throw errorAt(
        ErrorCodes.NOT_SUPPORTED,
        'a correlated subquery may be used in WHERE, in the ON of an inner join, or in the select list of a query without GROUP BY',
        span,
        this.source,
      );
    }
    return bindSubquery(planned, query, { mode, input, op, negated }, span, this.source);
  }

  private notSupported(span: Span, message: string): never {
    throw errorAt(ErrorCodes.NOT_SUPPORTED, message, span, this.source);
  }

  /** Runs `fn`, giving any unpositioned error it throws this span. */
  private guard<T>(span: Span, fn: () => T): T {
    return guardBinding(span, this.source, fn);
  }

  private comparablePair(left: BoundExpr, right: BoundExpr, span: Span, op: string): [BoundExpr, BoundExpr] {
    return comparableOperands(left, right, span, op, this.source);
  }

  private expectBoolean(expr: BoundExpr, span: Span, clause: string): void {
    expectBoolean(expr, span, clause, this.source);
  }
}
