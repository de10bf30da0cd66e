import {
  formatSqlType,
  parseBooleanText,
  type SqlType,
  type SqlValue,
} from '@velots/core';
import { decimalPrecision, parseDecimal, rescaleDecimal } from './decimal-values.js';
import { nestedFromJsonText } from '../json/json-cast.js';
import { parseDateFast, parseTimestampFast } from './fast-temporal.js';
import { isDecimalText, isIntegerText, parseI64 } from './text-kind.js';

/** Returned by a converter for text that is not a value of its type. */
export const NOT_A_VALUE: unique symbol = Symbol('not a value');
/** Returned by a DECIMAL(p,s) converter for a number with more than p digits at scale s. */
export const OVERFLOWS: unique symbol = Symbol('overflows');

/** Text (non-empty, already trimmed) → a value of one column type, or a failure marker. Built once per column. */
export type TextConverter = (text: string) => SqlValue | typeof NOT_A_VALUE | typeof OVERFLOWS;

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;

/**
 * The converter for values of an inferred column: only the forms inference itself recognises
 * (dialect §8), and decimals keep their own scale so a passthrough reproduces its input.
 */
export function inferredTextConverter(type: SqlType): TextConverter {
  switch (type.kind) {
    case 'BIGINT':
      return (text) => parseI64(text) ?? NOT_A_VALUE;
    case 'DECIMAL':
      return (text) => {
        if (!isIntegerText(text) && !isDecimalText(text)) return NOT_A_VALUE;
        const value = parseDecimalOrFail(text);
        return value !== NOT_A_VALUE && decimalPrecision(value) > type.precision ? OVERFLOWS : value;
      };
    case 'BOOLEAN':
      return (text) => {
        const lower = text.toLowerCase();
        return lower === 'true' || lower === 'yes' ? true : lower === 'false' || lower === 'no' ? false : NOT_A_VALUE;
      };
    case 'DATE':
      // Inference accepts only the ISO shape; other date forms need a declared DATE.
      return (text) => (text.length === 10 && text.charCodeAt(4) === 45 ? parseDateFast(text) ?? NOT_A_VALUE : NOT_A_VALUE);
    case 'TIMESTAMP':
      return (text) => ((text.charCodeAt(10) | 32) === 116 ? parseTimestampFast(text) ?? NOT_A_VALUE : NOT_A_VALUE);
    default:
      return declaredTextConverter(type);
  }
}

/** The converter for a declared column type: CAST-from-string rules of dialect §8. */
export function declaredTextConverter(type: SqlType): TextConverter {
  switch (type.kind) {
    case 'STRING':
      return (text) => text;
    case 'BIGINT':
      // Digits beyond 64 bits are a number too big for the column, not text that is no number.
      return (text) => parseI64(text) ?? (isIntegerText(text) ? OVERFLOWS : NOT_A_VALUE);
    case 'INTEGER':
      return (text) => {
        const v = parseI64(text);
        if (v === undefined) return isIntegerText(text) ? OVERFLOWS : NOT_A_VALUE;
        return typeof v === 'number' && v >= I32_MIN && v <= I32_MAX ? v : OVERFLOWS;
      };
    case 'INTERVAL':
      return (text) => {
        const v = parseI64(text);
        return typeof v === 'number' ? v : NOT_A_VALUE;
      };
    case 'DOUBLE':
      return parseDoubleText;
    case 'DECIMAL':
      return (text) => {
        if (!isIntegerText(text) && !isDecimalText(text)) return NOT_A_VALUE;
        const parsed = parseDecimalOrFail(text);
        if (parsed === NOT_A_VALUE) return NOT_A_VALUE;
        const value = parsed.scale === type.scale ? parsed : rescaleDecimal(parsed, type.scale);
        return decimalPrecision(value) > type.precision ? OVERFLOWS : value;
      };
    case 'BOOLEAN':
      return (text) => {
        const lower = text.toLowerCase();
        if (lower === 'yes') return true;
        if (lower === 'no') return false;
        return parseBooleanText(text) ?? NOT_A_VALUE;
      };
    case 'DATE':
      return (text) => parseDateFast(text) ?? NOT_A_VALUE;
    case 'TIMESTAMP':
      return (text) => {
        if (isIntegerText(text)) {
          const ms = parseI64(text);
          return typeof ms === 'number' ? ms : NOT_A_VALUE;
        }
        return parseTimestampFast(text) ?? NOT_A_VALUE;
      };
    case 'BYTES':
      return (text) => new TextEncoder().encode(text);
    case 'NULL':
      return () => null;
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
      // Nested values in a text format are written as JSON (what the sinks write); decoded by the JSON reader's rules.
      return (text) => nestedFromJsonText(text, type);
  }
}

const DOUBLE_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function parseDoubleText(text: string): number | typeof NOT_A_VALUE {
  if (DOUBLE_TEXT.test(text)) return Number(text);
  switch (text.toLowerCase()) {
    case 'nan':
      return NaN;
    case 'infinity':
    case 'inf':
    case '+infinity':
      return Infinity;
    case '-infinity':
    case '-inf':
      return -Infinity;
    default:
      return NOT_A_VALUE;
  }
}

function parseDecimalOrFail(text: string): ReturnType<typeof parseDecimal> | typeof NOT_A_VALUE {
  try {
    return parseDecimal(text);
  } catch {
    return NOT_A_VALUE;
  }
}

/** `DECIMAL(10,2)` etc., for messages. */
export function typeName(type: SqlType): string {
  return formatSqlType(type);
}
