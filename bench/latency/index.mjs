// bench/latency: how long a record takes from entering the engine to its result leaving, at 1 000 records/s.
//   1. stdin → `velo-sql-batch run` (the bundled bin) → stdout, jsonlines without a declared schema;
//   2. a query() over a slow async iterable → its result iterator.
// Records carry their sequence number; latency = when its result line / row came out − when it was written.
// Prints a table: name, records, p50, p99, max (ms), and the target p99 ≤ 20 ms. Not part of the test run.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { query } from '@velots/runtime';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', '..', 'apps', 'velo-sql-batch', 'dist', 'velo-sql-batch.mjs');
const RATE = 1000;
const TOTAL = Number(process.env.BENCH_RECORDS ?? (process.env.BENCH_QUICK ? 1000 : 5000));
const WARMUP = Math.min(100, TOTAL / 10);
const TARGET_P99_MS = 20;

/**
 * Calls `emit(seq)` for records 1…TOTAL−1 at RATE per second (catching up on timer lateness), then `done()`.
 * Record 0 goes first, alone: the pacer starts once its result is out, so start-up is not measured.
 */
function paced(emit, done) {
  const started = performance.now();
  let seq = 1;
  const tick = () => {
    const due = Math.min(TOTAL, Math.floor(((performance.now() - started) * RATE) / 1000) + 1);
    while (seq < due) emit(seq++);
    if (seq < TOTAL) setTimeout(tick, 1);
    else done();
  };
  tick();
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(name, latencies) {
  const measured = latencies.slice(WARMUP).sort((a, b) => a - b);
  return { name, records: measured.length, p50: percentile(measured, 50), p99: percentile(measured, 99), max: measured[measured.length - 1] };
}

async function stdinToStdout() {
  const dir = mkdtempSync(join(tmpdir(), 'velo-latency-'));
  const app = join(dir, 'app.sql');
  writeFileSync(app, `SELECT seq, sym, px * 2 AS px2 FROM ticks WHERE px > 0 WITH ('ticks.type' = 'stdin', 'ticks.format' = 'jsonlines');\n`);
  const child = spawn(process.execPath, [cli, 'run', app, '--quiet'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const sent = new Array(TOTAL);
  const latencies = new Array(TOTAL);
  let received = 0;
  const finished = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`velo-sql-batch exited ${code}`))));
  });
  const write = (seq) => {
    sent[seq] = performance.now();
    child.stdin.write(`{"seq":${seq},"sym":"S${seq % 10}","px":${1 + (seq % 100)}.5}\n`);
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    const now = performance.now();
    const seq = JSON.parse(line).seq;
    latencies[seq] = now - sent[seq];
    if (received++ === 0) paced(write, () => child.stdin.end());
  });
  write(0);
  await finished;
  if (received !== TOTAL) throw new Error(`stdin: ${received} of ${TOTAL} results came out`);
  return summary('stdin → velo-sql-batch → stdout (jsonlines, inferred types)', latencies);
}

async function queryIterable() {
  const sent = new Array(TOTAL);
  const latencies = new Array(TOTAL);
  // An async iterable fed by the pacer: each object is yielded as soon as it is written.
  const queue = [];
  let wake;
  let ended = false;
  async function* ticks() {
    for (;;) {
      while (queue.length > 0) yield queue.shift();
      if (ended) return;
      await new Promise((resolve) => (wake = resolve));
    }
  }
  const write = (seq) => {
    sent[seq] = performance.now();
    queue.push({ seq, sym: `S${seq % 10}`, px: 1 + (seq % 100) });
    wake?.();
  };
  const end = () => {
    ended = true;
    wake?.();
  };
  write(0);
  let received = 0;
  for await (const row of query('SELECT seq, sym, px * 2 AS px2 FROM ticks WHERE px > 0', { sources: { ticks: ticks() } })) {
    latencies[row.seq] = performance.now() - sent[row.seq];
    if (received++ === 0) paced(write, end);
  }
  if (received !== TOTAL) throw new Error(`query(): ${received} of ${TOTAL} rows came out`);
  return summary('query() over an async iterable', latencies);
}

const rows = [await stdinToStdout(), await queryIterable()];
console.log(`${TOTAL.toLocaleString('en-US')} records at ${RATE.toLocaleString('en-US')}/s each, after one record to start the engine (the first ${WARMUP} paced ones not counted); target p99 ≤ ${TARGET_P99_MS} ms`);
console.log('| name | records | p50 ms | p99 ms | max ms | p99 target met |');
console.log('|---|---:|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.records} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(2)} | ${r.p99 <= TARGET_P99_MS ? 'yes' : 'no'} |`);
