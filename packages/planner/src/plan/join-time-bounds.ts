import type { Expression, JoinClause } from '@velots/sql-parser';
import type { BoundExpr } from '../bind/bound-expr.js';
import { shiftColumns } from '../bind/bound-expr-walk.js';

type Side = 'left' | 'right';

/** A side's time written as `column ± shifts`: which side, the column, and what shifts it (nothing, an INTERVAL, or a plain number). */
interface ShiftedColumn {
  readonly side: Side;
  readonly qualifier: string;
  readonly name: string;
  readonly shift: 'none' | 'interval' | 'number';
}

/** A column of a JOIN's ON as written: its side, qualifier and name. */
export interface SideColumn {
  readonly side: Side;
  readonly qualifier: string;
  readonly name: string;
}

/**
 * Whether a JOIN's ON bounds the two sides' time columns (dialect §6): WITHIN, a BETWEEN of a column of one side
 * between columns of the other, or a range comparison (<, <=, >, >=) between a column of each side shifted by
 * an interval. Such a JOIN is a stream–stream interval join whatever the right side's connector: a file on the
 * right is then read as a stream, not loaded as a table. Read from the syntax, before names are bound: a column
 * qualified with the right side's alias (or name) belongs to it, any other qualified column to the left side.
 */
export function boundsJoinTimes(clause: JoinClause, rightQualifiers: ReadonlySet<string>): boolean {
  if (clause.withinMs !== undefined) return true;
  return clause.on !== undefined && conjunctsOf(clause.on).some((c) => isTimeBound(c, rightQualifiers));
}

/**
 * The columns of a JOIN whose ON bounds one side's column on both sides by the other's shifted by plain numbers
 * (`b.ts BETWEEN a.ts - 5000 AND a.ts + 5000`, or `a.ts <= b.ts AND b.ts <= a.ts + 5000`): every column the range
 * conditions between the two sides read. Undefined when ON has no such pair of bounds. A plain number is a time
 * offset (milliseconds) only when these columns are the sides' event-time columns, which the caller decides.
 */
export function numericTimeBoundColumns(clause: JoinClause, rightQualifiers: ReadonlySet<string>): readonly SideColumn[] | undefined {
  if (clause.on === undefined) return undefined;
  const columns: SideColumn[] = [];
  let lower = false;
  let upper = false;
  let byNumber = false;
  const note = (...found: ShiftedColumn[]): void => {
    for (const c of found) {
      columns.push({ side: c.side, qualifier: c.qualifier, name: c.name });
      if (c.shift === 'number') byNumber = true;
    }
  };
  for (const expr of conjunctsOf(clause.on)) {
    if (expr.kind === 'BetweenExpr' && !expr.not) {
      const value = shiftedColumn(expr.operand, rightQualifiers);
      const low = shiftedColumn(expr.low, rightQualifiers);
      const high = shiftedColumn(expr.high, rightQualifiers);
      if (!value || !low || !high || low.side !== high.side || low.side === value.side) continue;
      note(value, low, high);
      lower = upper = true;
    } else if (expr.kind === 'BinaryExpr' && (expr.op === '<' || expr.op === '<=' || expr.op === '>' || expr.op === '>=')) {
      const a = shiftedColumn(expr.left, rightQualifiers);
      const b = shiftedColumn(expr.right, rightQualifiers);
      if (!a || !b || a.side === b.side) continue;
      note(a, b);
      // Whether the right side's column is the greater one: a lower bound on right − left, else an upper bound.
      const rightGreater = (a.side === 'left') === (expr.op === '<' || expr.op === '<=');
      if (rightGreater) lower = true;
      else upper = true;
    }
  }
  return lower && upper && byNumber ? columns : undefined;
}

function conjunctsOf(expr: Expression): Expression[] {
  return expr.kind === 'BinaryExpr' && expr.op === 'AND' ? [...conjunctsOf(expr.left), ...conjunctsOf(expr.right)] : [expr];
}

