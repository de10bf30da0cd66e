import { open, type FileHandle } from 'node:fs/promises';
import { NEXMARK_TABLES, nexmarkTableCount, type NexmarkTable } from '../connectors/nexmark/nexmark-model.js';
import { ConnectorProperties } from '../connectors/config.js';
import { SOURCE_FORMATS } from '../connectors/file/text-source-options.js';
import type { ConnectorBinding } from '@velots/planner';

/**
 * One worker's part of a source. A file share is the bytes [start, end) of one file, cut just after a record's
 * line end; a record share is the records [start, end) of a stream whose records are made from their index alone
 * (Nexmark).
 */
export interface SourceShare {
  readonly start: number;
  readonly end: number;
}

const SCAN_BYTES = 1 << 20;
/** How many bytes before a quote stay at hand to see whether it starts a field. */
const LOOK_BACK = 64;
/** How far past its target a JSON cut may move to find a line between two objects before that share is dropped. */
const JSON_CUT_REACH = 8 << 20;
const NEWLINE = 10;
const CR = 13;

/**
 * The record index ranges of a generated stream: `count` contiguous shares in order (or as many as `count` chooses
 * from the record count).
 */
export function recordShares(connector: ConnectorBinding, count: number | ((records: number) => number)): SourceShare[] {
  const props = new ConnectorProperties(`source '${connector.name}'`, connector.name, connector.properties);
  const table = props.choice<NexmarkTable>('table', NEXMARK_TABLES, 'bid');
  const total = nexmarkTableCount(table, props.integer('events', 0));
  const shares = typeof count === 'number' ? count : count(total);
  return Array.from({ length: shares }, (_, w) => ({ start: Math.floor((total * w) / shares), end: Math.floor((total * (w + 1)) / shares) }));
}

/**
 * Cuts a CSV or JSON-lines file into up to `count` byte ranges (a number, or one chosen from the file's size), each
 * ending just after a record's line end: a CSV cut is a line end outside any quoted field, following the quotes as
 * the tokenizer reads them (see `followQuotesUpTo`); a JSON cut is a line end between a line ending in
 * `}` and one starting with `{`. The first share holds the skipped lines and the header. Fewer shares when the file
 * is too small to cut.
 */
export async function fileShares(path: string, connector: ConnectorBinding, count: number | ((bytes: number) => number)): Promise<SourceShare[]> {
  const props = new ConnectorProperties(`source '${connector.name}'`, connector.name, connector.properties);
  const format = props.choice('format', SOURCE_FORMATS, 'csv');
  const csv = format === 'csv' || format === 'csv_no_header';
  const quote = csv ? props.character('quote', '"').charCodeAt(0) : -1;
  const headerLines = props.integer('skip_lines', 0) + (csv && props.boolean(['has_headers', 'header'], format === 'csv') ? 1 : 0);
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const wanted = typeof count === 'number' ? count : count(size);
    const scanner = new CutScanner(handle, quote, csv ? props.character('delimiter', ',').charCodeAt(0) : -1);
    // No cut before the end of the header (and the lines skipped before it), nor right after it.
    const bodyStart = await scanner.lineEndsFrom(0, headerLines + 1);
    const shares: SourceShare[] = [];
    let start = 0;
    for (let w = 1; w < wanted && bodyStart !== undefined; w++) {
      const target = Math.max(bodyStart, Math.floor((size * w) / wanted));
      if (target <= start) continue;
      const cut = csv ? await scanner.csvCutFrom(target) : await scanner.jsonCutFrom(target, size);
      if (cut === undefined || cut >= size) break;
      if (cut <= start) continue;
      shares.push({ start, end: cut });
      start = cut;
    }
    shares.push({ start, end: size });
    return shares;
  } finally {
    await handle.close();
  }
}

/** The line ends in bytes [0, byte) of a file: the line number of `byte` is this + 1 (errors of a share after the first). */
export async function lineEndsBefore(path: string, byte: number): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(SCAN_BYTES);
    let lines = 0;
    for (let at = 0; at < byte; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(SCAN_BYTES, byte - at), at);
      if (bytesRead === 0) break;
      for (let i = buffer.indexOf(NEWLINE); i !== -1 && i < bytesRead; i = buffer.indexOf(NEWLINE, i + 1)) lines++;
      at += bytesRead;
    }
    return lines;
  } finally {
    await handle.close();
  }
}

/**
 * Reads a file forward once to find cut points in order: follows the quoting with native searches from quote to quote
 * (a file without quotes costs one search per megabyte), and looks for line ends only near each target.
 */
