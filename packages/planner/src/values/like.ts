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
  let source = '';
  let literalOnly = true;
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
      literalOnly = false;
    } else if (c === '_') {
      source += '[\\s\\S]';
      literalOnly = false;
    } else {
      source += c.replace(REGEX_SPECIAL, '\\$&');
    }
  }
  if (literalOnly && !options.caseInsensitive && escape === undefined) return (s) => s === pattern;
  const regex = new RegExp(`^${source}$`, options.caseInsensitive ? 'iu' : 'u');
  return (s) => regex.test(s);
}
