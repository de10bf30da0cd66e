/**
 * @velots/sql-parser: the Velo TS SQL dialect (docs/sql-dialect.md) as a typed, immutable AST.
 *
 *   const script = parse(text, { file: 'app.sql' }); // throws VeloError(SQL_SYNTAX) with a position
 *   print(script);                                    // canonical SQL text
 */
export type * from './ast.js';
export { parse, parseStatement, parseExpression, tokenize, MAX_REPORTED_ERRORS, MAX_NESTING_DEPTH } from './parse.js';
export { print } from './printer/print.js';
export type { SyntaxErrorEntry } from './syntax-errors.js';
export { DEFAULT_DECIMAL_PRECISION, DEFAULT_DECIMAL_SCALE } from './grammar/type-names.js';
