import type { DecimalValue } from '@velots/core';
import { decimalFromUnscaled, parseDecimal } from '../typing/decimal-values.js';

/** A decoded JSON value: integers as number (bigint beyond 2^53), fractions/exponents as exact decimals. */
export type JsonValue = null | boolean | number | bigint | string | DecimalValue | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Invalid JSON at a 0-based offset of the parsed text. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses one JSON text exactly: integers as numbers (bigints beyond 2^53), numbers with a fraction or exponent as
 * exact decimals. Node 20's JSON.parse has no source-text access in revivers, so it cannot do this. This parser used
 * to be the slow path behind a regex gate that sent texts without such numbers to JSON.parse; accumulating digits
 * while scanning and slicing strings with indexOf made it faster than gate + JSON.parse for every shape measured
 * (200k trade lines, CPU: with a decimal price 164 → 134 ms, integers only 198 → 137 ms, with a 400-character
 * string 265 → 194 ms; JSON.parse alone 99 / 97 / 114 ms).
 */
export function parseJsonExact(text: string): JsonValue {
  return new ExactJsonParser(text).parseDocument();
}

const NO_KEYS: readonly string[] = [];

/** Returned by parseJsonObjectInto when the text was an object (its fields are in `values`). */
export const OBJECT_FIELDS_READ: unique symbol = Symbol('object fields read');

/**
 * Parses a JSON text that should be an object straight into `values` by column: the value of each key found in
 * `columns` lands at its index (keys not in `columns` are parsed and dropped; a repeated key keeps the last value),
 * without building the object. Returns OBJECT_FIELDS_READ, or the top-level value when it is not an object.
 * `expectedKeys` (optional): `JSON.stringify` of the key of column 0, 1, …: a member whose key is spelled exactly
 * so at its place in the object (the usual case for machine-written lines) is matched by one comparison instead of
 * decoding the key and looking it up; any other spelling or order takes the general path, with the same result.
 */
export function parseJsonObjectInto(
  text: string,
  columns: ReadonlyMap<string, number>,
  values: (JsonValue | undefined)[],
  expectedKeys?: readonly string[],
): JsonValue | typeof OBJECT_FIELDS_READ {
  return new ExactJsonParser(text).parseDocumentInto(columns, values, expectedKeys);
}

class ExactJsonParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseDocumentInto(
    columns: ReadonlyMap<string, number>,
    values: (JsonValue | undefined)[],
    expectedKeys: readonly string[] | undefined,
  ): JsonValue | typeof OBJECT_FIELDS_READ {
    this.skipBlanks();
    let result: JsonValue | typeof OBJECT_FIELDS_READ = OBJECT_FIELDS_READ;
    if (this.text.charCodeAt(this.pos) === 123) this.parseObjectInto(columns, values, expectedKeys ?? NO_KEYS);
    else result = this.parseValue();
    this.skipBlanks();
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text[this.pos]}' after the JSON value`);
    return result;
  }

  private parseObjectInto(columns: ReadonlyMap<string, number>, values: (JsonValue | undefined)[], expectedKeys: readonly string[]): void {
    this.pos++;
    this.skipBlanks();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return;
    }
    for (let member = 0; ; member++) {
      let index: number | undefined;
      const expected = member < expectedKeys.length ? (expectedKeys[member] as string) : undefined;
      if (expected !== undefined && this.text.startsWith(expected, this.pos)) {
        // The key is spelled exactly as column `member`'s: the same key parseKeyAndColon would decode.
        this.pos += expected.length;
        this.colonAfterKey();
        index = member;
      } else index = columns.get(this.parseKeyAndColon());
      const value = this.parseValue();
      if (index !== undefined) values[index] = value;
      this.skipBlanks();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 125) return;
      if (c !== 44) {
        this.pos--;
        this.fail("expected ',' or '}' in an object");
      }
      this.skipBlanks();
    }
  }

  parseDocument(): JsonValue {
    this.skipBlanks();
    const value = this.parseValue();
    this.skipBlanks();
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text[this.pos]}' after the JSON value`);
    return value;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos);
  }

  private skipBlanks(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = t.charCodeAt(++this.pos);
  }

  private parseValue(): JsonValue {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 123:
        return this.parseObject();
      case 91:
        return this.parseArray();
      case 34:
        return this.parseString();
      case 116:
        return this.parseWord('true', true);
      case 102:
        return this.parseWord('false', false);
      case 110:
        return this.parseWord('null', null);
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return this.parseNumber();
        return this.fail(Number.isNaN(c) ? 'unexpected end of JSON' : `unexpected '${this.text[this.pos]}'`);
    }
  }

  private parseWord<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`unexpected '${this.text[this.pos]}'`);
    this.pos += word.length;
    return value;
  }

  /** Reads `"key" :` and the blanks after it, leaving the position at the member's value. */
  private parseKeyAndColon(): string {
    if (this.text.charCodeAt(this.pos) !== 34) this.fail('expected a string key');
    const key = this.parseString();
    this.colonAfterKey();
    return key;
  }

  /** Reads ` :` and the blanks after it (the position is just past a key). */
  private colonAfterKey(): void {
    this.skipBlanks();
    if (this.text.charCodeAt(this.pos) !== 58) this.fail("expected ':' after a key");
    this.pos++;
    this.skipBlanks();
  }

  private parseObject(): JsonObject {
    const out: JsonObject = {};
    this.pos++;
    this.skipBlanks();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return out;
    }
    for (;;) {
      const key = this.parseKeyAndColon();
      const value = this.parseValue();
      // defineProperty keeps a "__proto__" key as data, like JSON.parse does; plain assignment is much faster.
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      this.skipBlanks();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 125) return out;
      if (c !== 44) {
        this.pos--;
        this.fail("expected ',' or '}' in an object");
      }
      this.skipBlanks();
    }
  }

  private parseArray(): JsonValue[] {
    const out: JsonValue[] = [];
    this.pos++;
    this.skipBlanks();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.parseValue());
      this.skipBlanks();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 93) return out;
      if (c !== 44) {
        this.pos--;
        this.fail("expected ',' or ']' in an array");
      }
      this.skipBlanks();
    }
  }

  private parseString(): string {
    const t = this.text;
    const start = ++this.pos;
    // Fast path: no escapes, one slice (native indexOf and a regex test scan long strings faster than a JS loop).
    const close = t.indexOf('"', start);
    if (close !== -1) {
      const text = t.slice(start, close);
      if (!ESCAPE_OR_CONTROL.test(text)) {
        this.pos = close + 1;
        return text;
      }
    }
    let out = '';
    let chunkStart = start;
    for (let i = start; ; i++) {
      if (i >= t.length) {
        this.pos = i;
        this.fail('unterminated string');
      }
      const c = t.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return out + t.slice(chunkStart, i);
      }
      if (c < 32) {
        this.pos = i;
        this.fail('control character in a string');
      }
      if (c === 92) {
        out += t.slice(chunkStart, i);
        const e = t[i + 1];
        i++;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = t.slice(i + 1, i + 5);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
              this.pos = i;
              this.fail('bad \\u escape');
            }
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            this.pos = i;
            this.fail('bad escape');
        }
        chunkStart = i + 1;
      }
    }
  }

  private parseNumber(): JsonValue {
    const t = this.text;
    const start = this.pos;
    let i = start;
    const negative = t.charCodeAt(i) === 45;
    if (negative) i++;
    const intStart = i;
    // Digits are accumulated as they are scanned: up to 15 of them (integer and fraction together) the value is
    // exact in number arithmetic, which spares a slice and a text parse for the common case.
    let digits = 0;
    let c = t.charCodeAt(i);
    while (c >= 48 && c <= 57) {
      digits = digits * 10 + (c - 48);
      c = t.charCodeAt(++i);
    }
    const intDigits = i - intStart;
    if (intDigits === 0 || (t.charCodeAt(intStart) === 48 && intDigits > 1)) {
      this.pos = intStart;
      this.fail('invalid number');
    }
    let fractionDigits = 0;
    let exact = true;
    if (c === 46) {
      exact = false;
      const f = ++i;
      c = t.charCodeAt(i);
      while (c >= 48 && c <= 57) {
        digits = digits * 10 + (c - 48);
        c = t.charCodeAt(++i);
      }
      fractionDigits = i - f;
      if (fractionDigits === 0) {
        this.pos = i;
        this.fail('invalid number: digits expected after the point');
      }
    }
    let exponent = false;
    if (c === 101 || c === 69) {
      exact = false;
      exponent = true;
      i++;
      const s = t.charCodeAt(i);
      if (s === 43 || s === 45) i++;
      const d = i;
      while (isDigit(t.charCodeAt(i))) i++;
      if (i === d) {
        this.pos = i;
        this.fail('invalid number: digits expected in the exponent');
      }
    }
    this.pos = i;
    const short = intDigits + fractionDigits <= 15;
    if (exact) {
      if (short) return negative ? -digits : digits;
    } else if (short && !exponent) {
      return decimalFromUnscaled(negative ? -digits : digits, fractionDigits);
    }
    const text = t.slice(start, i);
    if (!exact) return parseDecimal(text);
    const big = BigInt(text);
    const safe = big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER);
    if (safe) return Number(big);
    return big >= -9223372036854775808n && big <= 9223372036854775807n ? big : parseDecimal(text);
  }
}

// JSON strings may not hold raw control characters, so the pattern names them on purpose.
// eslint-disable-next-line no-control-regex
const ESCAPE_OR_CONTROL = /[\\\u0000-\u001f]/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
