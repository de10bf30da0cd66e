/**
 * Token types of the dialect. Keywords are case-insensitive and ordered longest first, each with the
 * identifier as `longer_alt`; the non-reserved ones also carry the `Name` category so they stay
 * usable as column names (`timestamp`, `key`, `window`, `value`…).
 */
import { Lexer, createToken, type TokenType } from 'chevrotain';

/** Anything usable as a name: identifiers, back-quoted identifiers and non-reserved keywords. */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA });

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: 'LineComment', pattern: /--[^\n\r]*/, group: 'comments' });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: 'comments', line_breaks: true });
/** An unclosed comment or string runs to the end of the text: lexed as one token so the error points at its start. */
export const UnterminatedComment = createToken({ name: 'UnterminatedComment', pattern: /\/\*[\s\S]*/, line_breaks: true });
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [Name] });
export const QuotedIdentifier = createToken({ name: 'QuotedIdentifier', pattern: /`(?:[^`]|``)*`/, categories: [Name], line_breaks: true });
export const UnterminatedQuotedIdentifier = createToken({ name: 'UnterminatedQuotedIdentifier', pattern: /`(?:[^`]|``)*/, line_breaks: true });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /'(?:[^']|'')*'|"(?:[^"]|"")*"/, line_breaks: true });
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /'(?:[^']|'')*|"(?:[^"]|"")*/, line_breaks: true });
/** `DATE '…'`, `TIMESTAMP '…'`, `TIME '…'` as one token, so the words alone stay names (`date`, `TIMESTAMP()`). */
export const TypedLiteral = createToken({ name: 'TypedLiteral', pattern: /(?:DATE|TIMESTAMP|TIME)\s*'(?:[^']|'')*'/i, line_breaks: true });
export const DurationLiteral = createToken({ name: 'DurationLiteral', pattern: /\d+(?:ns|us|ms|s|m|h|d|w)(?![A-Za-z0-9_])/ });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/ });

export const DoubleColon = createToken({ name: 'DoubleColon', pattern: '::', label: "'::'" });
export const Concat = createToken({ name: 'Concat', pattern: '||', label: "'||'" });
export const LessEq = createToken({ name: 'LessEq', pattern: '<=', label: "'<='" });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: '>=', label: "'>='" });
export const NotEq = createToken({ name: 'NotEq', pattern: /<>|!=/, label: "'<>'" });
export const Eq = createToken({ name: 'Eq', pattern: '=', label: "'='" });
export const Less = createToken({ name: 'Less', pattern: '<', label: "'<'" });
export const Greater = createToken({ name: 'Greater', pattern: '>', label: "'>'" });
export const Plus = createToken({ name: 'Plus', pattern: '+', label: "'+'" });
export const Minus = createToken({ name: 'Minus', pattern: '-', label: "'-'" });
export const Star = createToken({ name: 'Star', pattern: '*', label: "'*'" });
export const Slash = createToken({ name: 'Slash', pattern: '/', label: "'/'" });
export const Percent = createToken({ name: 'Percent', pattern: '%', label: "'%'" });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: "')'" });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: "','" });
export const Semicolon = createToken({ name: 'Semicolon', pattern: ';', label: "';'" });
export const Dot = createToken({ name: 'Dot', pattern: '.', label: "'.'" });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: "']'" });

/** Core SQL words: never names. */
const RESERVED = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'HAVING', 'ORDER', 'LIMIT', 'AS', 'AND', 'OR', 'NOT', 'NULL',
  'TRUE', 'FALSE', 'IS', 'IN', 'BETWEEN', 'LIKE', 'ILIKE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CAST',
  'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'ON', 'UNION', 'ALL', 'ANY', 'SOME', 'DISTINCT',
  'EXISTS', 'INTO', 'WITH', 'CREATE', 'INSERT', 'DROP', 'INTERVAL', 'OVER', 'USING',
] as const;

/** Streaming and statement words: keywords where the grammar expects them, names elsewhere. */
const NON_RESERVED = [
  'STREAM', 'TABLE', 'PRIMARY', 'KEY', 'WINDOW', 'TUMBLING', 'SLIDING', 'HOPPING', 'SESSION', 'EMIT',
  'CHANGES', 'FINAL', 'IF', 'REPLACE', 'SHOW', 'LIST', 'DESCRIBE', 'EXPLAIN', 'START', 'STOP', 'PAUSE',
  'RESUME', 'DEPLOY', 'ROLLBACK', 'JOB', 'VERSION', 'STRATEGY', 'FORCE', 'ASC', 'DESC', 'NULLS', 'FIRST',
  'LAST', 'ESCAPE', 'WITHIN', 'FILTER', 'PARTITION', 'ROWS', 'RANGE', 'UNBOUNDED', 'PRECEDING',
  'FOLLOWING', 'CURRENT', 'ROW', 'BUFFER', 'EVERY', 'RECORD', 'EXPIRE', 'AFTER', 'NEVER', 'INACTIVITY',
  'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'CROSS', 'QUERY', 'OFFSET',
] as const;

export type KeywordName = (typeof RESERVED)[number] | (typeof NON_RESERVED)[number];

function keyword(word: string, reserved: boolean): TokenType {
  return createToken({
    name: word,
    pattern: new RegExp(word, 'i'),
    longer_alt: Identifier,
    label: word,
    // Said, not found by chevrotain parsing each keyword's pattern when the lexer is built (~1/3 of building it):
    // a keyword starts with its first letter in either case and holds no line break.
    start_chars_hint: [word[0]!.toUpperCase(), word[0]!.toLowerCase()],
    line_breaks: false,
    ...(reserved ? {} : { categories: [Name] }),
  });
}

/** Keyword token types by upper-case word. */
export const K = Object.fromEntries([
  ...RESERVED.map((w) => [w, keyword(w, true)] as const),
  ...NON_RESERVED.map((w) => [w, keyword(w, false)] as const),
]) as Record<KeywordName, TokenType>;

/** Upper-case words that can never be a name. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(RESERVED);

const keywordsLongestFirst = Object.values(K).sort(
  (a, b) => (b.name.length - a.name.length) || a.name.localeCompare(b.name),
);

/** Every token type, in lexing order. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  StringLiteral,
  UnterminatedString,
  QuotedIdentifier,
  UnterminatedQuotedIdentifier,
  TypedLiteral,
  DurationLiteral,
  NumberLiteral,
  ...keywordsLongestFirst,
  Identifier,
  Name,
  DoubleColon,
  Concat,
  LessEq,
  GreaterEq,
  NotEq,
  Eq,
  Less,
  Greater,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Semicolon,
  Dot,
];
