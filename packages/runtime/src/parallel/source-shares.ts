import { open, type FileHandle } from 'node:fs/promises';
import { NEXMARK_TABLES, nexmarkTableCount, type NexmarkTable } from '../connectors/nexmark/nexmark-model.js';
import { ConnectorProperties } from '../connectors/config.js';
import { SOURCE_FORMATS } from '../connectors/file/text-source-options.js';
import type { ConnectorBinding } from '@velots/planner';

/**
 * One worker's part of a source. A file share is the bytes [start, end) of one file, cut just after a record's
 * line end (`line`: the file's line number at `start`); a record share is the records [start, end) of a stream
 * whose records are made from their index alone (Nexmark).
 */
export interface SourceShare {
  readonly start: number;
  readonly end: number;
  /** File shares: the 1-based line number of the share's first byte, so errors name the file's lines. */
  readonly line: number;
}

const SCAN_BYTES = 1 << 20;
/** How far past its target a JSON cut may move to find a line between two objects before that share is dropped. */
const JSON_CUT_REACH = 8 << 20;
const NEWLINE = 10;
const CR = 13;

/**
 * The record index ranges of a generated stream, `workers` contiguous shares in order (so the merged groups
 * keep the one thread's first-arrival order).
 */
export function recordShares(connector: ConnectorBinding, count: number | ((records: number) => number)): SourceShare[] {
  const props = new ConnectorProperties(`source '${connector.name}'`, connector.name, connector.properties);
  const table = props.choice<NexmarkTable>('table', NEXMARK_TABLES, 'bid');
  const total = nexmarkTableCount(table, props.integer('events', 0));
  const shares = typeof count === 'number' ? count : count(total);
  return Array.from({ length: shares }, (_, w) => ({ start: Math.floor((total * w) / shares), end: Math.floor((total * (w + 1)) / shares), line: 1 }));
}

/**
 * Cuts a CSV or JSON-lines file into up to `count` byte ranges (a number, or one chosen from the file's size), each ending just after a record's line end: a
 * CSV cut is a line end with an even count of quote characters before it (outside any quoted field, which RFC 4180
 * quoting guarantees); a JSON cut is a line end between a line ending in `}` and one starting with `{`. The first
 * share holds the skipped lines and the header. Fewer shares when the file is too small to cut.
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
    const workers = typeof count === 'number' ? count : count(size);
    const scanner = new PrefixScanner(handle, quote);
    const shares: SourceShare[] = [];
    let start = 0;
    let line = 1;
    for (let w = 1; w < workers; w++) {
      const target = Math.floor((size * w) / workers);
      if (target <= start) continue;
      const cut = csv ? await scanner.csvCutFrom(target) : await scanner.jsonCutFrom(target, size);
      if (cut === undefined || cut >= size || scanner.linesBefore(cut) < headerLines + 1) continue;
      shares.push({ start, end: cut, line });
      start = cut;
      line = scanner.linesBefore(cut) + 1;
    }
    shares.push({ start, end: size, line });
    return shares;
  } finally {
    await handle.close();
  }
}

/** Reads a file forward once, counting line ends and quote characters, to find cut points in order. */
class PrefixScanner {
  private readonly buffer = Buffer.allocUnsafe(SCAN_BYTES);
  /** Bytes [bufferStart, bufferEnd) of the file are in `buffer`. */
  private bufferStart = 0;
  private bufferEnd = 0;
  /** Everything before `position` is counted. */
  private position = 0;
  private lines = 0;
  private quotes = 0;
  private readonly linesAt = new Map<number, number>();

  constructor(
    private readonly handle: FileHandle,
    private readonly quote: number,
  ) {}

  /** The line ends before byte `cut` (a cut this scanner returned). */
  linesBefore(cut: number): number {
    return this.linesAt.get(cut) ?? 0;
  }

  /** The first line end at or after `target` outside quotes, as the offset just past it. */
  async csvCutFrom(target: number): Promise<number | undefined> {
    while (this.position < target) if (!(await this.countUpTo(target))) return undefined;
    for (;;) {
      const byte = await this.byteAt(this.position);
      if (byte === undefined) return undefined;
      this.position++;
      if (byte === this.quote) this.quotes++;
      else if (byte === NEWLINE) {
        this.lines++;
        if ((this.quotes & 1) === 0) return this.remember(this.position);
      }
    }
  }

  /** The first line end at or after `target` between a line ending in `}` and one starting with `{`. */
  async jsonCutFrom(target: number, size: number): Promise<number | undefined> {
    while (this.position < target) if (!(await this.countUpTo(target))) return undefined;
    const limit = Math.min(size, target + JSON_CUT_REACH);
    let lastSolid = -1;
    while (this.position < limit) {
      const byte = await this.byteAt(this.position);
      if (byte === undefined) return undefined;
      this.position++;
      if (byte === NEWLINE) {
        this.lines++;
        if (lastSolid === 0x7d && (await this.nextSolid(this.position)) === 0x7b) return this.remember(this.position);
      } else if (byte !== 0x20 && byte !== 0x09 && byte !== CR) lastSolid = byte;
    }
    return undefined;
  }

  private remember(cut: number): number {
    this.linesAt.set(cut, this.lines);
    return cut;
  }

  /** The first byte from `at` on that is not blank (without counting it). */
  private async nextSolid(at: number): Promise<number | undefined> {
    for (let i = at; ; i++) {
      const byte = await this.byteAt(i);
      if (byte === undefined || (byte !== 0x20 && byte !== 0x09 && byte !== CR && byte !== NEWLINE)) return byte;
    }
  }

  /** Counts line ends and quotes from `position` up to `target` (or the buffer's end); false at the end of the file. */
  private async countUpTo(target: number): Promise<boolean> {
    if (this.position >= this.bufferEnd && !(await this.load(this.position))) return false;
    const buffer = this.buffer;
    const quote = this.quote;
    const stop = Math.min(target, this.bufferEnd) - this.bufferStart;
    let lines = 0;
    let quotes = 0;
    for (let i = this.position - this.bufferStart; i < stop; i++) {
      const byte = buffer[i]!;
      if (byte === NEWLINE) lines++;
      else if (byte === quote) quotes++;
    }
    this.lines += lines;
    this.quotes += quotes;
    this.position = stop + this.bufferStart;
    return true;
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
