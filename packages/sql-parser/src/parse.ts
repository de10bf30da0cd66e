/**
 * The public entry points: `parse` (a `;`-separated script), `parseStatement`, `parseExpression`
 * and `tokenize`. The lexer splits statements at `;`, each statement is parsed on its own (so one
 * mistake does not hide the next; up to 10 errors are reported), and comments become annotations.
 */
import type { IToken } from 'chevrotain';
import { ErrorCodes, VeloError } from '@velots/core';
import type { Expression, ParseOptions, ParseWarning, RawAnnotation, Script, Span, SqlToken, Statement } from './ast.js';
import { lex } from './grammar/lexer.js';
import { SqlParser } from './grammar/sql-parser.js';
import { node, list, spanOf } from './grammar/spans.js';
import * as T from './grammar/tokens.js';
import { annotationOf } from './annotations/annotation-lines.js';
import { buildScriptAnnotations, buildStatementAnnotations, isFileScoped } from './annotations/collect.js';
import type { AnnotationProblem } from './annotations/metrics.js';
import { describeRecognitionError, positionOfToken, type SyntaxErrorEntry } from './syntax-errors.js';

/** At most this many errors are reported per text. */
export const MAX_REPORTED_ERRORS = 10;
/** Parentheses and CASE nest at most this deep: deeper input is an error, never a stack overflow. */
export const MAX_NESTING_DEPTH = 48;
/** At most this many prefix operators (`NOT`, `-`, `+`) in a row. */
export const MAX_PREFIX_RUN = 200;

let sharedParser: SqlParser | undefined;

/** One parser instance for the process: building chevrotain's lookahead tables is the slow part. */
function grammar(): SqlParser {
  sharedParser ??= new SqlParser();
  return sharedParser;
}

type Rule = 'statement' | 'standaloneExpression';

class ErrorList {
  readonly entries: SyntaxErrorEntry[] = [];
  constructor(readonly file: string | undefined) {}
  get full(): boolean {
    return this.entries.length >= MAX_REPORTED_ERRORS;
  }
  add(entry: SyntaxErrorEntry): void {
    if (!this.full) this.entries.push(entry);
  }
  addAt(message: string, span: Span): void {
    this.add({ message, position: { file: this.file, line: span.line, column: span.column, offset: span.offset, endOffset: span.endOffset } });
  }
  throwIfAny(): void {
    const first = this.entries[0];
    if (first === undefined) return;
    throw new VeloError(ErrorCodes.SQL_SYNTAX, first.message, {
      position: first.position,
      details: { errors: this.entries, errorCount: this.entries.length },
    });
  }
}

/** The first token nested too deeply, if any. */
function tooDeep(tokens: readonly IToken[]): { token: IToken; message: string } | undefined {
  let depth = 0;
  let prefixRun = 0;
  for (const t of tokens) {
    const type = t.tokenType;
    if (type === T.LParen || type === T.K.CASE) depth++;
    else if (type === T.RParen || type === T.K.END) depth = Math.max(0, depth - 1);
    if (depth > MAX_NESTING_DEPTH) return { token: t, message: `expression nested too deeply: more than ${MAX_NESTING_DEPTH} levels of parentheses or CASE` };
    prefixRun = type === T.K.NOT || type === T.Minus || type === T.Plus ? prefixRun + 1 : 0;
    if (prefixRun > MAX_PREFIX_RUN) return { token: t, message: `more than ${MAX_PREFIX_RUN} prefix operators in a row` };
  }
  return undefined;
}

