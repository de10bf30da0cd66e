import type { RecordBatch, SqlValue } from '@velots/core';

/** JSON-safe form of a value: bigints and decimals as exact text, bytes as base64. */
function jsonSafe(value: SqlValue): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v as SqlValue));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), jsonSafe(v as SqlValue)]));
  if ('unscaled' in (value as object) && 'scale' in (value as object)) return String(value);
  return Object.fromEntries(Object.entries(value as Record<string, SqlValue>).map(([k, v]) => [k, jsonSafe(v)]));
}

/** A record of a batch as a JSON object text keyed by column name (for dead-letter output and logs). */
export function rowToJsonText(batch: RecordBatch, index: number): string {
  const row = batch.rows[index] ?? [];
  const object: Record<string, unknown> = {};
  batch.schema.fields.forEach((f, i) => {
    object[f.name] = jsonSafe((row[i] ?? null) as SqlValue);
  });
  return JSON.stringify(object);
}
