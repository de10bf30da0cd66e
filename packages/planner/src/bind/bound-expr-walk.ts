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
    case 'Subquery':
      return expr.input ? [expr.input] : [];
    case 'InSet':
      return [expr.input];
  }
}

/** The row positions an expression reads. */
export function columnsRead(expr: BoundExpr, out: Set<number> = new Set()): Set<number> {
  if (expr.kind === 'Column') out.add(expr.index);
  for (const child of childrenOf(expr)) columnsRead(child, out);
  return out;
}

/** Rebuilds an expression bottom-up, letting `fn` replace any node after its children were mapped. */
export function mapExpression(expr: BoundExpr, fn: (node: BoundExpr) => BoundExpr): BoundExpr {
  const m = (e: BoundExpr): BoundExpr => mapExpression(e, fn);
  let mapped: BoundExpr;
  switch (expr.kind) {
    case 'Literal':
    case 'SystemColumn':
    case 'Column':
      mapped = expr;
      break;
    case 'Call':
      mapped = { ...expr, args: expr.args.map(m) };
      break;
    case 'Cast':
    case 'Negate':
    case 'Not':
    case 'IsNull':
    case 'IsTruth':
      mapped = { ...expr, input: m(expr.input) };
      break;
    case 'Arithmetic':
    case 'Comparison':
    case 'Concat':
    case 'IsDistinct':
      mapped = { ...expr, left: m(expr.left), right: m(expr.right) };
      break;
    case 'And':
    case 'Or':
      mapped = { ...expr, args: expr.args.map(m) };
      break;
    case 'InList':
      mapped = { ...expr, input: m(expr.input), list: expr.list.map(m) };
      break;
    case 'Between':
      mapped = { ...expr, input: m(expr.input), low: m(expr.low), high: m(expr.high) };
      break;
    case 'Like':
      mapped = { ...expr, input: m(expr.input), pattern: m(expr.pattern) };
      break;
    case 'Case':
      mapped = { ...expr, whens: expr.whens.map((w) => ({ when: m(w.when), then: m(w.then) })), otherwise: expr.otherwise ? m(expr.otherwise) : undefined };
      break;
    case 'Subquery':
      mapped = { ...expr, input: expr.input ? m(expr.input) : undefined };
      break;
    case 'InSet':
      mapped = { ...expr, input: m(expr.input) };
      break;
  }
  return fn(mapped);
}

/** The same expression reading column `i + shift` wherever it read column `i`. */
export function shiftColumns(expr: BoundExpr, shift: number): BoundExpr {
  return mapExpression(expr, (node) => (node.kind === 'Column' ? { ...node, index: node.index + shift } : node));
}

/** The conjuncts of a predicate (`a AND b AND c` → [a, b, c]). */
export function conjuncts(expr: BoundExpr): readonly BoundExpr[] {
  return expr.kind === 'And' ? expr.args.flatMap(conjuncts) : [expr];
}
