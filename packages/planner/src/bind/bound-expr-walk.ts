import type { BoundExpr } from './bound-expr.js';

/** The direct sub-expressions of a bound expression. */
function childrenOf(expr: BoundExpr): readonly BoundExpr[] {
  switch (expr.kind) {
    case 'Literal':
    case 'Column':
    case 'SystemColumn':
      return [];
    case 'Call':
      return expr.args;
    case 'Cast':
    case 'Negate':
    case 'Not':
    case 'IsNull':
    case 'IsTruth':
      return [expr.input];
    case 'Arithmetic':
    case 'Comparison':
    case 'Concat':
    case 'IsDistinct':
      return [expr.left, expr.right];
    case 'And':
    case 'Or':
      return expr.args;
    case 'InList':
      return [expr.input, ...expr.list];
    case 'Between':
      return [expr.input, expr.low, expr.high];
    case 'Like':
      return [expr.input, expr.pattern];
    case 'Case':
      return [...expr.whens.flatMap((w) => [w.when, w.then]), ...(expr.otherwise ? [expr.otherwise] : [])];
  }
}

/** The row positions an expression reads. */
export function columnsRead(expr: BoundExpr, out: Set<number> = new Set()): Set<number> {
  if (expr.kind === 'Column') out.add(expr.index);
  for (const child of childrenOf(expr)) columnsRead(child, out);
  return out;
}

/** The same expression reading column `i + shift` wherever it read column `i`. */
export function shiftColumns(expr: BoundExpr, shift: number): BoundExpr {
  const s = (e: BoundExpr): BoundExpr => shiftColumns(e, shift);
  switch (expr.kind) {
    case 'Literal':
    case 'SystemColumn':
      return expr;
    case 'Column':
      return { ...expr, index: expr.index + shift };
    case 'Call':
      return { ...expr, args: expr.args.map(s) };
    case 'Cast':
    case 'Negate':
    case 'Not':
    case 'IsNull':
    case 'IsTruth':
      return { ...expr, input: s(expr.input) };
    case 'Arithmetic':
    case 'Comparison':
    case 'Concat':
    case 'IsDistinct':
      return { ...expr, left: s(expr.left), right: s(expr.right) };
    case 'And':
    case 'Or':
      return { ...expr, args: expr.args.map(s) };
    case 'InList':
      return { ...expr, input: s(expr.input), list: expr.list.map(s) };
    case 'Between':
      return { ...expr, input: s(expr.input), low: s(expr.low), high: s(expr.high) };
    case 'Like':
      return { ...expr, input: s(expr.input), pattern: s(expr.pattern) };
    case 'Case':
      return { ...expr, whens: expr.whens.map((w) => ({ when: s(w.when), then: s(w.then) })), otherwise: expr.otherwise ? s(expr.otherwise) : undefined };
  }
}

/** The conjuncts of a predicate (`a AND b AND c` → [a, b, c]). */
export function conjuncts(expr: BoundExpr): readonly BoundExpr[] {
  return expr.kind === 'And' ? expr.args.flatMap(conjuncts) : [expr];
}
