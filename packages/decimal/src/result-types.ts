// SQL result types of DECIMAL arithmetic, as SQL Server documents them (and Spark copies): the exact
// precision and scale first, then, past 38 digits, the scale gives way so the integer part keeps room.
import { invalidArgument } from './errors.js';
import { MAX_PRECISION } from './limits.js';

/** A DECIMAL(precision, scale) type as plain numbers; core's DecimalType fits this shape. */
export interface DecimalResultType {
  readonly precision: number;
  readonly scale: number;
}

/** The least scale a result keeps when the precision has to be cut back to 38 (SQL Server's and Spark's 6). */
export const MINIMUM_ADJUSTED_SCALE = 6;

/** The division rule's lower bound on the quotient's scale: max(6, s1 + p2 + 1). */
export const MINIMUM_DIVISION_SCALE = 6;

function checkType(precision: number, scale: number, side: string): void {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION) {
    throw invalidArgument(`${side} DECIMAL precision must be 1..${MAX_PRECISION}, got ${precision}`);
  }
  if (!Number.isInteger(scale) || scale < 0 || scale > precision) {
    throw invalidArgument(`${side} DECIMAL scale must be 0..${precision}, got ${scale}`);
  }
}

/**
 * Fits an exact result type into DECIMAL(38): when the precision exceeds 38, the integer digits stay and
 * the scale shrinks to what is left, but not below min(scale, 6); values that still do not fit overflow at run time.
 */
export function fitResultType(precision: number, scale: number): DecimalResultType {
  if (precision <= MAX_PRECISION) return { precision, scale };
  const integerDigits = precision - scale;
  const adjustedScale = Math.max(MAX_PRECISION - integerDigits, Math.min(scale, MINIMUM_ADJUSTED_SCALE));
  return { precision: MAX_PRECISION, scale: adjustedScale };
}

/** DECIMAL(p1,s1) ± DECIMAL(p2,s2): scale max(s1,s2), precision max(p1−s1, p2−s2) + scale + 1 (the carry). */
export function addResultType(p1: number, s1: number, p2: number, s2: number): DecimalResultType {
  checkType(p1, s1, 'left');
  checkType(p2, s2, 'right');
  const scale = Math.max(s1, s2);
  return fitResultType(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
}

/** DECIMAL(p1,s1) − DECIMAL(p2,s2): the same type as addition. */
export function subResultType(p1: number, s1: number, p2: number, s2: number): DecimalResultType {
  return addResultType(p1, s1, p2, s2);
}

/** DECIMAL(p1,s1) × DECIMAL(p2,s2): precision p1 + p2 + 1, scale s1 + s2. */
export function mulResultType(p1: number, s1: number, p2: number, s2: number): DecimalResultType {
  checkType(p1, s1, 'left');
  checkType(p2, s2, 'right');
  return fitResultType(p1 + p2 + 1, s1 + s2);
}

/** DECIMAL(p1,s1) ÷ DECIMAL(p2,s2): scale max(6, s1 + p2 + 1), precision p1 − s1 + s2 + scale. */
export function divResultType(p1: number, s1: number, p2: number, s2: number): DecimalResultType {
  checkType(p1, s1, 'left');
  checkType(p2, s2, 'right');
  const scale = Math.max(MINIMUM_DIVISION_SCALE, s1 + p2 + 1);
  return fitResultType(p1 - s1 + s2 + scale, scale);
}

/** MOD(DECIMAL(p1,s1), DECIMAL(p2,s2)): scale max(s1,s2), precision min(p1−s1, p2−s2) + scale. */
export function modResultType(p1: number, s1: number, p2: number, s2: number): DecimalResultType {
  checkType(p1, s1, 'left');
  checkType(p2, s2, 'right');
  const scale = Math.max(s1, s2);
  return fitResultType(Math.min(p1 - s1, p2 - s2) + scale, scale);
}

/** SUM(DECIMAL(p,s)): DECIMAL(38, s), as SQL Server and Spark (Spark: min(38, p + 10)); we take the full 38. */
export function sumResultType(precision: number, scale: number): DecimalResultType {
  checkType(precision, scale, 'argument');
  return { precision: MAX_PRECISION, scale };
}

/** AVG(DECIMAL(p,s)): DECIMAL(38, max(s, 6)), SQL Server's rule: the division rule's floor of 6 fraction digits. */
export function avgResultType(precision: number, scale: number): DecimalResultType {
  checkType(precision, scale, 'argument');
  return { precision: MAX_PRECISION, scale: Math.max(scale, MINIMUM_DIVISION_SCALE) };
}

/** The smallest DECIMAL(p, s) type that holds an integer type: BIGINT is DECIMAL(19,0), INTEGER DECIMAL(10,0). */
export function integerDecimalType(kind: 'INTEGER' | 'BIGINT'): DecimalResultType {
  return kind === 'BIGINT' ? { precision: 19, scale: 0 } : { precision: 10, scale: 0 };
}

/** The largest precision whose unscaled values are always JS numbers: 10^15 − 1 < 2^53 − 1 < 10^16 − 1. */
export const MAX_NUMBER_PATH_PRECISION = 15;

/**
 * True when every value of DECIMAL(precision, s) is a number in the canonical representation. When an
 * operation's exact result type (before fitting to 38) passes this, compiled code may use plain JS `+ − ×`
 * on the scale-aligned unscaled numbers: no overflow check and no bigint branch can be needed.
 */
export function fitsNumberPath(precision: number): boolean {
  return precision <= MAX_NUMBER_PATH_PRECISION;
}
