/** The chevrotain lexer instance and a `lex` that returns tokens, comments and positioned lexical errors. */
import { Lexer, type IToken } from 'chevrotain';
import {
  allTokens,
  UnterminatedComment,
  UnterminatedQuotedIdentifier,
  UnterminatedString,
} from './tokens.js';
import { validateGrammar } from './grammar-checks.js';

const sqlLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: validateGrammar, skipValidations: !validateGrammar });

/** A lexical problem: an unknown character or an unclosed string, identifier or comment. */
export interface LexicalError {
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly errors: LexicalError[];
}

const UNTERMINATED: ReadonlyMap<string, string> = new Map([
  [UnterminatedComment.name, "unterminated comment: '/*' has no closing '*/'"],
  [UnterminatedString.name, 'unterminated string literal: missing closing quote'],
  [UnterminatedQuotedIdentifier.name, 'unterminated quoted identifier: missing closing backquote'],
]);

/** Splits SQL text into tokens; comments go to their own list (they carry annotations). */
export function lex(text: string): LexResult {
  const result = sqlLexer.tokenize(text);
  const errors: LexicalError[] = result.errors.map((e) => {
    const char = text.slice(e.offset, e.offset + 1);
    const shown = /[\x20-\x7e]/.test(char) ? `'${char}'` : `character U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      message: `unexpected ${shown}`,
      offset: e.offset,
      line: e.line ?? 1,
      column: e.column ?? 1,
      length: e.length,
    };
  });
  const tokens: IToken[] = [];
  for (const token of result.tokens) {
    const message = UNTERMINATED.get(token.tokenType.name);
    if (message === undefined) {
      tokens.push(token);
      continue;
    }
    errors.push({
      message,
      offset: token.startOffset,
      line: token.startLine ?? 1,
      column: token.startColumn ?? 1,
      length: Math.min(token.image.length, 1),
    });
  }
  const comments = (result.groups['comments'] ?? []) as IToken[];
  errors.sort((a, b) => a.offset - b.offset);
  return { tokens, comments, errors };
}
