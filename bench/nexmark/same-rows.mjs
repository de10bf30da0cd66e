// Compares two jsonlines result files as multisets of rows (column values in order; the row order of a streaming
// result is not part of its meaning). Numbers compare by value: an exact DECIMAL `3632.000` equals DuckDB's
// `3632.0`, and doubles (AVG) agree to 12 significant digits.
import { existsSync, readFileSync } from 'node:fs';

/** One row as a canonical text: its values in column order, numbers rounded to 12 significant digits. */
function canonicalRow(line) {
  const values = Object.values(JSON.parse(line));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && !Number.isInteger(v)) values[i] = Number(v.toPrecision(12));
  }
  return JSON.stringify(values);
}

function canonicalRows(file) {
  if (!existsSync(file)) return [];
  const rows = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line.length > 0) rows.push(canonicalRow(line));
  return rows.sort();
}

/** `{ equal, rows, otherRows, difference }`: whether both files hold the same rows, and the first that differs. */
export function compareResultFiles(file, otherFile) {
  const a = canonicalRows(file);
  const b = canonicalRows(otherFile);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return { equal: false, rows: a.length, otherRows: b.length, difference: { row: i, velo: a[i], duckdb: b[i] } };
  }
  return { equal: true, rows: a.length, otherRows: b.length };
}
