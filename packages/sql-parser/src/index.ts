/** Public entry of @velots/sql-parser: the AST types (parse, print and tokenize are added as they land). */
export type * from './ast.js';
