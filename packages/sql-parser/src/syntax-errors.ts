/**
 * Turns chevrotain recognition exceptions into positioned messages in words:
 * `expected FROM, WHERE or GROUP BY but found 'FORM'; did you mean FROM?`.
 */
import type { IRecognitionException, IToken, TokenType } from 'chevrotain';
import type { TextPosition } from '@velots/core';
import type { Span } from './ast.js';
import type { SqlParser } from './grammar/sql-parser.js';
import * as T from './grammar/tokens.js';

/** One positioned syntax error; `details.errors` of the thrown VeloError holds these. */
export interface SyntaxErrorEntry {
  readonly message: string;
  readonly position: TextPosition;
  readonly expected?: readonly string[] | undefined;
}

const MAX_EXPECTED_SHOWN = 12;

const TWO_WORD: Readonly<Record<string, string>> = { GROUP: 'GROUP BY', ORDER: 'ORDER BY', PARTITION: 'PARTITION BY' };

const WORDS: ReadonlyMap<TokenType, string> = new Map([
  [T.Name, 'a name'],
  [T.Identifier, 'a name'],
  [T.QuotedIdentifier, 'a name'],
  [T.NumberLiteral, 'a number'],
  [T.StringLiteral, 'a string'],
  [T.DurationLiteral, 'a duration'],
  [T.TypedLiteral, "a DATE, TIME or TIMESTAMP literal"],
]);

/** How a token type reads in a message. */
export function tokenTypeInWords(type: TokenType): string {
  const word = WORDS.get(type);
  if (word) return word;
  if (Object.values(T.K).includes(type)) return TWO_WORD[type.name] ?? type.name;
  return typeof type.LABEL === 'string' ? type.LABEL : type.name;
}

/** How the offending token reads: `'FORM'` or `end of input`. */
export function foundInWords(token: IToken | undefined): string {
  if (!token || token.tokenType.name === 'EOF' || Number.isNaN(token.startOffset)) return 'end of input';
  const image = token.image.length > 40 ? `${token.image.slice(0, 37)}...` : token.image;
  return `'${image}'`;
}

/** `a, b or c`. */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  const shown = words.slice(0, MAX_EXPECTED_SHOWN);
  const tail = words.length > MAX_EXPECTED_SHOWN ? ', …' : '';
  if (tail) return shown.join(', ') + tail;
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

const OPERATORS: ReadonlySet<TokenType> = new Set([
  T.DoubleColon, T.Star, T.Slash, T.Percent, T.Plus, T.Minus, T.Concat, T.Eq, T.NotEq, T.Less, T.Greater, T.LessEq, T.GreaterEq,
  T.K.AND, T.K.OR, T.K.IS, T.K.NOT, T.K.BETWEEN, T.K.IN, T.K.LIKE, T.K.ILIKE, T.Dot, T.LParen, T.LBracket,
]);
const EXPRESSION_STARTS: ReadonlySet<TokenType> = new Set([
  T.Name, T.Identifier, T.QuotedIdentifier, T.NumberLiteral, T.StringLiteral, T.DurationLiteral, T.K.NOT, T.Minus, T.Plus,
  T.K.TRUE, T.K.FALSE, T.K.NULL, T.K.INTERVAL, T.K.CASE, T.K.CAST, T.K.EXISTS, T.LParen, T.K.LEFT, T.K.RIGHT,
  T.K.CURRENT_TIMESTAMP, T.K.CURRENT_DATE, T.K.CURRENT_TIME, T.K.JOIN, T.TypedLiteral,
]);

/** The expected token types in words, with operator and expression-start sets folded into one phrase each. */
export function summarizeExpected(expected: readonly TokenType[]): string[] {
  const has = (t: TokenType): boolean => expected.includes(t);
  const words: string[] = [];
  let rest = expected;
  if (has(T.Name) && has(T.NumberLiteral) && has(T.StringLiteral) && has(T.K.CASE)) {
    words.push('an expression');
    rest = rest.filter((t) => !EXPRESSION_STARTS.has(t));
  }
  if (rest.filter((t) => OPERATORS.has(t)).length >= 4) {
    words.push('an operator');
    rest = rest.filter((t) => !OPERATORS.has(t));
  }
  return [...new Set([...words, ...rest.map(tokenTypeInWords)])];
}

/** Optimal-string-alignment distance (edits and adjacent swaps), for did-you-mean. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}

/** The keyword among `expected` that `image` most likely misspells. */
export function suggestKeyword(image: string, expected: readonly TokenType[]): string | undefined {
  const upper = image.toUpperCase();
  if (upper.length < 2) return undefined;
  const limit = upper.length <= 4 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const type of expected) {
    if (!Object.values(T.K).includes(type) || type.name === upper) continue;
    const distance = editDistance(upper, type.name);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { word: type.name, distance };
  }
  return best?.word;
}

/** Token types that may come after `preceding`, in grammar order (computed from the grammar, not guessed). */
export function expectedAfter(parser: SqlParser, rule: string, preceding: IToken[]): TokenType[] {
  const seen = new Set<TokenType>();
  try {
    for (const path of parser.computeContentAssist(rule, preceding)) seen.add(path.nextTokenType);
  } catch {
    // content assist is best effort: the message then lists nothing rather than failing
  }
  return [...seen];
}

/** The position a message points at: the token, or just past the last token at end of input. */
export function positionOfToken(token: IToken | undefined, fallback: Span, file: string | undefined): TextPosition {
  if (!token || Number.isNaN(token.startOffset) || token.tokenType.name === 'EOF') {
    return { file, line: fallback.endLine ?? fallback.line, column: fallback.endColumn ?? fallback.column, offset: fallback.endOffset, endOffset: fallback.endOffset + 1 };
  }
  return { file, line: token.startLine ?? 1, column: token.startColumn ?? 1, offset: token.startOffset, endOffset: (token.endOffset ?? token.startOffset) + 1 };
}

/** A syntax error entry for a chevrotain exception within one statement's tokens. */
export function describeRecognitionError(
  parser: SqlParser,
  rule: string,
  tokens: IToken[],
  error: IRecognitionException,
  statementSpan: Span,
  file: string | undefined,
): SyntaxErrorEntry {
  let index = tokens.indexOf(error.token);
  if (index < 0) index = tokens.length;
  let token: IToken | undefined = tokens[index];
  let expected = expectedAfter(parser, rule, tokens.slice(0, index));
  let suggestion = token && token.tokenType !== T.StringLiteral ? suggestKeyword(token.image, expected) : undefined;
  // `SELECT a FORM t`: FORM was taken as an alias; the real mistake is the word before the error.
  const previous = tokens[index - 1];
  if (suggestion === undefined && previous && previous.tokenType === T.Identifier) {
    const before = expectedAfter(parser, rule, tokens.slice(0, index - 1));
    const earlier = suggestKeyword(previous.image, before);
    if (earlier !== undefined) {
      token = previous;
      expected = before;
      suggestion = earlier;
    }
  }
  const words = summarizeExpected(expected);
  if (error.name === 'NotAllInputParsedException' && token === tokens[index]) words.push('end of statement');
  if (words.length === 0) words.push('end of statement');
  let message = `expected ${joinWords(words)} but found ${foundInWords(token)}`;
  if (suggestion !== undefined) message += `; did you mean ${suggestion}?`;
  else if (token?.tokenType === T.Comma && expected.includes(T.K.INNER)) message += '; comma joins are not supported, write JOIN … ON';
  return { message, position: positionOfToken(token, statementSpan, file), expected: words };
}
