import { isAscii as isAsciiBuffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { ByteChunkSource } from './byte-chunks.js';

/** What a record tokenizer (CSV, JSON lines, JSON array) found. */
export type TextScan = 'record' | 'malformed' | 'need-more' | 'end';

/** The shape the CSV and JSON tokenizers share, so one reader drives both. */
export interface TextTokenizer {
  readonly currentText: string;
  readonly recordStart: number;
  readonly recordEnd: number;
  readonly recordLine: number;
  readonly nextLine: number;
  /** Char index of the first unconsumed char. */
  readonly consumed: number;
  readonly problem: string;
  append(chunk: string): number;
  next(final: boolean): TextScan;
  skipLine(final: boolean): boolean;
}

/**
 * Feeds decoded chunks to a tokenizer and maps its char indexes back to byte offsets (for errors
 * and resume positions). ASCII text maps 1:1; otherwise byte lengths are measured on demand with a
 * forward-moving cursor, so the cost stays linear in the text read.
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
   * True once a chunk held bytes that are not UTF-8 (the decoder turned them into U+FFFD): from then on a record
   * holding U+FFFD is malformed. Checked only for chunks whose text holds U+FFFD, so valid input costs nothing.
   */
  sawInvalidUtf8 = false;

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
    if (chunk === null) {
      const tail = this.decoder.end();
      if (tail.includes(REPLACEMENT)) this.sawInvalidUtf8 = true;
      if (tail.length > 0) this.append(tail, false);
      this.exhausted = true;
      return false;
    }
    this.exhausted = false;
    this.bytesRead += chunk.byteLength;
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const text = this.decoder.write(buffer);
    if (!this.sawInvalidUtf8 && holdsInvalidUtf8(text, buffer)) this.sawInvalidUtf8 = true;
    this.append(text, text.length === buffer.length && isAsciiBuffer(buffer));
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
    this.cursorByte += Buffer.byteLength(this.tokenizer.currentText.slice(this.cursorIndex, charIndex), 'utf8');
    this.cursorIndex = charIndex;
    return this.cursorByte;
  }

  /** Byte offset just past everything consumed: where a resumed read starts. */
  get consumedByteOffset(): number {
    return this.byteOffsetAt(this.tokenizer.consumed);
  }

  async close(): Promise<void> {
    await this.chunks.close();
  }

  private append(text: string, chunkAscii: boolean): void {
    const dropped = this.tokenizer.consumed;
    if (dropped > 0) this.textByteStart = this.byteOffsetAt(dropped);
    const restAscii = this.textAscii || isAscii(this.tokenizer.currentText, dropped);
    this.tokenizer.append(text);
    this.textAscii = restAscii && (chunkAscii || isAscii(text, 0));
    this.cursorIndex = 0;
    this.cursorByte = this.textByteStart;
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