function isTimeBound(expr: Expression, right: ReadonlySet<string>): boolean {
  if (expr.kind === 'BetweenExpr') {
    if (expr.not) return false;
    const value = shiftedColumn(expr.operand, right);
    const low = shiftedColumn(expr.low, right);
    const high = shiftedColumn(expr.high, right);
    const byInterval = [value, low, high].some((c) => c?.shift === 'interval') || [value, low, high].every((c) => c?.shift === 'none');
    return value !== undefined && low !== undefined && high !== undefined && low.side === high.side && low.side !== value.side && byInterval;
  }
  if (expr.kind === 'BinaryExpr' && (expr.op === '<' || expr.op === '<=' || expr.op === '>' || expr.op === '>=')) {
    const a = shiftedColumn(expr.left, right);
    const b = shiftedColumn(expr.right, right);
    return a !== undefined && b !== undefined && a.side !== b.side && (a.shift === 'interval' || b.shift === 'interval');
  }
  return false;
}

function shiftedColumn(expr: Expression, right: ReadonlySet<string>): ShiftedColumn | undefined {
  switch (expr.kind) {
    case 'ColumnRef':
      return expr.qualifier === undefined ? undefined : { side: right.has(expr.qualifier) ? 'right' : 'left', qualifier: expr.qualifier, name: expr.name, shift: 'none' };
    case 'CastExpr':
      return shiftedColumn(expr.operand, right);
    case 'BinaryExpr': {
      if (expr.op !== '+' && expr.op !== '-') return undefined;
      const shiftOf = (e: Expression): ShiftedColumn['shift'] | undefined =>
        e.kind === 'IntervalLiteral' || e.kind === 'DurationLiteral' ? 'interval' : e.kind === 'NumberLiteral' && e.numericKind === 'integer' ? 'number' : undefined;
      const after = shiftOf(expr.right);
      if (after !== undefined) {
        const column = shiftedColumn(expr.left, right);
        return column && { ...column, shift: column.shift === 'interval' || after === 'interval' ? 'interval' : 'number' };
      }
      const before = expr.op === '+' ? shiftOf(expr.left) : undefined;
      if (before !== undefined) {
        const column = shiftedColumn(expr.right, right);
        return column && { ...column, shift: column.shift === 'interval' || before === 'interval' ? 'interval' : 'number' };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The bounds of an interval join read from its ON: right time − left time within [lowerMs, upperMs], over these columns. */
export interface ColumnTimeBounds {
  readonly lowerMs: number;
  readonly upperMs: number;
  /** The left row's time column (over the left row). */
  readonly leftTime: BoundExpr;
  /** The right row's time column (over the right row). */
  readonly rightTime: BoundExpr;
  /**
   * The conjuncts the bounds enforce exactly (inclusive BETWEENs and `<=`/`>=` comparisons of the two plain TIMESTAMP or
   * BIGINT columns shifted by constants): the join checks `lowerMs ≤ right − left ≤ upperMs` on those columns' values,
   * so they need no evaluation per pair.
   */
  readonly implied: ReadonlySet<BoundExpr>;
}

/** `column + offset` of bound ON terms: the column (index in the joined row) and the sum of its interval shifts. */
interface Linear {
  readonly column: BoundExpr;
  readonly index: number;
  readonly offsetMs: number;
}

/**
 * The bounds a bound ON (its residual conjuncts, over the joined row `[left…, right…]` whose left part is
 * `width` wide) puts on the two sides' time columns: from `r BETWEEN l + a AND l + b`, `l BETWEEN r + a AND r + b`
 * and range comparisons between the two sides. Undefined when no conjunct bounds them (both sides must be the
 * same pair of columns throughout). With `numbersAreMs` (the columns are the sides' event times, dialect §6), a
 * plain integer added to or subtracted from a column shifts it by that many milliseconds, as an INTERVAL does.
 */
export function columnTimeBounds(residual: readonly BoundExpr[], width: number, numbersAreMs = false): ColumnTimeBounds | undefined {
  const linear = (expr: BoundExpr): Linear | undefined => linearTime(expr, numbersAreMs);
  let lower = -Infinity;
  let upper = Infinity;
  let pair: { left: Linear; right: Linear } | undefined;
  /** Records `right − left ≥ min` (or ≤ max) for the pair of columns, if it is the same pair as before. */
  const bound = (l: Linear, r: Linear, kind: 'min' | 'max', deltaMs: number): void => {
    if (pair && (pair.left.index !== l.index || pair.right.index !== r.index)) return;
    pair ??= { left: l, right: r };
    if (kind === 'min') lower = Math.max(lower, deltaMs);
    else upper = Math.min(upper, deltaMs);
  };
  /** `a op b` with a and b linear, on opposite sides; false when they are not. */
  const compare = (a: Linear, op: '<' | '<=' | '>' | '>=', b: Linear): boolean => {
    const aLeft = a.index < width;
    if (aLeft === b.index < width) return false;
    // Normalise to `right − left` compared with a constant: a + oa op b + ob.
    // l.col + l.off op r.col + r.off  ⇔  r.col − l.col (op mirrored) l.off − r.off, and the other way round.
    const [l, r] = aLeft ? [a, b] : [b, a];
    const delta = l.offsetMs - r.offsetMs;
    const rightIsGreater = aLeft ? op === '<' || op === '<=' : op === '>' || op === '>=';
    bound(l, r, rightIsGreater ? 'min' : 'max', delta);
    return true;
  };
  const candidates: { condition: BoundExpr; terms: Linear[] }[] = [];
  for (const condition of residual) {
    if (condition.kind === 'Between' && !condition.negated) {
      const value = linear(condition.input);
      const low = linear(condition.low);
      const high = linear(condition.high);
      if (value && low && high) {
        const boundsLow = compare(value, '>=', low);
        const boundsHigh = compare(value, '<=', high);
        if (boundsLow && boundsHigh) candidates.push({ condition, terms: [value, low, high] });
      }
    } else if (condition.kind === 'Comparison' && condition.op !== '=' && condition.op !== '<>') {
      const a = linear(condition.left);
      const b = linear(condition.right);
      if (a && b && compare(a, condition.op, b) && (condition.op === '<=' || condition.op === '>=')) candidates.push({ condition, terms: [a, b] });
    }
  }
  if (!pair) return undefined;
  const found: { left: Linear; right: Linear } = pair;
  // A conjunct over the very pair, on plain columns whose values are epoch-ms numbers, is what the bound check computes.
  const exact = (term: Linear): boolean =>
    term.column.kind === 'Column' && (term.column.type.kind === 'TIMESTAMP' || term.column.type.kind === 'BIGINT') && (term.index === found.left.index || term.index === found.right.index);
  const implied = new Set(candidates.filter((c) => c.terms.every(exact)).map((c) => c.condition));
  return { lowerMs: lower, upperMs: upper, leftTime: found.left.column, rightTime: shiftColumns(found.right.column, -width), implied };
}

function linearTime(expr: BoundExpr, numbersAreMs: boolean): Linear | undefined {
  const linear = (e: BoundExpr): Linear | undefined => linearTime(e, numbersAreMs);
  const shiftMs = (e: BoundExpr): number | undefined => intervalMs(e) ?? (numbersAreMs ? integerMs(e) : undefined);
  switch (expr.kind) {
    case 'Column':
      return { column: expr, index: expr.index, offsetMs: 0 };
    case 'Cast':
      return linear(expr.input);
    case 'Arithmetic': {
      if (expr.op !== '+' && expr.op !== '-') return undefined;
      const shift = shiftMs(expr.right);
      if (shift !== undefined) {
        const base = linear(expr.left);
        return base && { ...base, offsetMs: base.offsetMs + (expr.op === '+' ? shift : -shift) };
      }
      const leading = expr.op === '+' ? shiftMs(expr.left) : undefined;
      if (leading !== undefined) {
        const base = linear(expr.right);
        return base && { ...base, offsetMs: base.offsetMs + leading };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function intervalMs(expr: BoundExpr): number | undefined {
  if (expr.kind === 'Literal' && expr.type.kind === 'INTERVAL' && typeof expr.value === 'number') return expr.value;
  if (expr.kind === 'Cast') return intervalMs(expr.input);
  return undefined;
}

/** A BIGINT literal's value (milliseconds when it shifts an event-time column). */
function integerMs(expr: BoundExpr): number | undefined {
  if (expr.kind === 'Literal' && expr.type.kind === 'BIGINT' && typeof expr.value === 'number') return expr.value;
  if (expr.kind === 'Cast') return integerMs(expr.input);
  return undefined;
}
