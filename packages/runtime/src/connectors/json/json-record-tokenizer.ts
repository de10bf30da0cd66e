import { ChunkedTextTokenizer } from '../file/chunked-text-tokenizer.js';
import type { TextScan } from '../file/text-record-reader.js';

/**
 * Splits JSON input into record texts: one per non-blank line (jsonlines), or, when the input's first
 * non-blank character is `[`, one per element of that top-level array (tracking strings and nesting,
 * so elements may span lines). Parsing the record text is left to the caller.
 */
export class JsonRecordTokenizer extends ChunkedTextTokenizer {
  /** undefined until the first non-blank char decides; then 'lines' or 'array' (and 'done' after `]`). */
  private mode: 'lines' | 'array' | 'array-done' | undefined;

  constructor(firstLine = 1, mode?: 'lines') {
    super(firstLine);
    this.mode = mode;
  }

  next(final: boolean): TextScan {
    if (this.mode === undefined) {
      const t = this.text;
      let i = this.pos;
      while (i < t.length && isBlank(t.charCodeAt(i))) i++;
      if (i >= t.length) return final ? 'end' : 'need-more';
      this.mode = t.charCodeAt(i) === 91 ? 'array' : 'lines';
      if (this.mode === 'array') {
        this.line += countNewlines(t, this.pos, i);
        this.pos = i + 1;
      }
    }
    if (this.mode === 'lines') return this.nextLineRecord(final);
    if (this.mode === 'array') return this.nextArrayElement(final);
    return this.trailing(final);
  }

  private nextLineRecord(final: boolean): TextScan {
    const t = this.text;
    for (;;) {
      const start = this.pos;
      if (start >= t.length) return final ? 'end' : 'need-more';
      let nl = t.indexOf('\n', start);
      if (nl === -1) {
        if (!final) return 'need-more';
        nl = t.length;
      }
      let end = nl;
      if (end > start && t.charCodeAt(end - 1) === 13) end--;
      let s = start;
      while (s < end && isBlank(t.charCodeAt(s))) s++;
      this.pos = Math.min(nl + 1, t.length);
      const line = this.line;
      if (nl < t.length) this.line++;
      if (s === end) continue;
      this.recordStart = s;
      this.recordEnd = end;
      this.recordLine = line;
      return 'record';
    }
  }

  private nextArrayElement(final: boolean): TextScan {
    const t = this.text;
    let i = this.pos;
    let line = this.line;
    // Skip blanks and one separating comma.
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10) line++;
      else if (!isBlank(c) && c !== 44) break;
    }
    if (i >= t.length) return this.unterminatedArray(final);
    if (t.charCodeAt(i) === 93) {
      this.pos = i + 1;
      this.line = line;
      this.mode = 'array-done';
      return this.trailing(final);
    }
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (inString) {
        if (c === 92) i++;
        else if (c === 34) inString = false;
        else if (c === 10) line++;
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0) break; // the closing `]` of the top-level array
        depth--;
      } else if (c === 44 && depth === 0) break;
      else if (c === 10) line++;
    }
    if (i >= t.length) return this.unterminatedArray(final);
    let end = i;
    while (end > start && isBlank(t.charCodeAt(end - 1))) end--;
    this.recordStart = start;
    this.recordEnd = end;
    this.recordLine = startLine;
    this.pos = i;
    this.line = line;
    return 'record';
  }

  private unterminatedArray(final: boolean): TextScan {
    if (!final) return 'need-more';
    if (this.pos >= this.text.length) return 'end';
    this.recordStart = this.pos;
    this.recordEnd = this.text.length;
    this.recordLine = this.line;
    this.pos = this.text.length;
    this.problem = "unterminated top-level array: missing ']'";
    return 'malformed';
  }

  private trailing(final: boolean): TextScan {
    const t = this.text;
    let i = this.pos;
    while (i < t.length && (isBlank(t.charCodeAt(i)) || t.charCodeAt(i) === 10)) i++;
    this.pos = i;
    if (i >= t.length) return final ? 'end' : 'need-more';
    this.recordStart = i;
    this.recordEnd = t.length;
    this.recordLine = this.line;
    this.pos = t.length;
    this.problem = "unexpected text after the top-level array's ']'";
    return 'malformed';
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
