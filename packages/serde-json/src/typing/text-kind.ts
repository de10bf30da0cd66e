import { SqlTypes, decimalType, type SqlType } from '@velots/core';
import { parseDateFast as parseDateText, parseTimestampFast as parseTimestampText } from './fast-temporal.js';

/** What a single text value looks like on its own (dialect §8 "CSV typing"), before a column type exists. */
export type TextKind = 'NULL' | 'BIGINT' | 'DECIMAL' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP' | 'STRING';

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

/** True for `-?\d+` (a leading `+` is text, as in the dialect). */
export function isIntegerText(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `-?\d+` within i64: a number while safe, a bigint beyond; undefined when not an i64. */
export function parseI64(text: string): number | bigint | undefined {
  if (!isIntegerText(text)) return undefined;
  if (text.length <= 15) return Number(text);
  const big = BigInt(text);
  if (big > I64_MAX || big < I64_MIN) return undefined;
  return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big;
}

/** A number with a fraction and/or an exponent: `-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?` that is not a plain integer. */
export function isDecimalText(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  let intDigits = 0, fracDigits = 0, dot = false, exp = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (dot) fracDigits++;
      else intDigits++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (intDigits + fracDigits === 0) return false;
  if (i < n && (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69)) {
    exp = true;
    i++;
    if (i < n && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45)) i++;
    const start = i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === start) return false;
  }
  return i === n && (dot || exp);
}

/** `dddd-dd-dd`: the only date shape inference accepts (the others need a declared DATE). */
function isIsoDateShape(text: string): boolean {
  return text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45;
}

/** Classifies one value by its text alone. `''` is NULL. */
export function inferTextKind(text: string | null): TextKind {
  if (text === null || text.length === 0) return 'NULL';
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 || c === 46) {
    if (isIntegerText(text)) return parseI64(text) === undefined ? (text.length <= 39 ? 'DECIMAL' : 'STRING') : 'BIGINT';
    if (isDecimalText(text)) return 'DECIMAL';
    if (isIsoDateShape(text) && parseDateText(text) !== undefined) return 'DATE';
    if (text.length > 15 && isIsoDateShape(text.slice(0, 10)) && (text.charCodeAt(10) | 32) === 116 && parseTimestampText(text) !== undefined) {
      return 'TIMESTAMP';
    }
    return 'STRING';
  }
  if (text.length <= 5) {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === 'false' || lower === 'yes' || lower === 'no') return 'BOOLEAN';
  }
  return 'STRING';
}

/** Number of fraction digits a decimal text keeps as its scale (exponent included: `1.5e-3` → 4, `1e3` → 0). */
export function decimalTextScale(text: string): number {
  const e = text.search(/[eE]/);
  const mantissa = e === -1 ? text : text.slice(0, e);
  const exponent = e === -1 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const fraction = dot === -1 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, fraction - exponent);
}

/** Digits before the decimal point of a number text, its exponent applied (`-0012.5` → 2, `1.5e3` → 4). */
export function integerDigitCount(text: string): number {
  const e = text.search(/[eE]/);
  const mantissa = e === -1 ? text : text.slice(0, e);
  const exponent = e === -1 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const whole = (dot === -1 ? mantissa : mantissa.slice(0, dot)).replace(/^[+-]/, '').replace(/^0+/, '');
  return Math.max(0, whole.length + exponent);
}

/** Integer digits an inferred DECIMAL column allows at least, so later values larger than the sample still fit. */
const INFERRED_INTEGER_DIGITS = 18;

/**
 * Folds the kinds seen in a column's sample into its type: one kind is that type, BIGINT with DECIMAL
 * widens to DECIMAL(p, max scale) with p = max(18, the sample's integer digits) + scale (capped at 38: a
 * tight precision keeps unions and products of inferred columns exact), anything else mixed (or only
 * NULLs) is STRING.
 */
export class ColumnKindAccumulator {
  private kind: TextKind = 'NULL';
  private mixed = false;
  private maxScale = 0;
  /** Largest integer part seen, in digits; 38 once a value arrives without its text (JSON numbers). */
  private maxIntegerDigits = 0;

  /** Adds one sampled value. */
  add(text: string | null): void {
    const kind = inferTextKind(text);
    if (kind === 'NULL') return;
    if (kind === 'DECIMAL' && text !== null) this.maxScale = Math.max(this.maxScale, decimalTextScale(text));
    if ((kind === 'DECIMAL' || kind === 'BIGINT') && text !== null) this.maxIntegerDigits = Math.max(this.maxIntegerDigits, integerDigitCount(text));
    this.merge(kind);
  }

  /** Adds a kind whose scale is already known (JSON numbers). */
  addKind(kind: TextKind, scale = 0): void {
    if (kind === 'NULL') return;
    if (kind === 'DECIMAL') this.maxScale = Math.max(this.maxScale, scale);
    if (kind === 'DECIMAL' || kind === 'BIGINT') this.maxIntegerDigits = 38;
    this.merge(kind);
  }

  private merge(kind: TextKind): void {
    if (this.kind === 'NULL' || this.kind === kind) this.kind = kind;
    else if ((this.kind === 'BIGINT' && kind === 'DECIMAL') || (this.kind === 'DECIMAL' && kind === 'BIGINT')) this.kind = 'DECIMAL';
    else this.mixed = true;
  }

  /** The inferred column type. */
  type(): SqlType {
    if (this.mixed) return SqlTypes.STRING;
    switch (this.kind) {
      case 'NULL':
      case 'STRING':
        return SqlTypes.STRING;
      case 'DECIMAL':
      {
        const scale = Math.min(this.maxScale, 38);
        return decimalType(Math.min(38, Math.max(INFERRED_INTEGER_DIGITS, this.maxIntegerDigits) + scale), scale);
      }
      default:
        return SqlTypes[this.kind];
    }
  }
}
