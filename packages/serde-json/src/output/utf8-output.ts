import type { DecimalValue } from '@velots/core';
import { POWERS_OF_TEN, scaledWhole } from '../typing/number-text.js';

const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const QUOTE = 34;
const BACKSLASH = 92;
/** Strings longer than this are encoded by Buffer's native UTF-8 writer instead of the JS copy loop. */
const NATIVE_FROM = 64;

/**
 * A growing byte buffer that sinks encode a batch into: text is written as UTF-8 piece by piece (short ASCII
 * text by a JS copy loop, the rest by Buffer's encoder), safe integers and small decimals as digits straight
 * into the bytes. A batch becomes one Buffer without building one string per row or per batch (a rope of
 * thousands of pieces that had to be flattened and then encoded). The bytes are exactly those of
 * `Buffer.from(text, 'utf8')` of the text the string encoders give (lone surrogates become U+FFFD, as there).
 */
export class Utf8Output {
  private buffer: Buffer;
  private pos = 0;

  constructor(private readonly initialCapacity = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(initialCapacity);
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.pos;
  }

  /** The bytes written so far, as a view of the output's own buffer: valid until the next write or `clear`. */
  view(): Buffer {
    return this.buffer.subarray(0, this.pos);
  }

  /** Forgets the bytes written, keeping the buffer for the next ones. */
  clear(): void {
    this.pos = 0;
  }

  /** The bytes written since the last `take`, in a Buffer the output no longer writes to. */
  take(): Buffer {
    const written = this.buffer.subarray(0, this.pos);
    this.buffer = Buffer.allocUnsafe(Math.max(this.initialCapacity, this.pos + (this.pos >> 2)));
    this.pos = 0;
    return written;
  }

  /** Appends `text` as UTF-8. */
  text(text: string): void {
    const n = text.length;
    this.reserve(n * 3);
    const b = this.buffer;
    let p = this.pos;
    if (n > NATIVE_FROM) {
      this.pos = p + b.write(text, p, 'utf8');
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        this.pos = p + b.write(i === 0 ? text : text.slice(i), p, 'utf8');
        return;
      }
      b[p++] = c;
    }
    this.pos = p;
  }

  /** Appends bytes (pre-encoded keys, separators). */
  bytes(bytes: Uint8Array): void {
    const n = bytes.length;
    this.reserve(n);
    const b = this.buffer;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = bytes[i] as number;
    this.pos = p;
  }

  /**
   * Compiles a writer of bytes fixed when a row writer is compiled (a JSON key with its `{` or `,`): one store
   * per byte, no loop over them, so a row's keys cost a few instructions each.
   */
  static constantWriter(bytes: Uint8Array): (out: Utf8Output) => void {
    const n = bytes.length;
    let stores = '';
    for (let i = 0; i < n; i++) stores += `b[p + ${i}] = ${bytes[i] as number};\n`;
    // The generated code reaches `buffer` and `pos` as this class's own methods do.
    return new Function('out', `out.reserve(${n});\nconst b = out.buffer;\nconst p = out.pos;\n${stores}out.pos = p + ${n};`) as (out: Utf8Output) => void;
  }

  /** Appends one ASCII character. */
  byte(code: number): void {
    this.reserve(1);
    this.buffer[this.pos++] = code;
  }

  /**
   * Appends `text` as a JSON string literal: quotes around it when nothing needs escaping (no quote, backslash,
   * control character or surrogate), `JSON.stringify(text)` otherwise.
   */
  jsonString(text: string): void {
    const n = text.length;
    if (n <= NATIVE_FROM) {
      this.reserve(n + 2);
      const b = this.buffer;
      let p = this.pos;
      b[p++] = QUOTE;
      let i = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c < 32 || c >= 128 || c === QUOTE || c === BACKSLASH) break;
        b[p++] = c;
      }
      if (i === n) {
        b[p++] = QUOTE;
        this.pos = p;
        return;
      }
    }
    this.text(needsJsonEscape(text) ? JSON.stringify(text) : '"' + text + '"');
  }

  /** Appends `String(v)`: safe integers as digits written in place, anything else through its text. */
  integer(v: number): void {
    if (!Number.isSafeInteger(v)) {
      this.text(String(v));
      return;
    }
    this.reserve(17);
    if (v < 0) {
      this.buffer[this.pos++] = MINUS;
      v = -v;
    }
    this.digits(v, 0);
  }

  /** Appends `value.toString()` of a decimal: digits in place for number unscaled values of scale ≤ 15. */
  decimal(value: DecimalValue): void {
    const unscaled = value.unscaled;
    const scale = value.scale;
    if (typeof unscaled !== 'number' || scale > 15 || !Number.isSafeInteger(unscaled)) {
      this.text(value.toString());
      return;
    }
    if (scale === 0) {
      this.integer(unscaled);
      return;
    }
    this.reserve(19);
    const negative = unscaled < 0;
    const magnitude = negative ? -unscaled : unscaled;
    const power = POWERS_OF_TEN[scale] as number;
    const whole = scaledWhole(magnitude, power);
    const fraction = magnitude - whole * power;
    if (negative) this.buffer[this.pos++] = MINUS;
    this.digits(whole, 0);
    this.buffer[this.pos++] = DOT;
    this.digits(fraction, scale);
  }

  /** Writes a non-negative safe integer's digits, left-padded with zeros to `width`. */
  private digits(v: number, width: number): void {
    if (width > 1) {
      const b = this.buffer;
      for (let count = digitCount(v); count < width; count++) b[this.pos++] = ZERO;
    }
    this.pos = writeDigits(this.buffer, this.pos, v);
  }

  private reserve(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
  }
}

