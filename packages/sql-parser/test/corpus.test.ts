import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, print } from '@velots/sql-parser';
import { stripSpans } from './strip-spans.js';

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const files = readdirSync(corpusDir).filter((f) => f.endsWith('.sql'));

describe('the test corpus', () => {
  it('has the trading, IoT, clickstream and operations apps', () => {
    expect(files.sort()).toEqual(['clickstream.sql', 'iot.sql', 'operations.sql', 'trading.sql']);
  });

  for (const file of files) {
    const text = readFileSync(join(corpusDir, file), 'utf8');

    it(`${file} parses without warnings and prints its canonical form`, async () => {
      const script = parse(text, { file });
      expect(script.warnings).toEqual([]);
      await expect(print(script)).toMatchFileSnapshot(join(corpusDir, 'printed', file));
    });

    it(`${file} round-trips: parse(print(parse(x))) equals parse(x) ignoring spans`, () => {
      const first = parse(text, { file });
      const second = parse(print(first), { file });
      expect(stripSpans(second)).toEqual(stripSpans(first));
    });

    it(`${file} gives every statement its own source text`, () => {
      for (const statement of parse(text, { file }).statements) {
        expect(text.slice(statement.span.offset, statement.span.endOffset)).toBe(statement.text);
      }
    });
  }
});
