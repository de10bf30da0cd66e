import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VeloError } from '@velots/core';
import { parse, MAX_NESTING_DEPTH } from '@velots/sql-parser';

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => readFileSync(join(corpusDir, f), 'utf8').trim().replace(/;?$/, ';'))
  .join('\n');

/** Runs `parse` and returns the VeloError it throws. */
function failure(text: string): { error: VeloError } {
  try {
    parse(text, { file: 'big.sql' });
  } catch (error) {
    if (error instanceof VeloError) return { error };
    throw error;
  }
  throw new Error('expected a syntax error');
}

describe('hostile input', () => {
  it('reports 10 000 nested parentheses as a positioned error, not a stack overflow', () => {
    const { error } = failure(`SELECT ${'('.repeat(10_000)}1${')'.repeat(10_000)}`);
    expect(error.code).toBe('SQL_SYNTAX');
    expect(error.message).toBe(`expression nested too deeply: more than ${MAX_NESTING_DEPTH} levels of parentheses or CASE`);
    expect(error.position).toMatchObject({ line: 1, column: 8 + MAX_NESTING_DEPTH, offset: 7 + MAX_NESTING_DEPTH });
  });

  it('parses nesting up to the limit', () => {
    const depth = MAX_NESTING_DEPTH - 1;
    expect(parse(`SELECT ${'('.repeat(depth)}1${')'.repeat(depth)}`).statements.length).toBe(1);
  });

  it('reports 10 000 NOTs or minus signs in a row as a positioned error', () => {
    expect(failure(`SELECT ${'NOT '.repeat(10_000)}TRUE`).error.position).toMatchObject({ line: 1, column: 8 + 4 * 200 });
    expect(failure(`SELECT ${'- '.repeat(10_000)}1`).error.position).toMatchObject({ line: 1 });
  });

  it('parses a 5 MB script (its speed is measured in bench/parser, not here)', () => {
    const big = corpus.repeat(Math.ceil(5_000_000 / corpus.length));
    const script = parse(big);
    expect(big.length).toBeGreaterThanOrEqual(5_000_000);
    expect(script.statements.length).toBe(parse(corpus).statements.length * Math.ceil(5_000_000 / corpus.length));
  });

  it('reports an unterminated string or comment at the end of 5 MB at its opening quote', () => {
    const body = 'x'.repeat(5_000_000);
    const str = failure(`SELECT 1;\nSELECT '${body}`);
    expect(str.error.message).toBe('unterminated string literal: missing closing quote');
    expect(str.error.position).toMatchObject({ line: 2, column: 8, offset: 17 });
    const comment = failure(`SELECT 1 /* ${body}`);
    expect(comment.error.message).toBe("unterminated comment: '/*' has no closing '*/'");
    expect(comment.error.position).toMatchObject({ line: 1, column: 10, offset: 9 });
  });

  it('reports binary junk as positioned lexical errors, at most 10', () => {
    const junk = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1');
    const { error } = failure(junk);
    const errors = error.details?.['errors'] as unknown[];
    expect(errors.length).toBe(10);
    expect(error.position?.offset).toBeGreaterThanOrEqual(0);
    expect(error.format(junk)).toMatch(/^big\.sql:\d+:\d+: /);
  });
});