/** Parses one statement's (or expression's) tokens; records errors and returns undefined on failure. */
function parseTokens<R>(text: string, tokens: IToken[], rule: Rule, errors: ErrorList): R | undefined {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  const span = first && last ? spanOf(first, last) : { offset: text.length, line: 1, column: 1, endOffset: text.length };
  const deep = tooDeep(tokens);
  if (deep) {
    errors.add({ message: deep.message, position: positionOfToken(deep.token, span, errors.file) });
    return undefined;
  }
  const parser = grammar();
  parser.load(tokens, text);
  let result: unknown;
  try {
    result = rule === 'statement' ? parser.statement() : parser.standaloneExpression();
  } catch (cause) {
    if (cause instanceof RangeError) {
      errors.add({ message: 'statement too complex to parse (nested too deeply)', position: positionOfToken(first, span, errors.file) });
      return undefined;
    }
    throw cause;
  }
  const recognition = parser.errors[0];
  if (recognition) {
    errors.add(describeRecognitionError(parser, rule, tokens, recognition, span, errors.file));
    return undefined;
  }
  for (const e of parser.semanticErrors) errors.addAt(e.message, e.span);
  return parser.semanticErrors.length > 0 ? undefined : (result as R);
}

/** Splits tokens at `;` (the lexer already kept `;` inside strings and comments apart). */
function splitStatements(tokens: readonly IToken[]): { tokens: IToken[]; end: number }[] {
  const groups: { tokens: IToken[]; end: number }[] = [];
  let current: IToken[] = [];
  for (const t of tokens) {
    if (t.tokenType === T.Semicolon) {
      if (current.length > 0) groups.push({ tokens: current, end: t.startOffset + 1 });
      current = [];
    } else {
      current.push(t);
    }
  }
  if (current.length > 0) groups.push({ tokens: current, end: Number.POSITIVE_INFINITY });
  return groups;
}

/** Comments directly above `start` (no blank line between them and the statement), as an index into `comments`. */
function attachedBlockStart(text: string, comments: readonly IToken[], from: number, to: number, start: number): number {
  let boundary = start;
  let i = to;
  while (i > from) {
    const c = comments[i - 1] as IToken;
    const gap = text.slice((c.endOffset ?? c.startOffset) + 1, boundary);
    if ((gap.match(/\n/g) ?? []).length > 1) break;
    boundary = c.startOffset;
    i--;
  }
  return i;
}

/** Parses a `.sql` script into statements with their annotations; throws VeloError(SQL_SYNTAX) listing up to 10 errors. */
export function parse(text: string, options: ParseOptions = {}): Script {
  const errors = new ErrorList(options.file);
  const { tokens, comments, errors: lexErrors } = lex(text);
  for (const e of lexErrors) {
    errors.add({ message: e.message, position: { file: options.file, line: e.line, column: e.column, offset: e.offset, endOffset: e.offset + Math.max(1, e.length) } });
  }
  const problems: AnnotationProblem[] = [];
  const conditionParser = (condition: string): Expression | string => {
    try {
      return parseExpression(condition, options);
    } catch (cause) {
      return cause instanceof Error ? cause.message : String(cause);
    }
  };
  const fileLines: RawAnnotation[] = [];
  const headerJobLines: RawAnnotation[] = [];
  const statements: Statement[] = [];
  let commentIndex = 0;
  let statementStart = 0;
  for (const [index, group] of splitStatements(tokens).entries()) {
    if (errors.full) break;
    const firstToken = group.tokens[0] as IToken;
    const from = commentIndex;
    while (commentIndex < comments.length && (comments[commentIndex] as IToken).startOffset < firstToken.startOffset) commentIndex++;
    const blockStart = index === 0 ? attachedBlockStart(text, comments, from, commentIndex, firstToken.startOffset) : from;
    const statementLines: RawAnnotation[] = [];
    for (let i = from; i < commentIndex; i++) {
      const annotation = annotationOf(comments[i] as IToken);
      if (annotation === undefined) continue;
      if (isFileScoped(annotation)) fileLines.push(annotation);
      else if (i < blockStart && ['job_mode', 'batch_size', 'num_partitions', 'partitioning_strategy', 'sticky-partition-id', 'partition-count'].includes(annotation.key)) {
        headerJobLines.push(annotation);
      } else statementLines.push(annotation);
    }
    while (commentIndex < comments.length && (comments[commentIndex] as IToken).startOffset < group.end) commentIndex++;
    // a statement with a lexical error is not parsed: its tokens are incomplete and the lexer already said why
    const lexicalMistake = lexErrors.some((e) => e.offset >= statementStart && e.offset < group.end);
    statementStart = group.end;
    const statement = lexicalMistake ? undefined : parseTokens<Statement>(text, group.tokens, 'statement', errors);
    const annotations = buildStatementAnnotations(statementLines, conditionParser, problems);
    if (statement) statements.push(node({ ...statement, annotations }));
  }
  if (statements.length === 0 && errors.entries.length === 0) {
    for (const c of comments) {
      const annotation = annotationOf(c);
      if (annotation && isFileScoped(annotation)) fileLines.push(annotation);
    }
  }
  const annotations = buildScriptAnnotations(fileLines, headerJobLines, problems);
  const warnings: ParseWarning[] = [];
  for (const p of problems) {
    if (p.warning) warnings.push(node({ code: 'ANNOTATION', message: p.message, span: p.span }));
    else errors.addAt(p.message, p.span);
  }
  errors.entries.sort((a, b) => a.position.offset - b.position.offset);
  errors.throwIfAny();
  const end = positionAtEnd(text);
  return node({
    kind: 'Script',
    span: node({ offset: 0, line: 1, column: 1, endOffset: text.length, endLine: end.line, endColumn: end.column }),
    statements: list(statements),
    annotations,
    warnings: list(warnings),
  });
}

