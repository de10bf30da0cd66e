import { isAscii as isAsciiBuffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { ByteChunkSource } from './byte-chunks.js';
import { REAL_REPLACEMENT, replacementByteLengths } from './invalid-utf8.js';

/** What a record tokenizer (CSV, JSON lines, JSON array) found. */
export type TextScan = 'record' | 'malformed' | 'need-more' | 'end';

/** What every record tokenizer offers the reader and the source; positions are indexes into its current input. */
interface TokenizerBase {
  /** Index (char or byte, see `unit`) where the last record (or malformed text) starts and ends. */
  readonly recordStart: number;
  readonly recordEnd: number;
  readonly recordLine: number;
  readonly nextLine: number;
  /** Index of the first unconsumed char or byte. */
  readonly consumed: number;
  readonly problem: string;
  /** The raw text of the last record (for bad records). */
  recordText(): string;
  next(final: boolean): TextScan;
  skipLine(final: boolean): boolean;
}

/** A tokenizer of decoded text (JSON): the reader decodes UTF-8 chunks and maps char indexes to byte offsets. */
export interface CharTokenizer extends TokenizerBase {
  readonly unit: 'char';
  readonly currentText: string;
  /** Drops consumed text and appends `chunk`; returns how many chars were dropped. */
  append(chunk: string): number;
}

/** A tokenizer of raw bytes (CSV): indexes are byte offsets, and it decodes only the fields it needs as strings. */
export interface ByteTokenizer extends TokenizerBase {
  readonly unit: 'byte';
  /** Drops consumed bytes and appends `chunk`; returns how many bytes were dropped. */
  append(chunk: Buffer): number;
  /** Byte index of the first byte of a sequence that is not UTF-8 in `[start, end)`, or -1. */
  firstInvalidIn(start: number, end: number): number;
  /** 1-based column (in characters) of byte index `at` of the record starting at byte `start`. */
  columnOf(start: number, at: number): number;
}

/** The shape the CSV and JSON tokenizers share, so one reader drives both. */
export type TextTokenizer = CharTokenizer | ByteTokenizer;

/**
 * Feeds chunks to a tokenizer: raw to a byte tokenizer (its indexes are byte offsets already), decoded to a
 * char tokenizer, whose char indexes it maps back to byte offsets (for errors and resume positions). ASCII
 * text maps 1:1; otherwise byte lengths are measured on demand with a forward-moving cursor, so the cost
 * stays linear in the text read.
 */
export class TextRecordReader<T extends TextTokenizer> {
  /** True once the byte source returned null (end of file or stream, for now). */
  exhausted = false;
  private readonly decoder = new StringDecoder('utf8');
  private textByteStart: number;
  private textAscii = true;
  private cursorIndex = 0;
  private cursorByte = 0;
  /** Bytes read from the source so far. */
  bytesRead = 0;
  /**
   * Char indexes (in the tokenizer's text) of the U+FFFD that stand for bytes that are not UTF-8, and how many
   * bytes fewer than U+FFFD's 3 each stands for: byte offsets past them are corrected by that much, and a record
   * holding one is malformed. Filled only for chunks whose text holds U+FFFD, so valid input costs nothing.
   */
  private fixAt: number[] = [];
  private fixBytes: number[] = [];

  constructor(
    private readonly chunks: ByteChunkSource,
    readonly tokenizer: T,
    startByte = 0,
  ) {
    this.textByteStart = startByte;
    this.cursorByte = startByte;
  }

  /** Reads and appends one more chunk; false (and `exhausted`) when the source has nothing more now. */
  async fill(): Promise<boolean> {
    const chunk = await this.chunks.read();
    const tokenizer: TextTokenizer = this.tokenizer;
    if (chunk === null) {
      if (tokenizer.unit === 'char') {
        // An incomplete character at the very end: the decoder's U+FFFD stands for its 1-3 bytes (nothing follows).
        const tail = this.decoder.end();
        if (tail.length > 0) this.append(tokenizer, tail, false, Buffer.alloc(0));
      }
      this.exhausted = true;
      return false;
    }
    this.exhausted = false;
    this.bytesRead += chunk.byteLength;
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (tokenizer.unit === 'byte') {
      // Byte indexes are byte offsets: only the dropped prefix moves the start.
      this.textByteStart += tokenizer.append(buffer);
      this.cursorByte = this.textByteStart;
      return true;
    }
    const text = this.decoder.write(buffer);
    const ascii = text.length === buffer.length && isAsciiBuffer(buffer);
    const invalid = !ascii && holdsInvalidUtf8(text, buffer);
    this.append(tokenizer, text, ascii, invalid ? buffer : undefined);
    return true;
  }

  /** Scans the next record; `final` when the source is exhausted and no more data will be awaited. */
  scan(final: boolean): TextScan {
    return this.tokenizer.next(final);
  }

  /** Byte offset of a char index of the tokenizer's current text. */
  byteOffsetAt(charIndex: number): number {
    if (this.textAscii) return this.textByteStart + charIndex;
    if (charIndex < this.cursorIndex) {
      this.cursorIndex = 0;
      this.cursorByte = this.textByteStart;
    }
    const tokenizer: TextTokenizer = this.tokenizer;
    if (tokenizer.unit === 'byte') return this.textByteStart + charIndex;
    this.cursorByte += Buffer.byteLength(tokenizer.currentText.slice(this.cursorIndex, charIndex), 'utf8');
    for (let k = 0; k < this.fixAt.length; k++) {
      const at = this.fixAt[k] as number;
      if (at >= this.cursorIndex && at < charIndex) this.cursorByte -= this.fixBytes[k] as number;
    }
    this.cursorIndex = charIndex;
    return this.cursorByte;
  }

  /** Index of the first U+FFFD (char tokenizers) or byte (byte tokenizers) standing for bytes that are not UTF-8 in `[start, end)`, or -1. */
  firstInvalidIn(start: number, end: number): number {
    const tokenizer: TextTokenizer = this.tokenizer;
    if (tokenizer.unit === 'byte') return tokenizer.firstInvalidIn(start, end);
    for (const at of this.fixAt) if (at >= start && at < end) return at;
    return -1;
  }

  /** 1-based column (in characters) of index `at` of the record starting at index `start`. */
  columnOf(start: number, at: number): number {
    const tokenizer: TextTokenizer = this.tokenizer;
    return tokenizer.unit === 'byte' ? tokenizer.columnOf(start, at) : at - start + 1;
  }

  /** Byte offset just past everything consumed: where a resumed read starts. */
  get consumedByteOffset(): number {
    return this.byteOffsetAt(this.tokenizer.consumed);
  }

  async close(): Promise<void> {
    await this.chunks.close();
  }

  private append(tokenizer: CharTokenizer, text: string, chunkAscii: boolean, invalidBytes?: Buffer): void {
    const dropped = tokenizer.consumed;
    if (dropped > 0) this.textByteStart = this.byteOffsetAt(dropped);
    const restAscii = this.textAscii || isAscii(tokenizer.currentText, dropped);
    if (this.fixAt.length > 0) this.dropFixes(dropped);
    if (invalidBytes) this.addFixes(text, invalidBytes, tokenizer.currentText.length - dropped);
    tokenizer.append(text);
    this.textAscii = restAscii && (chunkAscii || isAscii(text, 0));
    this.cursorIndex = 0;
    this.cursorByte = this.textByteStart;
  }

  /** Forgets the fixes of the `dropped` chars the tokenizer lets go and shifts the others. */
  private dropFixes(dropped: number): void {
    const keep = this.fixAt.findIndex((at) => at >= dropped);
    if (keep === -1) {
      this.fixAt = [];
      this.fixBytes = [];
      return;
    }
    this.fixAt = this.fixAt.slice(keep).map((at) => at - dropped);
    this.fixBytes = this.fixBytes.slice(keep);
  }

  /** Records each U+FFFD of `text` (to be appended at char `base`) that stands for invalid bytes. */
  private addFixes(text: string, bytes: Buffer, base: number): void {
    const lengths = replacementByteLengths(bytes);
    let k = 0;
    for (let i = text.indexOf(REPLACEMENT); i !== -1; i = text.indexOf(REPLACEMENT, i + 1), k++) {
      const length = lengths[k] ?? 3; // the end-of-input tail: nothing follows, so no correction is needed
      if (length === REAL_REPLACEMENT) continue;
      this.fixAt.push(base + i);
      this.fixBytes.push(3 - length);
    }
  }
}

const REPLACEMENT = '\uFFFD';
const ENCODED_REPLACEMENT = Buffer.from(REPLACEMENT, 'utf8');

/** True when decoding `buffer` made more U+FFFD than it encodes itself: it held bytes that are not UTF-8. */
function holdsInvalidUtf8(text: string, buffer: Buffer): boolean {
  let decoded = 0;
  for (let i = text.indexOf(REPLACEMENT); i !== -1; i = text.indexOf(REPLACEMENT, i + 1)) decoded++;
  if (decoded === 0) return false;
  let encoded = 0;
  for (let i = buffer.indexOf(ENCODED_REPLACEMENT); i !== -1; i = buffer.indexOf(ENCODED_REPLACEMENT, i + 3)) encoded++;
  return decoded > encoded;
}

function isAscii(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
