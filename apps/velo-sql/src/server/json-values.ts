import type { Row, Schema } from '@velots/core';
import { valueToJsonText } from '@velots/planner';

/**
 * A row as JSON text keyed by column name, or as an array: DECIMAL values stay exact JSON numbers (never a
 * double), TIMESTAMP is epoch milliseconds, as the jsonlines sink writes them.
 */
export function rowJsonObject(schema: Schema, row: Row): string {
  return `{${schema.fields.map((f, i) => `${JSON.stringify(f.name)}:${valueToJsonText(row[i] ?? null, f.type)}`).join(',')}}`;
}

export function rowJsonArray(schema: Schema, row: Row): string {
  return `[${schema.fields.map((f, i) => valueToJsonText(row[i] ?? null, f.type)).join(',')}]`;
}

/** Marks pre-rendered JSON text inside a response body, so the serializer inserts it verbatim. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify that inserts RawJson values verbatim (exact decimals inside ordinary objects). */
export function stringifyWithRaw(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0000raw${raws.length - 1}\u0000`;
    }
    return typeof v === 'bigint' ? v.toString() : v;
  });
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!);
}
