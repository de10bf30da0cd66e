// Compares two jsonlines result files as multisets of rows (column values in order; the row order of a streaming
// result is not part of its meaning). Numbers compare by value: an exact DECIMAL `3632.000` equals DuckDB's
// `3632.0`, and doubles (AVG) agree to 12 significant digits.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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

/** Every file under `dir`, by path relative to it. */
function filesUnder(dir, root = dir, files = []) {
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) filesUnder(path, root, files);
    else files.push(relative(root, path));
  }
  return files;
}

/**
 * Compares a partitioned result (one file per partition under `dir`) with a one-file result whose rows `fileOf`
 * assigns to the file they belong in: the same files, and each file with the same rows.
 */
export function comparePartitionedResult(dir, otherFile, fileOf) {
  const expected = new Map();
  let otherRows = 0;
  if (existsSync(otherFile)) {
    for (const line of readFileSync(otherFile, 'utf8').split('\n')) {
      if (line.length === 0) continue;
      const file = fileOf(JSON.parse(line));
      if (!expected.has(file)) expected.set(file, []);
      expected.get(file).push(canonicalRow(line));
      otherRows++;
    }
  }
  const files = filesUnder(dir).sort();
  let rows = 0;
  let difference;
  const wanted = [...expected.keys()].sort();
  if (files.join('\n') !== wanted.join('\n')) difference = { files, duckdbFiles: wanted };
  for (const file of files) {
    const a = canonicalRows(join(dir, file));
    rows += a.length;
    const b = (expected.get(file) ?? []).sort();
    if (difference) continue;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== b[i]) {
        difference = { file, row: i, velo: a[i], duckdb: b[i] };
        break;
      }
    }
  }
  return { equal: difference === undefined, rows, otherRows, files: files.length, ...(difference ? { difference } : {}) };
}