/** '00'…'99' as ASCII pairs: two digits per division by 100. */
const DIGIT_PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGIT_PAIRS[2 * i] = ZERO + Math.floor(i / 10);
  DIGIT_PAIRS[2 * i + 1] = ZERO + (i % 10);
}

/** How many digits a non-negative safe integer has. */
function digitCount(v: number): number {
  let count = 1;
  while (count < 16 && v >= (POWERS_OF_TEN[count] as number)) count++;
  return count;
}

/**
 * Writes the digits of a non-negative safe integer at `pos`; returns the position after them. Below 10^8 the
 * value is an int32 and every division is one by a constant (a multiply and shift once compiled); above (an
 * epoch-ms timestamp), one float division splits off the low eight digits and leaves fewer than 10^8 (2^53 < 10^16).
 */
function writeDigits(b: Uint8Array, pos: number, v: number): number {
  if (v < 1e8) return writeSmallDigits(b, pos, v | 0);
  const high = Math.floor(v / 1e8);
  let low = v - high * 1e8;
  let q = writeSmallDigits(b, pos, high | 0) + 8;
  const end = q;
  for (let i = 0; i < 4; i++) {
    const next = (low / 100) | 0;
    const pair = (low - next * 100) << 1;
    b[--q] = DIGIT_PAIRS[pair + 1] as number;
    b[--q] = DIGIT_PAIRS[pair] as number;
    low = next;
  }
  return end;
}

/** `writeDigits` for 0 ≤ n < 10^8. */
function writeSmallDigits(b: Uint8Array, pos: number, n: number): number {
  const count = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : 8;
  let q = pos + count;
  const end = q;
  while (n >= 100) {
    const next = (n / 100) | 0;
    const pair = (n - next * 100) << 1;
    b[--q] = DIGIT_PAIRS[pair + 1] as number;
    b[--q] = DIGIT_PAIRS[pair] as number;
    n = next;
  }
  if (n >= 10) {
    b[--q] = DIGIT_PAIRS[(n << 1) + 1] as number;
    b[--q] = DIGIT_PAIRS[n << 1] as number;
  } else {
    b[--q] = ZERO + n;
  }
  return end;
}

// JSON must escape control characters, so the pattern names them on purpose.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** True when `text` holds a character JSON.stringify escapes (a quote, backslash, control char or surrogate). */
export function needsJsonEscape(text: string): boolean {
  return NEEDS_ESCAPE.test(text);
}
