import type { SqlType } from '@velots/core';
import { ErrorCodes, VeloError } from '@velots/core';
import type { BoundExpr } from '@velots/planner';
import { isNumericType, isPrimitiveComparable, type CodegenRuntime } from './codegen-contract.js';
import { flippedComparison, scaledLiteralTable } from './decimal-literal-compare.js';
import { GeneratedCode } from './generated-code.js';

/**
 * Turns bound expressions into straight-line JavaScript statements over a positional `row`.
 * Nothing from the SQL text is ever spliced into the source: values (strings, decimals, functions,
 * casts) go into the constants array `k` and are referenced by index; only column indexes, small
 * integers and operator symbols we chose ourselves appear as code.
 *
 * Every intermediate value lands in a temporary `tN` declared once at the top of the generated
 * function, so a batch loop allocates nothing but its output. SQL NULL is JS `null` and propagates.
 */
export class ExpressionCodegen extends GeneratedCode {
  /** True once some expression calls a function that reads the evaluation context. */
  usesContext = false;

  /** Emits the code computing `expr`; returns the JS expression (a temp or constant) holding its value. */
  emit(expr: BoundExpr): string {
    switch (expr.kind) {
      case 'Literal':
        return this.literal(expr.value);
      case 'Column':
        return `row[${expr.index | 0}]`;
      case 'SystemColumn':
        return this.systemColumn(expr.column);
      case 'Cast': {
        const input = this.emit(expr.input);
        const cast = this.constant(this.runtime.compileCast(expr.input.type, expr.type));
        return this.assign(`${input} === null ? null : ${cast}(${input})`);
      }
      case 'Arithmetic':
        return this.arithmetic(expr.op, expr.left, expr.right, expr.type);
      case 'Negate': {
        const input = this.emit(expr.input);
        const fn = this.negateFunction(expr.type);
        return this.assign(`${input} === null ? null : ${fn}(${input})`);
      }
      case 'Comparison':
        return this.comparison(expr.op, expr.left, expr.right);
      case 'And':
      case 'Or':
        return this.logical(expr.kind, expr.args);
      case 'Not': {
        const input = this.emit(expr.input);
        return this.assign(`${input} === null ? null : !${input}`);
      }
      case 'IsNull': {
        const input = this.emit(expr.input);
        return this.assign(`${input} ${expr.negated ? '!==' : '==='} null`);
      }
      case 'IsTruth': {
        const input = this.emit(expr.input);
        return this.assign(`${input} ${expr.negated ? '!==' : '==='} ${expr.value ? 'true' : 'false'}`);
      }
      case 'IsDistinct': {
        const left = this.emit(expr.left);
        const right = this.emit(expr.right);
        const equal = this.constant(this.runtime.valuesEqual);
        const same = `(${left} === null ? ${right} === null : ${right} !== null && ${equal}(${left}, ${right}))`;
        return this.assign(expr.negated ? same : `!${same}`);
      }
      case 'InList':
        return this.inList(expr.input, expr.list, expr.negated);
      case 'Between':
        return this.between(expr);
      case 'Like':
        return this.like(expr);
      case 'Case':
        return this.caseWhen(expr);
      case 'Concat': {
        const left = this.emit(expr.left);
        const right = this.emit(expr.right);
        const leftText = this.textOf(left, expr.left.type);
        const rightText = this.textOf(right, expr.right.type);
        return this.assign(`${left} === null || ${right} === null ? null : ${leftText} + ${rightText}`);
      }
      case 'Call':
        return this.call(expr);
      case 'InSet': {
        const input = this.emit(expr.input);
        const keys = this.constant(expr.keys);
        const key = this.constant(this.runtime.hashKey);
        const miss = expr.hasNull ? 'null' : 'false';
        const found = this.assign(`${input} === null ? null : ${keys}.has(${key}(${input})) ? true : ${miss}`);
        return expr.negated ? this.assign(`${found} === null ? null : !${found}`) : found;
      }
      case 'Subquery':
        // The engine runs subqueries first and replaces these nodes with their results.
        throw new VeloError(ErrorCodes.INTERNAL, `subquery ${expr.stream} reached the compiler unresolved`);
    }
  }

  constructor(private readonly runtime: CodegenRuntime) {
    super();
  }

  private literal(value: unknown): string {
    if (value === null) return 'null';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number' && Number.isFinite(value)) return Object.is(value, -0) ? '-0' : String(value);
    return this.constant(value);
  }

  private systemColumn(column: string): string {
    switch (column) {
      case '_event_time':
        return 'eventTimes[i]';
      case '_timestamp':
        return '(timestamps === undefined ? eventTimes[i] : timestamps[i])';
      case '_offset':
        return '(offsets === undefined ? i : offsets[i])';
      case '_partition':
        return '(partitions === undefined ? 0 : partitions[i])';
      case '_key':
        return this.assign(`keys === undefined || keys[i] == null ? null : ${this.constant(this.runtime.keyToText)}(keys[i])`);
      case '_topic':
        return '(topic === undefined ? null : topic)';
      default:
        // _window_start / _window_end: NULL outside windowed aggregation.
        return 'null';
    }
  }

