/** Canonical SQL text of expressions, types and OVER specs, with the fewest parentheses that keep the tree. */
import type {
  BinaryOp,
  DurationExpr,
  Expression,
  FrameBound,
  Identifier,
  OrderByItem,
  Select,
  TypeRef,
  WindowSpec,
} from '../ast.js';

/** Binding strength, loosest first (§10): OR < AND < NOT < predicates < || < + - < * / % < unary < :: < primary. */
const PREC = { or: 1, and: 2, not: 3, predicate: 4, concat: 5, additive: 6, multiplicative: 7, unary: 8, postfix: 9, primary: 10 } as const;

function binaryPrec(op: BinaryOp): number {
  switch (op) {
    case 'OR':
      return PREC.or;
    case 'AND':
      return PREC.and;
    case '||':
      return PREC.concat;
    case '+':
    case '-':
      return PREC.additive;
    case '*':
    case '/':
    case '%':
      return PREC.multiplicative;
    default:
      return PREC.predicate;
  }
}

function precedenceOf(e: Expression): number {
  switch (e.kind) {
    case 'BinaryExpr':
      return binaryPrec(e.op);
    case 'UnaryExpr':
      return e.op === 'NOT' ? PREC.not : PREC.unary;
    case 'IsExpr':
    case 'IsDistinctFromExpr':
    case 'BetweenExpr':
    case 'InListExpr':
    case 'InSubqueryExpr':
    case 'QuantifiedComparisonExpr':
    case 'LikeExpr':
      return PREC.predicate;
    case 'CastExpr':
      return e.syntax === '::' ? PREC.postfix : PREC.primary;
    default:
      return PREC.primary;
  }
}

/** A select printer, injected to avoid a module cycle with statements. */
export type SelectPrinter = (select: Select, nested: boolean) => string;

const RESERVED_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An identifier as written: back-quoted when it was quoted (or could not be read back otherwise). */
export function printName(name: string, quoted: boolean): string {
  return quoted || !RESERVED_NAME.test(name) ? `\`${name.replace(/`/g, '``')}\`` : name;
}

export function printIdentifier(id: Identifier): string {
  return printName(id.name, id.quoted);
}

/** `'it''s'`. */
export function printString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function printDuration(d: DurationExpr): string {
  switch (d.kind) {
    case 'NumberLiteral':
      return d.text;
    case 'DurationLiteral':
      return d.text;
    case 'IntervalLiteral':
      return `INTERVAL '${d.value}' ${d.unit}`;
  }
}

export function printType(t: TypeRef): string {
  if (t.fields.length > 0) return `${t.name}(${t.fields.map((f) => `${printIdentifier(f.name)} ${printType(f.type)}`).join(', ')})`;
  if (t.elementTypes.length > 0) return `${t.name}(${t.elementTypes.map(printType).join(', ')})`;
  if (t.params.length > 0) return `${t.name}(${t.params.join(', ')})`;
  return t.name;
}

export class ExpressionPrinter {
  constructor(private readonly printSelect: SelectPrinter) {}

  /** Prints `e`, parenthesised when it binds looser than `min`. */
  print(e: Expression, min = 0): string {
    const text = this.bare(e);
    return precedenceOf(e) < min ? `(${text})` : text;
  }

  list(items: readonly Expression[]): string {
    return items.map((e) => this.print(e)).join(', ');
  }

  orderBy(items: readonly OrderByItem[]): string {
    return items
      .map((o) => `${this.print(o.expr)}${o.direction === 'DESC' ? ' DESC' : ''}${o.nulls ? ` NULLS ${o.nulls}` : ''}`)
      .join(', ');
  }

