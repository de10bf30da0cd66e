import { SqlTypes, arrayType, decimalType, isDecimalValue, mapType, type SqlType, type SqlValue } from '@velots/core';
import { defaultFunctionCatalog } from '../../src/functions/catalog.js';
import type { EvalContext } from '../../src/functions/function-def.js';
import { invokeScalar, standaloneContext } from '../../src/functions/invoke.js';

/** An argument with an explicit SQL type (for DATE, TIMESTAMP, INTERVAL and DOUBLE integers). */
export interface Typed {
  readonly typed: true;
  readonly value: SqlValue;
  readonly type: SqlType;
}

export const typed = (value: SqlValue, type: SqlType): Typed => ({ typed: true, value, type });
export const ts = (value: number | null): Typed => typed(value, SqlTypes.TIMESTAMP);
export const date = (value: number | null): Typed => typed(value, SqlTypes.DATE);
export const interval = (ms: number | null): Typed => typed(ms, SqlTypes.INTERVAL);
export const double = (x: number | null): Typed => typed(x, SqlTypes.DOUBLE);

function isTyped(v: unknown): v is Typed {
  return typeof v === 'object' && v !== null && (v as { typed?: unknown }).typed === true;
}

/** The SQL type a test literal stands for: integers BIGINT, fractions DOUBLE, decimals DECIMAL(38, scale). */
export function typeOfLiteral(v: SqlValue): SqlType {
  if (v === null) return SqlTypes.NULL;
  switch (typeof v) {
    case 'boolean':
      return SqlTypes.BOOLEAN;
    case 'number':
      return Number.isInteger(v) ? SqlTypes.BIGINT : SqlTypes.DOUBLE;
    case 'bigint':
      return SqlTypes.BIGINT;
    case 'string':
      return SqlTypes.STRING;
    default:
      if (isDecimalValue(v)) return decimalType(Math.max(18, v.scale + 1), v.scale);
      if (Array.isArray(v)) return arrayType(typeOfLiteral((v as SqlValue[]).find((e) => e !== null) ?? null));
      if (v instanceof Map) {
        const [k, e] = [...(v as Map<SqlValue, SqlValue>).entries()][0] ?? [null, null];
        return mapType(typeOfLiteral(k), typeOfLiteral(e));
      }
      return SqlTypes.STRING;
  }
}

/** Calls a catalog function as the compiled plan would, every argument a constant. */
export function call(name: string, ...args: (SqlValue | Typed)[]): SqlValue {
  return callIn(standaloneContext(1_710_498_600_123, 1_700_000_000_000), name, ...args);
}

/** `call` with a given evaluation context. */
export function callIn(ctx: EvalContext, name: string, ...args: (SqlValue | Typed)[]): SqlValue {
  const fn = defaultFunctionCatalog.lookup(name);
  if (!fn) throw new Error(`no function ${name}`);
  const values = args.map((a) => (isTyped(a) ? a.value : a));
  const types = args.map((a) => (isTyped(a) ? a.type : typeOfLiteral(a)));
  return invokeScalar(fn, types, values, ctx);
}

/** The result type a call resolves to. */
export function resultType(name: string, ...types: SqlType[]): SqlType {
  const fn = defaultFunctionCatalog.lookup(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn.resolve(types).result;
}

/** The error a call throws (undefined when it does not). */
export function errorOf(name: string, ...args: (SqlValue | Typed)[]): { code: string; message: string } | undefined {
  try {
    call(name, ...args);
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  return undefined;
}