  private arithmetic(op: string, leftExpr: BoundExpr, rightExpr: BoundExpr, type: SqlType): string {
    // DECIMAL op BIGINT (and BIGINT op DECIMAL): skip materialising the BIGINT as a Decimal first.
    const fused = type.kind === 'DECIMAL' && (op === '*' || op === '+' || op === '-') ? this.runtime.decimalWithInteger(op) : undefined;
    if (fused && isIntegerWidening(rightExpr) && leftExpr.type.kind === 'DECIMAL') {
      const left = this.emit(leftExpr);
      const right = this.emit(rightExpr.input);
      return this.assign(`${left} === null || ${right} === null ? null : ${this.constant(fused)}(${left}, ${right}, false)`);
    }
    if (fused && isIntegerWidening(leftExpr) && rightExpr.type.kind === 'DECIMAL') {
      const left = this.emit(leftExpr.input);
      const right = this.emit(rightExpr);
      return this.assign(`${left} === null || ${right} === null ? null : ${this.constant(fused)}(${right}, ${left}, true)`);
    }
    const left = this.emit(leftExpr);
    const right = this.emit(rightExpr);
    const fn = this.constant(this.runtime.arithmetic(op, leftExpr.type, rightExpr.type, type));
    return this.assign(`${left} === null || ${right} === null ? null : ${fn}(${left}, ${right})`);
  }

  private negateFunction(type: SqlType): string {
    return this.constant(this.runtime.negate(type));
  }

  private comparison(op: string, leftExpr: BoundExpr, rightExpr: BoundExpr): string {
    const left = this.emit(leftExpr);
    const right = this.emit(rightExpr);
    const guard = `${left} === null || ${right} === null ? null : `;
    if (isPrimitiveComparable(leftExpr.type) && isPrimitiveComparable(rightExpr.type)) {
      // number/bigint/string/boolean compare exactly with JS operators (mixed number-bigint included).
      const jsOp = op === '=' ? '==' : op === '<>' ? '!=' : op;
      return this.assign(`${guard}${left} ${jsOp} ${right}`);
    }
    const scaledCompare = this.decimalWithLiteral(op, leftExpr, rightExpr, left, right);
    if (scaledCompare !== undefined) return scaledCompare;
    const compare = this.constant(this.runtime.compareValues);
    if (op === '=' || op === '<>') {
      const equal = this.constant(this.runtime.valuesEqual);
      return this.assign(`${guard}${op === '=' ? '' : '!'}${equal}(${left}, ${right})`);
    }
    // DECIMAL against a number or another DECIMAL: the exact numeric comparison without ranking value kinds.
    const numeric = isNumericType(leftExpr.type) && isNumericType(rightExpr.type) ? this.constant(this.runtime.compareNumericValues) : compare;
    return this.assign(`${guard}${numeric}(${left}, ${right}) ${op} 0`);
  }

  /**
   * A DECIMAL against a numeric literal: the value's number unscaled compared with the literal scaled to the
   * value's scale (one table look-up, no call); other values (bigint unscaled, large scales) take the exact general
   * comparison. Undefined when the comparison is not of that shape.
   */
  private decimalWithLiteral(op: string, leftExpr: BoundExpr, rightExpr: BoundExpr, left: string, right: string): string | undefined {
    const literalOnRight = leftExpr.type.kind === 'DECIMAL' ? scaledLiteralTable(rightExpr) : undefined;
    const literalOnLeft = literalOnRight === undefined && rightExpr.type.kind === 'DECIMAL' ? scaledLiteralTable(leftExpr) : undefined;
    const table = literalOnRight ?? literalOnLeft;
    if (table === undefined) return undefined;
    const valueOp = literalOnRight !== undefined ? op : flippedComparison(op);
    const jsOp = valueOp === '=' ? '===' : valueOp === '<>' ? '!==' : valueOp;
    const value = literalOnRight !== undefined ? left : right;
    const literal = literalOnRight !== undefined ? right : left;
    const scaled = this.constant(table);
    const general = this.constant(this.runtime.compareNumericValues);
    const result = this.temp();
    this.line(`if (${value} === null) { ${result} = null; } else {`);
    this.line(`  const u = ${value}.unscaled, l = ${scaled}[${value}.scale];`);
    this.line(`  ${result} = typeof u === 'number' && l !== undefined ? u ${jsOp} l : ${general}(${value}, ${literal}) ${jsOp} 0; }`);
    return result;
  }

  private logical(kind: 'And' | 'Or', args: readonly BoundExpr[]): string {
    // Three-valued AND/OR with short-circuit: AND stops at FALSE, OR at TRUE; NULL wins over the other value.
    const result = this.temp();
    const decisive = kind === 'And' ? 'false' : 'true';
    this.line(`${result} = ${kind === 'And' ? 'true' : 'false'};`);
    let depth = 0;
    for (const arg of args) {
      const value = this.emit(arg);
      this.line(`if (${value} === ${decisive}) { ${result} = ${decisive}; } else {`);
      this.line(`if (${value} === null) ${result} = null;`);
      depth++;
    }
    this.line('}'.repeat(depth));
    return result;
  }

