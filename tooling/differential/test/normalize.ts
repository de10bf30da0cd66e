/** Turns a value from either engine into a comparable plain value: numbers as numbers, times as epoch ms. */
export function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // Velo TS Decimal (unscaled/scale) and DuckDB DECIMAL (value/scale) both become a number.
    if ('unscaled' in v && 'scale' in v) return Number(String(value));
    if ('width' in v && 'scale' in v && 'value' in v) return Number(v['value'] as bigint) / 10 ** Number(v['scale']);
    // DuckDB TIMESTAMP: micros since the epoch.
    if ('micros' in v) return Number(v['micros'] as bigint) / 1000;
    if ('days' in v && Object.keys(v).length === 1) return v['days'];
    if (typeof (v as { toString?: unknown }).toString === 'function' && 'toDouble' in v) return (v as unknown as { toDouble(): number }).toDouble();
  }
  return String(value);
}

/**
 * Two normalised values are equal: numbers to 1e-9 relative (doubles summed in another order), or within
 * half a unit of the 6th decimal, because AVG and `/` over DECIMAL give an exact DECIMAL rounded to scale 6
 * (the SQL Server rule, dialect §8) where DuckDB gives a DOUBLE.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) && Number.isNaN(b)) return true;
    return Math.abs(a - b) <= Math.max(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)), 5.000001e-7);
  }
  return a === b;
}

/** A sort key for multiset comparison (numbers rounded so float noise does not reorder rows). */
export function rowKey(row: readonly unknown[]): string {
  return JSON.stringify(row.map((v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
}
