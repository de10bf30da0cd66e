import { isUtf8 } from 'node:buffer';
import { invalidUtf8Starts } from './utf8-check.js';

const EMPTY = Buffer.alloc(0);

/**
 * The bytes a CsvTokenizer scans and what it found in them: the chunk buffer it appends to and consumes from, the
 * spans of the last record's fields, and their text on demand. The scanning itself is CsvTokenizer's.
 */
export abstract class CsvRecordBytes {
  /** Byte index in `bytes` where the last record (or malformed text) starts and ends. */
  recordStart = 0;
  recordEnd = 0;
  /** 1-based line of the last record's first character. */
  recordLine = 1;
  /** Why the last scan was 'malformed'. */
  problem = '';
  /** Start (byte index in `bytes`) of each field of the last record; reused between records. */
  readonly starts: number[] = [];
  /** End (exclusive, blanks trimmed) of each field of the last record. */
  readonly ends: number[] = [];
  /** The unescaped value of each quoted field of the last record; undefined for unquoted fields. */
  readonly quoted: (string | undefined)[] = [];
  /** Number of fields of the last record. */
  fieldCount = 0;

  protected buffer: Buffer = EMPTY;
  /** The tokenizer's own storage: `buffer` is its first bytes. */
  private own: Buffer | undefined;
  protected pos = 0;
  protected line: number;
  /** Byte indexes where a sequence that is not UTF-8 starts in `buffer`, ascending; undefined until looked for. */
  private invalid: number[] | undefined;

  constructor(firstLine: number) {
    this.line = firstLine;
  }

  /** The bytes the spans index (valid until the next `append`). */
  get bytes(): Buffer {
    return this.buffer;
  }

  /** Byte index of the first unconsumed byte. */
  get consumed(): number {
    return this.pos;
  }

  /** The next line number to be read. */
  get nextLine(): number {
    return this.line;
  }

  /** The raw text of the last record. */
  recordText(): string {
    return this.buffer.toString('utf8', this.recordStart, this.recordEnd);
  }

  /** Field `i` of the last record as text: null for an unquoted empty field. */
  fieldText(i: number): string | null {
    const quoted = this.quoted[i];
    if (quoted !== undefined) return quoted;
    const start = this.starts[i] as number;
    const end = this.ends[i] as number;
    return end === start ? null : this.buffer.toString('utf8', start, end);
  }

  /**
   * Drops consumed bytes and appends a copy of `chunk` (the caller may reuse it) after the bytes left over, in a
   * buffer of the tokenizer's own that is reused while it is large enough; returns the bytes dropped.
   */
  append(chunk: Buffer): number {
    const dropped = this.pos;
    const rest = this.buffer.length - dropped;
    const needed = rest + chunk.length;
    let own = this.own;
    if (own === undefined || own.length < needed) {
      own = Buffer.allocUnsafe(Math.max(needed, 2 * (own?.length ?? 0)));
      this.buffer.copy(own, 0, dropped);
      this.own = own;
    } else if (rest > 0) this.buffer.copy(own, 0, dropped); // may overlap: Buffer.copy moves like memmove
    chunk.copy(own, rest);
    this.buffer = own.subarray(0, needed);
    this.pos = 0;
    this.invalid = undefined;
    return dropped;
  }

  /** Byte index of the first byte of a sequence that is not UTF-8 in `[start, end)`, or -1 (one native check per chunk when valid). */
  firstInvalidIn(start: number, end: number): number {
    const invalid = (this.invalid ??= findInvalid(this.buffer));
    for (let k = 0; k < invalid.length; k++) {
      const at = invalid[k] as number;
      if (at >= end) break;
      if (at >= start) return at;
    }
    return -1;
  }

  /** 1-based column (in characters) of byte `at` of the record starting at byte `start`. */
  columnOf(start: number, at: number): number {
    return this.buffer.toString('utf8', start, at).length + 1;
  }

  /** Moves past `records` one-line records a scanner took from `consumed` to `pos`. */
  skipScanned(pos: number, records: number): void {
    this.pos = pos;
    this.line += records;
  }
}

/**
 * Where sequences that are not UTF-8 start in `bytes`. A character cut by the end of the bytes counts as one: a
 * record holding it is only complete when no more bytes come, and then it is not UTF-8.
 */
function findInvalid(bytes: Buffer): number[] {
  if (isUtf8(bytes)) return [];
  return invalidUtf8Starts(bytes);
}