class CutScanner {
  private readonly buffer = Buffer.allocUnsafe(SCAN_BYTES);
  /** Bytes [bufferStart, bufferEnd) of the file are in `buffer`. */
  private bufferStart = 0;
  private bufferEnd = 0;
  /** Everything before `position` is counted. */
  private position = 0;
  /** Whether `position` is inside a quoted field. */
  private inQuotes = false;
  /** The bytes from `position` up to this offset hold no quote. */
  private quoteFreeUntil = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly quote: number,
    private readonly delimiter: number,
  ) {}

  /** The offset just past the `lines`-th line end from `from` on (counting nothing), or undefined when the file has fewer. */
  async lineEndsFrom(from: number, lines: number): Promise<number | undefined> {
    let at = from;
    for (let found = 0; found < lines; found++) {
      const end = await this.indexFrom(NEWLINE, at);
      if (end === undefined) return undefined;
      at = end + 1;
    }
    return at;
  }

  /** The first line end at or after `target` outside quotes, as the offset just past it. */
  async csvCutFrom(target: number): Promise<number | undefined> {
    await this.followQuotesUpTo(target);
    for (;;) {
      const end = await this.indexFrom(NEWLINE, this.position);
      if (end === undefined) return undefined;
      await this.followQuotesUpTo(end + 1);
      if (!this.inQuotes) return end + 1;
    }
  }

  /** The first line end at or after `target` between a line ending in `}` and one starting with `{`. */
  async jsonCutFrom(target: number, size: number): Promise<number | undefined> {
    const limit = Math.min(size, target + JSON_CUT_REACH);
    for (let at = target; at < limit; ) {
      const end = await this.indexFrom(NEWLINE, at);
      if (end === undefined || end >= limit) return undefined;
      if ((await this.solidBefore(end)) === 0x7d && (await this.solidFrom(end + 1)) === 0x7b) return end + 1;
      at = end + 1;
    }
    return undefined;
  }

  /**
   * Follows the quoting from `position` up to `target`, the way the CSV tokenizer reads it: a quote opens a quoted
   * field only at a field's start (after a delimiter, a line end or the file's start, blanks skipped), a doubled
   * quote inside one is an escaped quote, and any other quote inside closes it; a quote inside an unquoted field
   * is text. Only the quotes are visited (native searches between them).
   */
  private async followQuotesUpTo(target: number): Promise<void> {
    if (this.quote < 0) {
      this.position = Math.max(this.position, target);
      return;
    }
    while (this.position < target) {
      // No quote before `quoteFreeUntil` (a search found none there): skip there at once.
      if (this.position < this.quoteFreeUntil) {
        this.position = Math.min(target, this.quoteFreeUntil);
        continue;
      }
      if (!this.holds(this.position) && !(await this.load(this.position))) return;
      const held = this.bufferEnd - this.bufferStart;
      const q = this.buffer.indexOf(this.quote, this.position - this.bufferStart);
      const at = q === -1 || q >= held ? -1 : this.bufferStart + q;
      this.quoteFreeUntil = at === -1 ? this.bufferEnd : at;
      if (at === -1 || at >= target) continue;
      // The bytes around the quote must be at hand (a quote at the edge of the buffer reloads it around the quote).
      if (!this.holds(Math.max(0, at - LOOK_BACK)) || !this.holds(at + 1)) await this.load(Math.max(0, at - LOOK_BACK));
      if (!this.inQuotes) {
        this.inQuotes = this.atFieldStart(at);
        this.position = at + 1;
      } else if (this.byteIfHeld(at + 1) === this.quote) {
        this.position = at + 2;
      } else {
        this.inQuotes = false;
        this.position = at + 1;
      }
    }
  }

  /** Whether the quote at `at` starts a field: only blanks between it and a delimiter, a line end or the file's start. */
  private atFieldStart(at: number): boolean {
    for (let i = at - 1; i >= 0; i--) {
      const byte = this.byteIfHeld(i);
      // Blanks reaching past what is at hand: taken as a field start, as most such runs are.
      if (byte === undefined) return true;
      if (byte === 0x20 || (byte === 0x09 && this.delimiter !== 0x09)) continue;
      return byte === this.delimiter || byte === NEWLINE || byte === CR;
    }
    return true;
  }

  private holds(at: number): boolean {
    return at >= this.bufferStart && at < this.bufferEnd;
  }

  private byteIfHeld(at: number): number | undefined {
    return this.holds(at) ? this.buffer[at - this.bufferStart] : undefined;
  }

  /** The offset of the first `byte` at or after `at`, or undefined when there is none. */
  private async indexFrom(byte: number, at: number): Promise<number | undefined> {
    for (let from = at; ; ) {
      if ((from < this.bufferStart || from >= this.bufferEnd) && !(await this.load(from))) return undefined;
      const i = this.buffer.indexOf(byte, from - this.bufferStart);
      if (i !== -1 && i < this.bufferEnd - this.bufferStart) return this.bufferStart + i;
      from = this.bufferEnd;
    }
  }

  /** The last byte before `at` that is not blank. */
  private async solidBefore(at: number): Promise<number | undefined> {
    for (let i = at - 1; i >= 0; i--) {
      const byte = await this.byteAt(i);
      if (byte === undefined || !isBlank(byte)) return byte;
    }
    return undefined;
  }

  /** The first byte from `at` on that is not blank. */
  private async solidFrom(at: number): Promise<number | undefined> {
    for (let i = at; ; i++) {
      const byte = await this.byteAt(i);
      if (byte === undefined || !isBlank(byte)) return byte;
    }
  }

  private async byteAt(at: number): Promise<number | undefined> {
    if ((at < this.bufferStart || at >= this.bufferEnd) && !(await this.load(at))) return undefined;
    return this.buffer[at - this.bufferStart];
  }

  private async load(at: number): Promise<boolean> {
    const { bytesRead } = await this.handle.read(this.buffer, 0, SCAN_BYTES, at);
    this.bufferStart = at;
    this.bufferEnd = at + bytesRead;
    return bytesRead > 0;
  }
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === CR || byte === NEWLINE;
}