  private bare(e: Expression): string {
    const P = PREC;
    switch (e.kind) {
      case 'NumberLiteral':
        return e.text;
      case 'StringLiteral':
        return printString(e.value);
      case 'BooleanLiteral':
        return e.value ? 'TRUE' : 'FALSE';
      case 'NullLiteral':
        return 'NULL';
      case 'IntervalLiteral':
      case 'DurationLiteral':
        return printDuration(e);
      case 'TypedLiteral':
        return `${e.type} ${printString(e.text)}`;
      case 'ColumnRef':
        return e.qualifier === undefined
          ? printName(e.name, e.quoted)
          : `${printName(e.qualifier, e.qualifierQuoted ?? false)}.${printName(e.name, e.quoted)}`;
      case 'UnaryExpr': {
        if (e.op === 'NOT') return `NOT ${this.print(e.operand, P.not)}`;
        const operand = this.print(e.operand, P.unary);
        return /^[-+]/.test(operand) ? `${e.op} ${operand}` : `${e.op}${operand}`;
      }
      case 'BinaryExpr': {
        const prec = binaryPrec(e.op);
        const leftMin = prec === P.predicate ? P.concat : prec;
        const rightMin = prec === P.predicate ? P.concat : prec + 1;
        return `${this.print(e.left, leftMin)} ${e.op} ${this.print(e.right, rightMin)}`;
      }
      case 'IsExpr':
        return `${this.print(e.operand, P.concat)} IS ${e.not ? 'NOT ' : ''}${e.test}`;
      case 'IsDistinctFromExpr':
        return `${this.print(e.left, P.concat)} IS ${e.not ? 'NOT ' : ''}DISTINCT FROM ${this.print(e.right, P.concat)}`;
      case 'BetweenExpr':
        return `${this.print(e.operand, P.concat)} ${e.not ? 'NOT ' : ''}BETWEEN ${this.print(e.low, P.concat)} AND ${this.print(e.high, P.concat)}`;
      case 'InListExpr':
        return `${this.print(e.operand, P.concat)} ${e.not ? 'NOT ' : ''}IN (${this.list(e.list)})`;
      case 'InSubqueryExpr':
        return `${this.print(e.operand, P.concat)} ${e.not ? 'NOT ' : ''}IN (${this.printSelect(e.query, true)})`;
      case 'QuantifiedComparisonExpr': {
        const inner = e.query ? this.printSelect(e.query, true) : this.list(e.list ?? []);
        return `${this.print(e.left, P.concat)} ${e.op} ${e.quantifier} (${inner})`;
      }
      case 'LikeExpr': {
        const op = `${e.not ? 'NOT ' : ''}${e.caseInsensitive ? 'ILIKE' : 'LIKE'}`;
        const escape = e.escape ? ` ESCAPE ${this.print(e.escape, P.concat)}` : '';
        return `${this.print(e.operand, P.concat)} ${op} ${this.print(e.pattern, P.concat)}${escape}`;
      }
      case 'CaseExpr': {
        const parts = ['CASE'];
        if (e.operand) parts.push(this.print(e.operand));
        for (const w of e.whens) parts.push(`WHEN ${this.print(w.when)} THEN ${this.print(w.then)}`);
        if (e.else) parts.push(`ELSE ${this.print(e.else)}`);
        parts.push('END');
        return parts.join(' ');
      }
      case 'CastExpr':
        return e.syntax === '::' ? `${this.print(e.operand, P.postfix)}::${printType(e.type)}` : `CAST(${this.print(e.operand)} AS ${printType(e.type)})`;
      case 'FunctionCall': {
        const args = e.star ? '*' : `${e.distinct ? 'DISTINCT ' : ''}${this.list(e.args)}`;
        let text = `${e.name}(${args})`;
        if (e.withinGroup) text += ` WITHIN GROUP (ORDER BY ${this.orderBy(e.withinGroup)})`;
        if (e.filter) text += ` FILTER (WHERE ${this.print(e.filter)})`;
        if (e.over) text += ` ${this.windowSpec(e.over)}`;
        return text;
      }
      case 'ExtractExpr':
        return `EXTRACT(${e.part} FROM ${this.print(e.source)})`;
      case 'PositionExpr':
        return `POSITION(${this.print(e.substring, P.concat)} IN ${this.print(e.string)})`;
      case 'ExistsExpr':
        return `EXISTS (${this.printSelect(e.query, true)})`;
      case 'SubqueryExpr':
        return `(${this.printSelect(e.query, true)})`;
      case 'CurrentTimeExpr':
        return e.keyword;
    }
  }

  private bound(b: FrameBound): string {
    switch (b.type) {
      case 'UNBOUNDED_PRECEDING':
        return 'UNBOUNDED PRECEDING';
      case 'UNBOUNDED_FOLLOWING':
        return 'UNBOUNDED FOLLOWING';
      case 'CURRENT_ROW':
        return 'CURRENT ROW';
      default:
        return `${b.offset ? this.print(b.offset) : '0'} ${b.type}`;
    }
  }

  windowSpec(w: WindowSpec): string {
    if (w.bare && w.baseWindow) return `OVER ${printIdentifier(w.baseWindow)}`;
    return `OVER ${this.windowSpecBody(w)}`;
  }

  /** `(…)` of a window spec, as in OVER and `WINDOW w AS (…)`. */
  windowSpecBody(w: WindowSpec): string {
    const parts: string[] = [];
    if (w.baseWindow) parts.push(printIdentifier(w.baseWindow));
    if (w.bufferRows !== undefined) parts.push(`ROWS WINDOW BUFFER ${w.bufferRows} ROWS`);
    if (w.partitionBy.length > 0) parts.push(`PARTITION BY ${this.list(w.partitionBy)}`);
    if (w.orderBy.length > 0) parts.push(`ORDER BY ${this.orderBy(w.orderBy)}`);
    if (w.frame) {
      const f = w.frame;
      parts.push(f.end ? `${f.unit} BETWEEN ${this.bound(f.start)} AND ${this.bound(f.end)}` : `${f.unit} ${this.bound(f.start)}`);
    }
    if (w.emitMode) parts.push(w.emitMode === 'EVERY_RECORD' ? 'EMIT EVERY RECORD' : w.emitMode === 'ON_BUFFER_FULL' ? 'EMIT ON BUFFER FULL' : 'EMIT CHANGES');
    if (w.expire) parts.push(w.expire.after ? `EXPIRE AFTER ${printDuration(w.expire.after)} INACTIVITY` : 'EXPIRE AFTER NEVER');
    return `(${parts.join(' ')})`;
  }
}
