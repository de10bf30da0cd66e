import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isVeloError } from '@velots/core';
import { parse, tokenize } from '@velots/sql-parser';

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const sources = readdirSync(corpusDir).filter((f) => f.endsWith('.sql')).map((f) => readFileSync(join(corpusDir, f), 'utf8'));

/** A small seeded generator (mulberry32) so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One mutation of `text`: delete, duplicate or swap a token, or overwrite a few bytes with random ones. */
function mutate(text: string, next: () => number): string {
  const tokens = tokenize(text).filter((t) => t.type !== 'LineComment');
  const pick = (): { start: number; end: number } => {
    const t = tokens[Math.floor(next() * tokens.length)];
    return t ? { start: t.span.offset, end: t.span.endOffset } : { start: 0, end: 0 };
  };
  const a = pick();
  switch (Math.floor(next() * 4)) {
    case 0:
      return text.slice(0, a.start) + text.slice(a.end);
    case 1:
      return text.slice(0, a.end) + ' ' + text.slice(a.start, a.end) + text.slice(a.end);
    case 2: {
      const b = pick();
      const [x, y] = a.start < b.start ? [a, b] : [b, a];
      if (x.end > y.start) return text;
      return text.slice(0, x.start) + text.slice(y.start, y.end) + text.slice(x.end, y.start) + text.slice(x.start, x.end) + text.slice(y.end);
    }
    default: {
      const chars = [...text];
      for (let i = 0; i < 3; i++) chars[Math.floor(next() * chars.length)] = String.fromCharCode(Math.floor(next() * 256));
      return chars.join('');
    }
  }
}

/** The statements of the corpus, one by one: mutating small texts keeps 10 000 runs fast. */
const statements = sources.flatMap((s) => parse(s).statements.map((st) => st.text));

describe('fuzzing the parser with mutated corpus statements', () => {
  it('returns an AST or a positioned VeloError for 10 000 mutations', () => {
    const next = random(20260501);
    let errors = 0;
    for (let i = 0; i < 10_000; i++) {
      const original = statements[Math.floor(next() * statements.length)] ?? '';
      const text = mutate(original, next);
      try {
        parse(text, { file: 'fuzz.sql' });
      } catch (error) {
        if (!isVeloError(error) || error.code !== 'SQL_SYNTAX' || error.position === undefined) {
          throw new Error(`mutation ${i} gave ${String(error)} for:\n${text}`);
        }
        expect(error.position.offset).toBeGreaterThanOrEqual(0);
        expect(error.position.offset).toBeLessThanOrEqual(text.length);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(1000);
  });
});
