import type { Row } from '@velots/core';
import type { CsvFastRecordEnd, CsvFastScan } from './csv-fast-record.js';
import type { ByteTokenizer, TextScan } from '../file/text-record-reader.js';
import { closingQuoteAt, countNewlines, unescapeQuoted } from './csv-quoted-field.js';
import { CsvRecordBytes } from './csv-record-bytes.js';

/** What `CsvTokenizer.next` found. */
export type CsvScan = TextScan;

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * Splits RFC 4180 CSV into records of trimmed fields, scanning the raw UTF-8 bytes of the chunks (no decode
 * of the whole text): delimiters, quotes and line ends are ASCII, so they never occur inside a multi-byte
 * character. Unquoted fields are only located: `starts`/`ends` give each field's trimmed byte span of
 * `bytes`, so numeric columns are parsed in place and string columns interned without a string per field
 * (`fieldText` decodes when a string is wanted). Quoted fields are unescaped into `quoted`. An unquoted empty
 * field is null; `""` is ''. A UTF-8 byte order mark at the very start of the input is skipped.
 *
 * Bytes arrive in pieces via `append`; a record cut by the end of the bytes is rescanned once more bytes
 * (or the end of input) arrive, so a record — or a multi-byte character — may span any number of chunks.
 */
export class CsvTokenizer extends CsvRecordBytes implements ByteTokenizer {
  readonly unit = 'byte';
  /**
   * A scan tried first on each record once the schema is fixed (see `useFastScan`).
   */
  private fastScan: CsvFastScan | undefined;
  /** The number of fields of every record `fastScan` accepts. */
  private fastFields = 0;
  /** The row `fastScan` made of the last record; undefined when the general scan read it. */
  fastRow: Row | undefined;
  private readonly fastEnd: CsvFastRecordEnd = { end: 0, next: 0 };

  private readonly trimTabs: boolean;
  /** The largest of the delimiter, LF and CR: a byte above it ends no unquoted field. */
  private readonly separatorMax: number;
  /** True until the start of the input was checked for a byte order mark. */
  private bomPending: boolean;

  constructor(
    private readonly delimiter: number,
    private readonly quote: number,
    firstLine = 1,
  ) {
    super(firstLine);
    this.trimTabs = delimiter !== TAB;
    this.separatorMax = Math.max(delimiter, LF, CR);
    this.bomPending = firstLine === 1;
  }

  /**
   * Tries `scan` first on every following record (records of `fields` fields): when it accepts one, `fastRow` is
   * the record's row and its field spans (`starts`, `ends`, `quoted`, `fieldText`) are not filled in; when it
   * declines, the general scan reads the record as before.
   */
  useFastScan(scan: CsvFastScan | undefined, fields: number): void {
    this.fastScan = scan;
    this.fastFields = fields;
    this.fastRow = undefined;
  }

  /**
   * Reads a run of records with the fast scan, appending their rows to `rows`: at most `max`, up to a record it
   * declines (or a blank line), a record that may be cut by the end of the bytes, or bytes that are not all
   * UTF-8 — `next` reads those. Returns how many rows it appended; the last record's position is kept as `next`
   * keeps it. Nothing is read before the fast scan is set or while a byte order mark may still come.
   */
  scanFastRun(rows: Row[], max: number): number {
    const fast = this.fastScan;
    if (fast === undefined || this.bomPending || max <= 0) return 0;
    const b = this.buffer;
    const n = b.length;
    if (this.firstInvalidIn(this.pos, n) !== -1) return 0;
    const where = this.fastEnd;
    let i = this.pos;
    let start = i;
    let count = 0;
    while (count < max) {
      const c = b[i];
      if (c === LF || c === CR) break; // a blank line is no record: `next` skips it
      const row = fast(b, i, n, where);
      if (row === undefined) break;
      rows.push(row);
      start = i;
      i = where.next;
      count++;
    }
    if (count === 0) return 0;
    this.recordStart = start;
    this.recordEnd = where.end;
    this.recordLine = this.line + count - 1;
    this.fieldCount = this.fastFields;
    this.fastRow = rows[rows.length - 1];
    this.pos = i;
    this.line += count;
    return count;
  }

  /** True when the next byte starts a record (no byte order mark left to check): a record scanner may take over. */
  get scannable(): boolean {
    return !this.bomPending;
  }

  /** Skips one physical line (`skip_lines`); false when the bytes hold no complete line yet. */
  skipLine(final: boolean): boolean {
    if (!this.skipBom(final)) return false;
    const nl = this.buffer.indexOf(LF, this.pos);
    if (nl === -1) {
      if (!final || this.pos >= this.buffer.length) return false;
      this.pos = this.buffer.length;
    } else this.pos = nl + 1;
    this.line++;
    return true;
  }