  private inList(inputExpr: BoundExpr, list: readonly BoundExpr[], negated: boolean): string {
    const input = this.emit(inputExpr);
    const result = this.temp();
    const equal = this.constant(this.runtime.valuesEqual);
    this.line(`if (${input} === null) { ${result} = null; } else { ${result} = false;`);
    let depth = 0;
    for (const item of list) {
      const value = this.emit(item);
      this.line(`if (${value} === null) ${result} = null; else if (${equal}(${input}, ${value})) ${result} = true;`);
      this.line(`if (${result} !== true) {`);
      depth++;
    }
    this.line('}'.repeat(depth) + '}');
    return negated ? this.assign(`${result} === null ? null : !${result}`) : result;
  }

  private between(expr: Extract<BoundExpr, { kind: 'Between' }>): string {
    const input = this.emit(expr.input);
    const low = this.emit(expr.low);
    const high = this.emit(expr.high);
    const compare = this.constant(this.runtime.compareValues);
    const geLow = this.assign(`${input} === null || ${low} === null ? null : ${compare}(${input}, ${low}) >= 0`);
    const leHigh = this.assign(`${input} === null || ${high} === null ? null : ${compare}(${input}, ${high}) <= 0`);
    // x BETWEEN a AND b  ≡  x >= a AND x <= b (three-valued).
    const both = this.assign(
      `${geLow} === false || ${leHigh} === false ? false : ${geLow} === null || ${leHigh} === null ? null : true`,
    );
    return expr.negated ? this.assign(`${both} === null ? null : !${both}`) : both;
  }

  private like(expr: Extract<BoundExpr, { kind: 'Like' }>): string {
    const input = this.emit(expr.input);
    const options = { caseInsensitive: expr.caseInsensitive, escape: expr.escape };
    let matcher: string;
    if (expr.pattern.kind === 'Literal' && typeof expr.pattern.value === 'string') {
      matcher = this.constant(this.runtime.compileLike(expr.pattern.value, options));
      const matched = this.assign(`${input} === null ? null : ${matcher}(${input})`);
      return expr.negated ? this.assign(`${matched} === null ? null : !${matched}`) : matched;
    }
    const pattern = this.emit(expr.pattern);
    const likeCache = this.constant(this.runtime.likeCache(options));
    const matched = this.assign(`${input} === null || ${pattern} === null ? null : ${likeCache}(${pattern})(${input})`);
    return expr.negated ? this.assign(`${matched} === null ? null : !${matched}`) : matched;
  }

  private caseWhen(expr: Extract<BoundExpr, { kind: 'Case' }>): string {
    const result = this.temp();
    let depth = 0;
    for (const branch of expr.whens) {
      const condition = this.emit(branch.when);
      this.line(`if (${condition} === true) {`);
      const value = this.emit(branch.then);
      this.line(`${result} = ${value}; } else {`);
      depth++;
    }
    const otherwise = expr.otherwise ? this.emit(expr.otherwise) : 'null';
    this.line(`${result} = ${otherwise};`);
    this.line('}'.repeat(depth));
    return result;
  }

  private call(expr: Extract<BoundExpr, { kind: 'Call' }>): string {
    this.usesContext = true;
    const constants = expr.args.map((arg) => (arg.kind === 'Literal' ? arg.value : undefined));
    const impl = this.constant(expr.fn.prepare(constants, expr.args.map((a) => a.type)));
    const args = expr.args.map((arg) => this.emit(arg));
    // One argument buffer per call site, reused for every record.
    const buffer = this.constant(new Array<unknown>(args.length).fill(null));
    if (args.length === 0) return this.assign(`${impl}(ctx, ${buffer})`);
    const invoke = `(${args.map((a, i) => `${buffer}[${i}] = ${a}`).join(', ')}, ${impl}(ctx, ${buffer}))`;
    if (expr.fn.nulls === 'propagate') {
      return this.assign(`${args.map((a) => `${a} === null`).join(' || ')} ? null : ${invoke}`);
    }
    return this.assign(invoke);
  }

  private textOf(value: string, type: SqlType): string {
    if (type.kind === 'STRING') return value;
    const toText = this.constant(this.runtime.compileCast(type, { kind: 'STRING' }));
    return `${toText}(${value})`;
  }
}

/** An implicit BIGINT → DECIMAL cast the binder inserted for mixed arithmetic. */
function isIntegerWidening(expr: BoundExpr): expr is Extract<BoundExpr, { kind: 'Cast' }> {
  return expr.kind === 'Cast' && expr.implicit && expr.type.kind === 'DECIMAL' && (expr.input.type.kind === 'BIGINT' || expr.input.type.kind === 'INTEGER');
}
