import type { BoundExpr } from '@velots/planner';

/** Scales 0 … this get an entry in a literal's table (a DECIMAL value of a larger scale takes the general compare). */
const MAX_TABLE_SCALE = 22;

/**
 * For a comparison of a DECIMAL value with a numeric literal (`price > 250`, `price <= 2.5`): the literal as an
 * unscaled integer at each value scale `s` (index s), so a value with a number unscaled `u` compares as `u` against
 * that entry — exact, since both are safe integers. An entry is undefined where the literal is not a safe integer
 * at that scale (more fraction digits than `s`, or too large); the whole table is undefined when the literal is
 * not a safe integer or a DECIMAL with a number unscaled value.
 */
export function scaledLiteralTable(literal: BoundExpr): readonly (number | undefined)[] | undefined {
  if (literal.kind !== 'Literal') return undefined;
  const value: unknown = literal.value;
  let unscaled: number;
  let scale: number;
  if (typeof value === 'number' && (literal.type.kind === 'INTEGER' || literal.type.kind === 'BIGINT')) {
    unscaled = value;
    scale = 0;
  } else if (literal.type.kind === 'DECIMAL' && typeof value === 'object' && value !== null && 'unscaled' in value && 'scale' in value) {
    const decimal = value as { unscaled: unknown; scale: unknown };
    if (typeof decimal.unscaled !== 'number' || typeof decimal.scale !== 'number') return undefined;
    unscaled = decimal.unscaled;
    scale = decimal.scale;
  } else return undefined;
  if (!Number.isSafeInteger(unscaled)) return undefined;
  const table: (number | undefined)[] = [];
  for (let s = 0; s <= MAX_TABLE_SCALE; s++) {
    const scaled = s < scale ? Number.NaN : unscaled * 10 ** (s - scale);
    table.push(Number.isSafeInteger(scaled) ? scaled + 0 : undefined);
  }
  return table;
}

/** The operator of `a op b` written as `b op' a`. */
export function flippedComparison(op: string): string {
  switch (op) {
    case '<':
      return '>';
    case '<=':
      return '>=';
    case '>':
      return '<';
    case '>=':
      return '<=';
    default:
      return op; // = and <> are symmetric
  }
}
