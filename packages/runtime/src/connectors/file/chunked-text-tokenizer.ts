import type { CharTokenizer, TextScan } from './text-record-reader.js';

/**
 * The text a record tokenizer (CSV, JSON) scans: appended chunk by chunk, consumed from the front, with the
 * line count kept. Subclasses scan records from `pos` and move `pos` and `line` past what they consumed.
 */
export abstract class ChunkedTextTokenizer implements CharTokenizer {
  readonly unit = 'char';
  /** Char index in the current text where the last record (or malformed text) starts and ends. */
  recordStart = 0;
  recordEnd = 0;
  /** 1-based line of the last record's first character. */
  recordLine = 1;
  /** Why the last scan was 'malformed'. */
  problem = '';

  protected text = '';
  protected pos = 0;
  protected line: number;

  constructor(firstLine: number) {
    this.line = firstLine;
  }

  /** The current text (for slicing raw records by `recordStart`/`recordEnd`). */
  get currentText(): string {
    return this.text;
  }

  /** The raw text of the last record. */
  recordText(): string {
    return this.text.slice(this.recordStart, this.recordEnd);
  }

  /** Char index of the first unconsumed char. */
  get consumed(): number {
    return this.pos;
  }

  /** The next line number to be read. */
  get nextLine(): number {
    return this.line;
  }

  /** Drops consumed text and appends `chunk`; returns how many chars were dropped (for offset bookkeeping). */
  append(chunk: string): number {
    const dropped = this.pos;
    this.text = dropped === 0 ? this.text + chunk : this.text.slice(dropped) + chunk;
    this.pos = 0;
    return dropped;
  }

  /** Skips one physical line (`skip_lines`); false when the text holds no complete line yet. */
  skipLine(final: boolean): boolean {
    const nl = this.text.indexOf('\n', this.pos);
    if (nl === -1) {
      if (!final || this.pos >= this.text.length) return false;
      this.pos = this.text.length;
    } else this.pos = nl + 1;
    this.line++;
    return true;
  }

  /** Scans the next record. `final` says no more text will come, so a record may end at the end of text. */
  abstract next(final: boolean): TextScan;
}
