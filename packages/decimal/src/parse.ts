import { decimalParseError, invalidArgument, numericOverflow, shown } from './errors.js';
import { MAX_PRECISION } from './limits.js';
import { rescaleUnscaled } from './rescale.js';
import { checkRoundingMode, type RoundingMode } from './rounding.js';
import { fitsDigits, normalizeUnscaled, type Unscaled } from './unscaled.js';

/** The DECIMAL(p, s) a parsed or cast value is coerced to; a missing scale keeps the text's, a missing precision is 38. */
export interface DecimalTarget {
  readonly precision?: number | undefined;
  readonly scale?: number | undefined;
  /** How digits beyond the target scale are rounded; HALF_UP (half away from zero) unless given. */
  readonly rounding?: RoundingMode | undefined;
}

/** A parsed value: its unscaled integer and scale. */
export interface UnscaledDecimal {
  readonly unscaled: Unscaled;
  readonly scale: number;
}

/** What the scanner found: the significant digits without leading zeros and the scale they carry (may be < 0 or > 38). */
interface ScannedDecimal {
  readonly negative: boolean;
  readonly digits: string;
  readonly scale: number;
}

const EXPONENT_CAP = 1_000_000_000;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Reads `[+-]digits[.digits][e[+-]digits]` (surrounding whitespace, `.5` and `5.` allowed), or with `json`
 * exactly RFC 8259 number text. Never goes through a float: the digits stay text until they become an integer.
 */
function scanDecimalText(text: string, json: boolean): ScannedDecimal {
  let start = 0;
  let end = text.length;
  if (!json) {
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  }
  if (start === end) throw decimalParseError(text, 'empty text');
  let i = start;
  const first = text.charCodeAt(i);
  const negative = first === 45; // '-'
  if (negative || (first === 43 && !json)) i++; // '+' only outside JSON
  const intStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < end && text.charCodeAt(i) === 46) {
    i++;
    fracStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    fracEnd = i;
    if (json && fracEnd === fracStart) throw expected(text, i, 'a digit after the decimal point');
  }
  if (intEnd === intStart && (json || fracEnd === fracStart)) throw expected(text, i, 'a digit');
  if (json && intEnd - intStart > 1 && text.charCodeAt(intStart) === 48) {
    throw decimalParseError(text, `leading zero at position ${intStart + 1} is not allowed in JSON number text`);
  }
  let exponent = 0;
  if (i < end && (text.charCodeAt(i) | 32) === 101) {
    i++;
    let exponentNegative = false;
    if (i < end && (text.charCodeAt(i) === 45 || text.charCodeAt(i) === 43))
      exponentNegative = text.charCodeAt(i++) === 45;
    const exponentStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) {
      // Beyond the cap the value overflows (or underflows) any DECIMAL, so the exact figure no longer matters.
      exponent = Math.min(exponent * 10 + (text.charCodeAt(i) - 48), EXPONENT_CAP);
      i++;
    }
    if (i === exponentStart) throw expected(text, i, 'a digit in the exponent');
    if (exponentNegative) exponent = -exponent;
  }
  if (i !== end) throw expected(text, i, json ? 'the end of the JSON number' : 'the end of the number');
  let digits = text.slice(intStart, intEnd) + text.slice(fracStart, fracEnd);
  let firstSignificant = 0;
  while (firstSignificant < digits.length && digits.charCodeAt(firstSignificant) === 48) firstSignificant++;
  digits = digits.slice(firstSignificant);
  return { negative, digits, scale: fracEnd - fracStart - exponent };
}

function expected(text: string, index: number, what: string): Error {
  const found = index < text.length ? `'${text[index]}'` : 'the end';
  return decimalParseError(text, `expected ${what} at position ${index + 1}, found ${found}`);
}

/** Validates a target type; only the API caller can get this wrong, so it is INVALID_ARGUMENT. */
function checkTarget(precision: number, scale: number | undefined): void {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION) {
    throw invalidArgument(`DECIMAL precision must be 1..${MAX_PRECISION}, got ${precision}`);
  }
  if (scale !== undefined && (!Number.isInteger(scale) || scale < 0 || scale > precision)) {
    throw invalidArgument(`DECIMAL scale must be 0..${precision}, got ${scale}`);
  }
}

/** Turns scanned digits into an unscaled value at the target scale, rounding once and checking the precision. */
function resolveScanned(text: string, scanned: ScannedDecimal, target: DecimalTarget): UnscaledDecimal {
  const precision = target.precision ?? MAX_PRECISION;
  checkTarget(precision, target.scale);
  const rounding = checkRoundingMode(target.rounding ?? 'HALF_UP');
  let { digits, scale } = scanned;
  const targetScale = target.scale ?? Math.max(scale, 0);
  if (targetScale > MAX_PRECISION) {
    throw numericOverflow(
      `DECIMAL text '${shown(text)}' has scale ${targetScale}, beyond the maximum ${MAX_PRECISION}`,
      { input: text },
    );
  }
  if (digits.length === 0) return { unscaled: 0, scale: targetScale };
  // Digits before the point only grow under rounding, so too many of them overflow whatever follows.
  if (digits.length - scale > precision - targetScale) {
    throw numericOverflow(`DECIMAL text '${shown(text)}' does not fit DECIMAL(${precision},${targetScale})`, {
      input: text,
    });
  }
  if (scale - targetScale > digits.length + 1) {
    // Far below the last kept digit only "nonzero and under a hundredth of a unit" matters for rounding.
    digits = '1';
    scale = targetScale + 2;
  }
  const magnitude = digits.length <= 15 ? Number(digits) : normalizeUnscaled(BigInt(digits));
  const signed = scanned.negative ? (typeof magnitude === 'number' ? 0 - magnitude : -magnitude) : magnitude;
  const unscaled =
    scale < 0 ? rescaleUnscaled(signed, 0, targetScale - scale) : rescaleUnscaled(signed, scale, targetScale, rounding);
  if (!fitsDigits(unscaled, precision)) {
    throw numericOverflow(`DECIMAL text '${shown(text)}' does not fit DECIMAL(${precision},${targetScale})`, {
      input: text,
    });
  }
  return { unscaled, scale: targetScale };
}

/**
 * Parses decimal text (`123.45`, `-0.010`, `1e-3`, `+7`, `.5`, surrounding whitespace) into an unscaled value;
 * the scale is the text's fraction digits minus its exponent (at least 0) unless the target gives one.
 */
export function parseDecimalText(text: string, target: DecimalTarget = {}): UnscaledDecimal {
  return resolveScanned(text, scanDecimalText(text, false), target);
}

/** Parses exactly JSON number text (`-0.5`, `1E+3`, `12.50` keeps scale 2); rejects `+1`, `.5`, `01`, spaces. */
export function parseJsonNumberText(text: string, target: DecimalTarget = {}): UnscaledDecimal {
  return resolveScanned(text, scanDecimalText(text, true), target);
}
