import { ErrorCodes, VeloError } from '@velots/core';

/** How a LIKE pattern matches. */
export interface LikeOptions {
  /** ILIKE: compare ignoring case. */
  readonly caseInsensitive?: boolean | undefined;
  /** One character that makes the next `%`, `_` or itself literal. */
  readonly escape?: string | undefined;
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

/**
 * Compiles a LIKE pattern once into a matcher: `%` is any run of characters, `_` exactly one
 * (one code point), every other character (regex metacharacters included) matches itself.
 */
export function compileLike(pattern: string, options: LikeOptions = {}): (s: string) => boolean {
  const escape = options.escape;
  if (escape !== undefined && [...escape].length !== 1) {
    throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `LIKE ESCAPE must be one character, got '${escape}'`);
  }
  const simple = simpleShape(pattern, options);
  if (simple) return simple;
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === escape) {
      const next = chars[++i];
      if (next === undefined) {
        throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `LIKE pattern '${pattern}' ends with its escape character`);
      }
      source += next.replace(REGEX_SPECIAL, '\\$&');
    } else if (c === '%') {
      source += '[\\s\\S]*';
    } else if (c === '_') {
      source += '[\\s\\S]';
    } else {
      source += c.replace(REGEX_SPECIAL, '\\$&');
    }
  }
  const regex = new RegExp(`^${source}$`, options.caseInsensitive ? 'iu' : 'u');
  return (s) => regex.test(s);
}

/** `lit`, `lit%`, `%lit` and `%lit%` (case-sensitive, no `_` or escape) become plain string tests. */
function simpleShape(pattern: string, options: LikeOptions): ((s: string) => boolean) | undefined {
  if (options.caseInsensitive || options.escape !== undefined || pattern.includes('_')) return undefined;
  const leading = pattern.startsWith('%');
  const trailing = pattern.length > 1 && pattern.endsWith('%');
  const core = pattern.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (core.includes('%')) return undefined;
  if (leading && trailing) return (s) => s.includes(core);
  if (leading) return (s) => s.endsWith(core);
  if (trailing) return (s) => s.startsWith(core);
  return (s) => s === core;
}
