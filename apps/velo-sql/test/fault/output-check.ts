import type { ExpectedRows } from './expected-results.js';

/** How an output topic compares with its exact expectation. */
export interface OutputComparison {
  readonly expected: number;
  readonly received: number;
  /** Expected rows never received. */
  readonly lost: readonly string[];
  /** Rows received with other values than expected, or that should not exist at all: never allowed. */
  readonly changed: readonly string[];
  /** Extra copies of correct rows: what at-least-once delivery allows after a restart. */
  readonly duplicates: number;
}

/**
 * Compares rows read from a topic, each turned into `[identity, canonical values]` by `rowOf`, with the expected
 * rows: every expected row must be there with exactly its values; more copies of a correct row are counted.
 */
export function compareOutput(values: readonly string[], expected: ExpectedRows, rowOf: (value: string) => readonly [string, string]): OutputComparison {
  const seen = new Map<string, number>();
  const changed: string[] = [];
  for (const value of values) {
    const [identity, canonical] = rowOf(value);
    const want = expected.get(identity);
    if (want !== canonical) {
      changed.push(`${identity}: got ${canonical}, expected ${want ?? 'no such row'}`);
      continue;
    }
    seen.set(identity, (seen.get(identity) ?? 0) + 1);
  }
  const lost = [...expected.keys()].filter((identity) => !seen.has(identity));
  const duplicates = [...seen.values()].reduce((sum, copies) => sum + copies - 1, 0);
  return { expected: expected.size, received: values.length, lost, changed, duplicates };
}

/** The text of a JSON member as written (an exact decimal stays exact), without quotes. */
export function rawMember(json: string, name: string): string {
  const match = new RegExp(`"${name}":("?)([^,}"]*)\\1`).exec(json);
  if (!match) throw new Error(`no '${name}' in ${json}`);
  return match[2]!;
}

/** A decimal's text with at least two fraction digits and no trailing zeros past them (`12.5` → `12.50`, `7.000` → `7.00`). */
export function twoDecimals(text: string): string {
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0').replace(/(?<=\d\d)0+$/, '')}`;
}