function positionAtEnd(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}

/** Parses exactly one statement (a trailing `;` is allowed), with its annotations. */
export function parseStatement(text: string, options: ParseOptions = {}): Statement {
  const script = parse(text, options);
  const [first, second] = script.statements;
  if (first === undefined) {
    throw new VeloError(ErrorCodes.SQL_SYNTAX, 'expected a statement but found end of input', {
      position: { file: options.file, line: script.span.endLine ?? 1, column: script.span.endColumn ?? 1, offset: text.length },
    });
  }
  if (second !== undefined) {
    throw new VeloError(ErrorCodes.SQL_SYNTAX, `expected one statement but found ${script.statements.length}`, {
      position: { file: options.file, line: second.span.line, column: second.span.column, offset: second.span.offset, endOffset: second.span.endOffset },
    });
  }
  return first;
}

/** Parses one expression (`price * 2 > 10`); throws VeloError(SQL_SYNTAX) when anything else is left. */
export function parseExpression(text: string, options: ParseOptions = {}): Expression {
  const errors = new ErrorList(options.file);
  const { tokens, errors: lexErrors } = lex(text);
  for (const e of lexErrors) {
    errors.add({ message: e.message, position: { file: options.file, line: e.line, column: e.column, offset: e.offset, endOffset: e.offset + Math.max(1, e.length) } });
  }
  errors.throwIfAny();
  const expression = parseTokens<Expression>(text, tokens, 'standaloneExpression', errors);
  errors.throwIfAny();
  if (expression === undefined) throw new VeloError(ErrorCodes.SQL_SYNTAX, 'expected an expression but found end of input', { position: { file: options.file, line: 1, column: 1, offset: 0 } });
  return expression;
}

/** The tokens of `text` (comments included, whitespace left out); throws VeloError(SQL_SYNTAX) on a lexical error. */
export function tokenize(text: string, options: ParseOptions = {}): SqlToken[] {
  const { tokens, comments, errors } = lex(text);
  const first = errors[0];
  if (first) {
    throw new VeloError(ErrorCodes.SQL_SYNTAX, first.message, {
      position: { file: options.file, line: first.line, column: first.column, offset: first.offset, endOffset: first.offset + Math.max(1, first.length) },
    });
  }
  return [...tokens, ...comments]
    .sort((a, b) => a.startOffset - b.startOffset)
    .map((t) => node({ type: t.tokenType.name, image: t.image, span: spanOf(t) }));
}
