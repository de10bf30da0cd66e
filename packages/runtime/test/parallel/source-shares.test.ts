import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectorBinding } from '@velots/planner';
import { fileShares, lineEndsBefore, recordShares, type SourceShare } from '../../src/parallel/source-shares.js';

const dir = mkdtempSync(join(tmpdir(), 'velo-shares-'));

function fileOf(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const binding = (properties: Record<string, string>): ConnectorBinding => ({ name: 'input', type: 'file_source', properties });

/** The text of each share; they must cover the file exactly, in order. */
function pieces(path: string, shares: readonly SourceShare[]): string[] {
  const bytes = readFileSync(path);
  expect(shares[0]!.start).toBe(0);
  expect(shares[shares.length - 1]!.end).toBe(bytes.length);
  for (let i = 1; i < shares.length; i++) expect(shares[i]!.start).toBe(shares[i - 1]!.end);
  return shares.map((s) => bytes.subarray(s.start, s.end).toString('utf8'));
}

/** The line ends before a share's first byte, counted from the text before it. */
function lineEndsAt(path: string, share: SourceShare): number {
  return readFileSync(path).subarray(0, share.start).toString('utf8').split('\n').length - 1;
}

describe('cutting a CSV file into shares', () => {
  it('cuts at line ends outside quotes, never inside a quoted field holding line breaks', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? `${i},"note ${i}\nsecond line, ""quoted""\n third",${i * 2}` : `${i},plain ${i},${i * 2}`));
    const path = fileOf('quoted.csv', `id,note,twice\n${rows.join('\n')}\n`);
    const shares = await fileShares(path, binding({ format: 'csv' }), 4);
    expect(shares).toHaveLength(4);
    const texts = pieces(path, shares);
    for (const [i, text] of texts.entries()) {
      expect(text.endsWith('\n')).toBe(true);
      // Every share holds whole records: an even count of quotes.
      expect((text.match(/"/g) ?? []).length % 2).toBe(0);
      if (i > 0) expect(text).toMatch(/^\d+,/);
      expect(await lineEndsBefore(path, shares[i]!.start)).toBe(lineEndsAt(path, shares[i]!));
    }
    expect(texts[0]!.startsWith('id,note,twice\n')).toBe(true);
  });

  it('reads a quote inside an unquoted field as text, as the tokenizer does', async () => {
    // A stray quote would make a plain quote count odd, and put the next quoted line break "outside" the quotes.
    const rows = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? `${i},a 12" pipe,x` : `${i},"two\nlines ""here""",y`));
    const path = fileOf('stray.csv', `id,item,tag\n${rows.join('\n')}\n`);
    const texts = pieces(path, await fileShares(path, binding({ format: 'csv' }), 5));
    expect(texts).toHaveLength(5);
    for (const text of texts.slice(1)) expect(text).toMatch(/^\d+,(a 12" pipe,x|"two\nlines)/);
  });

  it('honours another quote character', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i};'a\nb ${i}'`);
    const path = fileOf('single-quote.csv', `${rows.join('\n')}\n`);
    const texts = pieces(path, await fileShares(path, binding({ format: 'csv_no_header', delimiter: ';', quote: "'" }), 3));
    expect(texts).toHaveLength(3);
    for (const text of texts) expect(text).toMatch(/^\d+;'a\n/);
  });

  it('keeps a file too small to cut past its header in one share', async () => {
    const path = fileOf('tiny.csv', 'id,name\n1,a\n');
    expect(await fileShares(path, binding({ format: 'csv' }), 4)).toEqual([{ start: 0, end: 12 }]);
  });

  it('leaves the skipped lines and the header to the first share', async () => {
    const path = fileOf('skip.csv', `# exported\n# by a tool\nid,v\n${Array.from({ length: 3 }, (_, i) => `${i},${i}`).join('\n')}\n`);
    const shares = await fileShares(path, binding({ format: 'csv', skip_lines: '2' }), 8);
    expect(pieces(path, shares)[0]).toMatch(/^# exported\n# by a tool\nid,v\n0,0\n/);
  });
});

describe('cutting a JSON-lines file into shares', () => {
  it('cuts between one object and the next, also when objects span lines', async () => {
    const objects = Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? `{"id": ${i}, "tags": ["a", "b"]}` : `{\n  "id": ${i},\n  "inner": {\n    "x": ${i}\n  }\n}`));
    const path = fileOf('events.jsonl', `${objects.join('\n')}\n`);
    const texts = pieces(path, await fileShares(path, binding({ format: 'jsonlines' }), 4));
    expect(texts).toHaveLength(4);
    for (const text of texts) {
      expect(text.startsWith('{')).toBe(true);
      expect(text.trimEnd().endsWith('}')).toBe(true);
      // Whole objects: every brace opened is closed.
      expect((text.match(/{/g) ?? []).length).toBe((text.match(/}/g) ?? []).length);
    }
  });
});

describe('cutting a generated stream into shares', () => {
  it('gives contiguous record ranges covering the table', () => {
    const shares = recordShares({ name: 'bid', type: 'nexmark', properties: { table: 'bid', events: '1000' } }, 3);
    expect(shares.map((s) => [s.start, s.end])).toEqual([
      [0, 306],
      [306, 613],
      [613, 920],
    ]);
  });
});
