import type { SqlType } from '@velots/core';

/** Types whose values JS `<`/`==` compare exactly: numbers and bigints, strings, booleans. */
export function isPrimitiveComparable(type: SqlType): boolean {
  switch (type.kind) {
    case 'INTEGER':
    case 'BIGINT':
    case 'DOUBLE':
    case 'DATE':
    case 'TIMESTAMP':
    case 'INTERVAL':
    case 'STRING':
    case 'BOOLEAN':
      return true;
    default:
      return false;
  }
}

/** True for the numeric SQL types whose values are numbers, bigints or decimals. */
export function isNumericType(type: SqlType): boolean {
  return type.kind === 'INTEGER' || type.kind === 'BIGINT' || type.kind === 'DOUBLE' || type.kind === 'DECIMAL';
}

/** The operations generated code calls, supplied by the runtime (and ultimately by planner/decimal). */
export interface CodegenRuntime {
  compileCast(from: SqlType, to: SqlType): (value: unknown) => unknown;
  arithmetic(op: string, left: SqlType, right: SqlType, result: SqlType): (a: unknown, b: unknown) => unknown;
  negate(type: SqlType): (a: unknown) => unknown;
  compareValues(a: unknown, b: unknown): number;
  /** compareValues for two numeric-typed operands (skips ranking value kinds). */
  compareNumericValues(a: unknown, b: unknown): number;
  valuesEqual(a: unknown, b: unknown): boolean;
  compileLike(pattern: string, options: { caseInsensitive: boolean; escape: string | undefined }): (s: unknown) => boolean;
  likeCache(options: { caseInsensitive: boolean; escape: string | undefined }): (pattern: unknown) => (s: unknown) => boolean;
  keyToText(key: unknown): string;
  /**
   * DECIMAL op BIGINT without widening the integer to a Decimal first: `(decimal, integer, swapped)`,
   * where `swapped` means the integer was the left operand.
   */
  decimalWithInteger(op: '*' | '+' | '-'): (decimal: unknown, integer: unknown, swapped: boolean) => unknown;
  /** The value-based key IN-sets are built from (`1` and `1.0` share one). */
  hashKey(value: unknown): string | number | boolean | null;
}

