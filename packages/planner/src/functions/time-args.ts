import type { SqlValue } from '@velots/core';
import { invalidArgument } from './define.js';

/** How time functions read their arguments: instants as epoch ms, units, parts and formats by name. */

/** A `ts` argument, already cast to TIMESTAMP (epoch ms). */
export const ms = (v: SqlValue | undefined): number => v as number;

/** Looks a name up once when constant, else per record; unknown names are errors naming the function. */
export function byName<T>(fn: string, what: string, lookup: (name: string) => T | undefined, constant: string | undefined): (v: SqlValue | undefined) => T {
  const resolveName = (name: string): T => {
    const found = lookup(name);
    if (found === undefined) throw invalidArgument(fn, `unknown ${what} '${name}'`);
    return found;
  };
  if (constant !== undefined) {
    const fixed = resolveName(constant);
    return () => fixed;
  }
  return (v) => resolveName(v as string);
}
