import { ChunkedTextTokenizer } from '../file/chunked-text-tokenizer.js';
import type { TextScan } from '../file/text-record-reader.js';

/** What `CsvTokenizer.next` found. */
export type CsvScan = TextScan;

/**
 * Splits RFC 4180 CSV text into records of trimmed fields. It works on decoded text (one UTF-8 decode
 * per chunk, then `charCodeAt` scanning) because that measured faster than decoding each field from
 * bytes (one native call per field). Unquoted fields are only located: `starts`/`ends` give each field's
 * trimmed span of `currentText`, so numeric columns are parsed in place and string columns interned
 * without a slice per field (`fieldText` slices when a string is wanted). Quoted fields are unescaped
 * into `quoted` (strings are only concatenated for doubled quotes). An unquoted empty field is null; `""` is ''.
 *
 * Text arrives in pieces via `append`; a record cut by the end of the text is rescanned once more text
 * (or the end of input) arrives, so a record may span any number of chunks.
 */
export class CsvTokenizer extends ChunkedTextTokenizer {
  /** Start (char index in `currentText`) of each field of the last record; reused between records. */
  readonly starts: number[] = [];
  /** End (exclusive, blanks trimmed) of each field of the last record. */
  readonly ends: number[] = [];
  /** The unescaped value of each quoted field of the last record; undefined for unquoted fields. */
  readonly quoted: (string | undefined)[] = [];
  /** Number of fields of the last record. */
  fieldCount = 0;

  private readonly trimTabs: boolean;

  constructor(
    private readonly delimiter: number,
    private readonly quote: number,
    firstLine = 1,
  ) {
    super(firstLine);
    this.trimTabs = delimiter !== 9;
  }

  /** Field `i` of the last record as text: null for an unquoted empty field. */
  fieldText(i: number): string | null {
    const quoted = this.quoted[i];
    if (quoted !== undefined) return quoted;
    const start = this.starts[i] as number;
    const end = this.ends[i] as number;
    return end === start ? null : this.text.slice(start, end);
  }

  /** The unconsumed text (from the start of the record being scanned). */
  get rest(): string {
    return this.text.slice(this.pos);
  }

  /** Scans the next record. `final` says no more text will come, so a record may end at the end of text. */
  next(final: boolean): CsvScan {
    const t = this.text;
    const n = t.length;
    const delim = this.delimiter;
    // Skip blank lines between records.
    let i = this.pos;
    let line = this.line;
    for (;;) {
      let j = i;
      while (j < n && this.isBlank(t.charCodeAt(j))) j++;
      const c = t.charCodeAt(j);
      if (c === 10) { i = j + 1; line++; continue; }
      if (c === 13) {
        if (j + 1 >= n && !final) { this.pos = i; this.line = line; return 'need-more'; }
        i = t.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
        line++;
        continue;
      }
      if (j >= n) {
        this.pos = final ? n : i;
        this.line = line;
        return final ? 'end' : 'need-more';
      }
      break;
    }
    this.pos = i;
    this.line = line;
    this.recordStart = i;
    this.recordLine = line;
    const starts = this.starts;
    const ends = this.ends;
    const quotedValues = this.quoted;
    let count = 0;
    const quote = this.quote;
    const trimTabs = this.trimTabs;
    for (;;) {
      // One field starting at i; each char is read once on the unquoted path.
      let c = i < n ? t.charCodeAt(i) : -1;
      while (c === 32 || (c === 9 && trimTabs)) c = ++i < n ? t.charCodeAt(i) : -1;
      if (c === quote) {
        const quoted = this.scanQuoted(i + 1, final);
        if (quoted === undefined) return this.needMoreOrUnterminated(final);
        quotedValues[count] = quoted.value;
        starts[count] = i;
        ends[count] = quoted.end;
        line += quoted.newlines;
        i = quoted.end;
        while (i < n && this.isBlank(t.charCodeAt(i))) i++;
        if (i < n) {
          const after = t.charCodeAt(i);
          if (after !== delim && after !== 10 && after !== 13) {
            return this.malformed(i, line, final, `unexpected '${t[i]}' after a closing quote`);
          }
        } else if (!final) return this.needMore();
      } else {
        const start = i;
        while (c !== delim && c !== -1 && (c > 13 || (c !== 10 && c !== 13))) c = ++i < n ? t.charCodeAt(i) : -1;
        if (c === -1 && !final) return this.needMore();
        let end = i;
        while (end > start && this.isBlank(t.charCodeAt(end - 1))) end--;
        quotedValues[count] = undefined;
        starts[count] = start;
        ends[count] = end;
      }
      count++;
      if (i >= n) {
        this.finishRecord(count, n, n, line);
        return 'record';
      }
      const separator = t.charCodeAt(i);
      if (separator === delim) {
        i++;
        continue;
      }
      // End of line: CR LF, LF or a lone CR.
      const end = i;
      if (separator === 13) {
        if (i + 1 >= n && !final) return this.needMore();
        i = t.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      } else i++;
      this.finishRecord(count, end, i, line + 1);
      return 'record';
    }
  }

  private isBlank(c: number): boolean {
    return c === 32 || (c === 9 && this.trimTabs);
  }

  private finishRecord(count: number, end: number, next: number, nextLine: number): void {
    this.fieldCount = count;
    this.recordEnd = end;
    this.pos = next;
    this.line = nextLine;
  }

  private needMore(): CsvScan {
    // pos and line still point at the record start: it is rescanned with more text.
    return 'need-more';
  }

  private needMoreOrUnterminated(final: boolean): CsvScan {
    if (!final) return 'need-more';
    const n = this.text.length;
    this.problem = 'unterminated quoted field';
    this.recordEnd = n;
    this.fieldCount = 0;
    this.pos = n;
    return 'malformed';
  }

  /** A malformed record runs to the end of its physical line; scanning resumes after it. */
  private malformed(at: number, line: number, final: boolean, problem: string): CsvScan {
    const t = this.text;
    let nl = t.indexOf('\n', at);
    if (nl === -1) {
      if (!final) return 'need-more';
      nl = t.length;
    }
    this.problem = problem;
    this.recordEnd = nl > 0 && t.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    this.fieldCount = 0;
    this.pos = Math.min(nl + 1, t.length);
    this.line = line + (nl < t.length ? 1 : 0);
    return 'malformed';
  }

  /** Scans a quoted field from just after its opening quote; undefined when its closing quote is not in the text yet. */
  private scanQuoted(from: number, final: boolean): { value: string; end: number; newlines: number } | undefined {
    const t = this.text;
    const q = String.fromCharCode(this.quote);
    let value = '';
    let start = from;
    for (;;) {
      const close = t.indexOf(q, start);
      if (close === -1) return undefined;
      if (t.charCodeAt(close + 1) === this.quote) {
        value += t.slice(start, close + 1);
        start = close + 2;
        continue;
      }
      if (close + 1 >= t.length && !final) return undefined; // the next chunk might start with the second quote
      value = value.length === 0 ? t.slice(from, close) : value + t.slice(start, close);
      return { value, end: close + 1, newlines: countNewlines(t, from, close) };
    }
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
