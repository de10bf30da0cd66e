// The same Nexmark queries in DuckDB's SQL (duckdb/qN.sql) over the CSV dump of the same stream: the baseline each
// Velo TS run is compared with, and the reference its rows must equal (tooling/differential reads the same files).
// Windows are computed by hand (epoch-aligned, half-open) exactly as the Velo TS dialect defines them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const duckdbDir = join(dirname(fileURLToPath(import.meta.url)), 'duckdb');

/** DuckDB's text of each query, without its comment lines. */
export const duckdbQueries = Object.fromEntries(
  readdirSync(duckdbDir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => [
      f.replace(/\.sql$/, ''),
      readFileSync(join(duckdbDir, f), 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('--'))
        .join('\n')
        .trim(),
    ]),
);

/** Which input each query reads, for its records/s figure. */
export const queryInputs = {
  q0: ['bid'],
  q1: ['bid'],
  q2: ['bid'],
  q3: ['auction', 'person'],
  q4: ['auction', 'bid'],
  q5: ['bid'],
  q6: ['auction', 'bid'],
  q7: ['bid'],
  q8: ['person', 'auction'],
  q9: ['auction', 'bid'],
  q10: ['bid'],
  q11: ['bid'],
  q12: ['bid'],
  q13: ['bid'],
  q14: ['bid'],
  q15: ['bid'],
  q16: ['bid'],
  q17: ['bid'],
  q18: ['bid'],
  q19: ['bid'],
  q20: ['bid', 'auction'],
  q21: ['bid'],
  q22: ['bid'],
};

/**
 * Queries whose file sink writes one file per partition: the file (relative to `out/<query>/`) each result row
 * belongs in, as the query's path template names it. Their output is compared file by file.
 */
export const partitionedOutputs = {
  q10: (row) => `dt=${row.dt}/hm=${row.hm}/part.jsonl`,
};
