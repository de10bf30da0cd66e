import type { DecimalValue } from '@velots/core';
import { POWERS_OF_TEN, scaledWhole } from '../typing/number-text.js';
import { writeDigits } from './digit-writer.js';

const MINUS = 45;
const DOT = 46;
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
    this.pos = writeDigits(this.buffer, this.pos, v, width);
  }

  private reserve(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
  }
}

// JSON must escape control characters, so the pattern names them on purpose.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** True when `text` holds a character JSON.stringify escapes (a quote, backslash, control char or surrogate). */
export function needsJsonEscape(text: string): boolean {
  return NEEDS_ESCAPE.test(text);
}
