import type { SqlValue } from '@velots/core';

/** How string functions read their arguments, already cast to STRING or BIGINT by the signature. */

/** A STRING argument. */
export function str(v: SqlValue | undefined): string {
  return v as string;
}

/** An integer argument as a number. */
export function int(v: SqlValue | undefined): number {
  return Number(v);
}