  /** Scans the next record. `final` says no more bytes will come, so a record may end at the end of the bytes. */
  next(final: boolean): CsvScan {
    if (!this.skipBom(final)) return 'need-more';
    const b = this.buffer;
    const n = b.length;
    const delim = this.delimiter;
    const trimTabs = this.trimTabs;
    // Skip blank lines between records.
    let i = this.pos;
    let line = this.line;
    for (;;) {
      let j = i;
      let c = j < n ? (b[j] as number) : -1;
      while (c === SPACE || (c === TAB && trimTabs)) c = ++j < n ? (b[j] as number) : -1;
      if (c === LF) {
        i = j + 1;
        line++;
        continue;
      }
      if (c === CR) {
        if (j + 1 >= n && !final) {
          this.pos = i;
          this.line = line;
          return 'need-more';
        }
        i = b[j + 1] === LF ? j + 2 : j + 1;
        line++;
        continue;
      }
      if (c === -1) {
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
    const fast = this.fastScan;
    if (fast !== undefined) {
      const row = fast(b, i, n, this.fastEnd);
      this.fastRow = row;
      if (row !== undefined) {
        this.finishRecord(this.fastFields, this.fastEnd.end, this.fastEnd.next, line + 1);
        return 'record';
      }
    }
    const starts = this.starts;
    const ends = this.ends;
    const quotedValues = this.quoted;
    const quote = this.quote;
    const separatorMax = this.separatorMax;
    let count = 0;
    for (;;) {
      // One field starting at i; each byte is read once on the unquoted path.
      let c = i < n ? (b[i] as number) : -1;
      while (c === SPACE || (c === TAB && trimTabs)) c = ++i < n ? (b[i] as number) : -1;
      if (c === quote) {
        const close = closingQuoteAt(b, quote, i + 1, final);
        if (close === -1) return this.needMoreOrUnterminated(final);
        quotedValues[count] = unescapeQuoted(b, quote, i + 1, close);
        starts[count] = i;
        ends[count] = close + 1;
        line += countNewlines(b, i + 1, close);
        i = close + 1;
        while (i < n && this.isBlank(b[i] as number)) i++;
        if (i < n) {
          const after = b[i] as number;
          if (after !== delim && after !== LF && after !== CR) {
            return this.malformed(i, line, final, `unexpected '${charAt(b, i)}' after a closing quote`);
          }
        } else if (!final) return 'need-more';
      } else {
        const start = i;
        for (; i < n; i++) {
          c = b[i] as number;
          // Most bytes are above every separator: one comparison each.
          if (c > separatorMax) continue;
          if (c === delim || c === LF || c === CR) break;
        }
        // A record cut by the end of the bytes is rescanned from its start (pos, line) with more.
        if (i >= n && !final) return 'need-more';
        let end = i;
        while (end > start && this.isBlank(b[end - 1] as number)) end--;
        quotedValues[count] = undefined;
        starts[count] = start;
        ends[count] = end;
      }
      count++;
      if (i >= n) {
        this.finishRecord(count, n, n, line);
        return 'record';
      }
      const separator = b[i] as number;
      if (separator === delim) {
        i++;
        continue;
      }
      // End of line: CR LF, LF or a lone CR.
      const end = i;
      if (separator === CR) {
        if (i + 1 >= n && !final) return 'need-more';
        i = b[i + 1] === LF ? i + 2 : i + 1;
      } else i++;
      this.finishRecord(count, end, i, line + 1);
      return 'record';
    }
  }

  /** Skips a UTF-8 byte order mark at the start of the input; false when too few bytes are there to tell. */
  private skipBom(final: boolean): boolean {
    if (!this.bomPending) return true;
    const b = this.buffer;
    const p = this.pos;
    const n = b.length - p;
    const prefix = (n < 1 || b[p] === 0xef) && (n < 2 || b[p + 1] === 0xbb) && (n < 3 || b[p + 2] === 0xbf);
    if (prefix && n < 3 && !final) return false;
    if (prefix && n >= 3) this.pos = p + 3;
    this.bomPending = false;
    return true;
  }

  private isBlank(c: number): boolean {
    return c === SPACE || (c === TAB && this.trimTabs);
  }

  private finishRecord(count: number, end: number, next: number, nextLine: number): void {
    this.fieldCount = count;
    this.recordEnd = end;
    this.pos = next;
    this.line = nextLine;
  }

  private needMoreOrUnterminated(final: boolean): CsvScan {
    if (!final) return 'need-more';
    const n = this.buffer.length;
    this.problem = 'unterminated quoted field';
    this.recordEnd = n;
    this.fieldCount = 0;
    this.pos = n;
    return 'malformed';
  }

  /** A malformed record runs to the end of its physical line; scanning resumes after it. */
  private malformed(at: number, line: number, final: boolean, problem: string): CsvScan {
    const b = this.buffer;
    let nl = b.indexOf(LF, at);
    if (nl === -1) {
      if (!final) return 'need-more';
      nl = b.length;
    }
    this.problem = problem;
    this.recordEnd = nl > 0 && b[nl - 1] === CR ? nl - 1 : nl;
    this.fieldCount = 0;
    this.pos = Math.min(nl + 1, b.length);
    this.line = line + (nl < b.length ? 1 : 0);
    return 'malformed';
  }
}

/** The character starting at byte `i` (for messages). */
function charAt(bytes: Buffer, i: number): string {
  const text = bytes.toString('utf8', i, Math.min(i + 4, bytes.length));
  return String.fromCodePoint(text.codePointAt(0) as number);
}
