/** Values of the typed literals `DATE '…'`, `TIMESTAMP '…'` and `TIME '…'` (dialect §8). */
import { MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, parseTimestampText } from '@velots/core';
import type { TypedLiteral } from '../ast.js';

/** What each literal accepts, for error messages. */
export const TYPED_LITERAL_FORMS: Readonly<Record<TypedLiteral['type'], string>> = {
  DATE: "'YYYY-MM-DD'",
  TIMESTAMP: "'YYYY-MM-DD HH:MM:SS[.fff]' with an optional Z or ±HH:MM zone",
  TIME: "'HH:MM[:SS[.fff]]'",
};

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const TIME_TEXT = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?\s*(?:Z|z|[+-]\d{2}:?\d{2})?$/;

/** Days (DATE), epoch ms (TIMESTAMP; UTC unless a zone is written) or ms since midnight (TIME); undefined when malformed. */
export function typedLiteralValue(type: TypedLiteral['type'], text: string): number | undefined {
  const trimmed = text.trim();
  switch (type) {
    case 'DATE': {
      if (!DATE_TEXT.test(trimmed)) return undefined;
      const ms = parseTimestampText(trimmed);
      return ms === undefined ? undefined : ms / 86_400_000;
    }
    case 'TIMESTAMP':
      return TIMESTAMP_TEXT.test(trimmed) ? parseTimestampText(trimmed) : undefined;
    case 'TIME': {
      const m = TIME_TEXT.exec(trimmed);
      if (!m) return undefined;
      const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
      if (hour > 23 || minute > 59 || second > 59) return undefined;
      const millis = Number((m[4] ?? '').slice(0, 3).padEnd(3, '0'));
      return hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * MS_PER_SECOND + millis;
    }
  }
}
