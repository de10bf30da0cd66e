import { ErrorCodes, SqlTypes, VeloError, formatSqlType, isNumericType, type SqlType } from '@velots/core';

/**
 * Argument classes: what a parameter accepts and the type the argument is cast to before the call.
 * String parameters take any scalar (`CONCAT('id-', 42)` is common in Velostream apps) and see its text.
 */
export type ArgClass =
  | 'any'
  | 'numeric'
  | 'double'
  | 'integer'
  | 'string'
  | 'boolean'
  | 'time'
  | 'interval'
  | 'array'
  | 'map';

/** TYPE_MISMATCH naming the function, the 1-based argument and what it wanted. */
export function argumentError(fn: string, index: number, expected: string, got: SqlType): VeloError {
  return new VeloError(
    ErrorCodes.TYPE_MISMATCH,
    `${fn}: argument ${index + 1} must be ${expected}, got ${formatSqlType(got)}`,
    { details: { function: fn, argument: index + 1, expected, actual: formatSqlType(got) } },
  );
}

function isScalar(t: SqlType): boolean {
  return t.kind !== 'ARRAY' && t.kind !== 'MAP' && t.kind !== 'STRUCT';
}

/** The type argument `index` of `fn` is cast to for class `cls`; throws TYPE_MISMATCH when it does not fit. */
export function coerceArg(fn: string, index: number, t: SqlType, cls: ArgClass): SqlType {
  switch (cls) {
    case 'any':
      return t;
    case 'numeric':
      if (t.kind === 'NULL') return SqlTypes.BIGINT;
      if (isNumericType(t)) return t.kind === 'INTEGER' ? SqlTypes.BIGINT : t;
      throw argumentError(fn, index, 'a number', t);
    case 'double':
      if (t.kind === 'NULL' || isNumericType(t)) return SqlTypes.DOUBLE;
      throw argumentError(fn, index, 'a number', t);
    case 'integer':
      if (t.kind === 'NULL' || isNumericType(t)) return SqlTypes.BIGINT;
      throw argumentError(fn, index, 'an integer', t);
    case 'string':
      if (isScalar(t)) return SqlTypes.STRING;
      throw argumentError(fn, index, 'a string', t);
    case 'boolean':
      if (t.kind === 'NULL' || t.kind === 'BOOLEAN') return SqlTypes.BOOLEAN;
      throw argumentError(fn, index, 'a BOOLEAN', t);
    case 'time':
      if (['NULL', 'TIMESTAMP', 'DATE', 'BIGINT', 'INTEGER', 'STRING'].includes(t.kind)) return SqlTypes.TIMESTAMP;
      throw argumentError(fn, index, 'a TIMESTAMP, DATE or BIGINT epoch ms', t);
    case 'interval':
      if (t.kind === 'NULL' || t.kind === 'INTERVAL' || t.kind === 'BIGINT' || t.kind === 'INTEGER') return SqlTypes.INTERVAL;
      throw argumentError(fn, index, 'an INTERVAL or BIGINT ms', t);
    case 'array':
      if (t.kind === 'ARRAY' || t.kind === 'NULL' || t.kind === 'STRING') return t;
      throw argumentError(fn, index, 'an ARRAY (or JSON array text)', t);
    case 'map':
      if (t.kind === 'MAP' || t.kind === 'NULL' || t.kind === 'STRING') return t;
      throw argumentError(fn, index, 'a MAP (or JSON object text)', t);
    default: {
      const unknown: never = cls;
      throw new VeloError(ErrorCodes.INTERNAL, `unknown argument class ${String(unknown)}`);
    }
  }
}

/** Coerces every argument by its class; the last class repeats for variadic tails. */
export function coerceArgs(fn: string, types: readonly SqlType[], classes: readonly ArgClass[]): SqlType[] {
  return types.map((t, i) => coerceArg(fn, i, t, classes[Math.min(i, classes.length - 1)] ?? 'any'));
}
