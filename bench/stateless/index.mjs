// bench/stateless: the compiled FilterProject pass vs a hand-written loop on the same in-memory rows,
// and CSV file → filter → jsonlines file through the whole engine vs a naive readline/split loop.
// Prints a table: name, records, seconds, records/s, ratio to baseline.
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Schema, SqlTypes, createBatch } from '@velots/core';
import { ExpressionBinder, Scope, defaultFunctionCatalog } from '@velots/planner';
import { parseExpression } from '@velots/sql-parser';
import { compileSelection, createEngine } from '@velots/runtime';

const TOTAL = Number(process.env.BENCH_RECORDS ?? 10_000_000);
const BATCH = 4096;
const POOL = 1_000_000;
const K = 500;

function table(rows) {
  console.log('| name | records | seconds | records/s | ratio to baseline |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.records.toLocaleString('en-US')} | ${r.seconds.toFixed(3)} | ${Math.round(r.records / r.seconds).toLocaleString('en-US')} | ${r.ratio} |`);
  }
}

// ---- 1. in memory: SELECT a, b * c AS d FROM gen WHERE x > k ----
const schema = Schema.of(['a', SqlTypes.BIGINT], ['b', SqlTypes.DOUBLE], ['c', SqlTypes.DOUBLE], ['x', SqlTypes.BIGINT]);
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const batches = [];
for (let start = 0; start < POOL; start += BATCH) {
  const rows = [];
  for (let i = start; i < Math.min(POOL, start + BATCH); i++) rows.push([i, random() * 100, random() * 10, Math.floor(random() * 1000)]);
  batches.push(createBatch(schema, rows, new Array(rows.length).fill(0)));
}
const binder = new ExpressionBinder(defaultFunctionCatalog, {});
const scope = Scope.ofSchema(schema, ['gen']);
const { run } = compileSelection({
  predicate: binder.bind(parseExpression(`x > ${K}`), scope),
  columns: [
    { name: 'a', expr: binder.bind(parseExpression('a'), scope) },
    { name: 'd', expr: binder.bind(parseExpression('b * c'), scope) },
  ],
  eventTime: undefined,
});
const ctx = { now: 0, recordTimestamp: 0, headers: undefined, outputHeaders: undefined };

function compiledPass() {
  let kept = 0;
  for (let done = 0; done < TOTAL; ) {
    for (const batch of batches) {
      const out = { rows: [], eventTimes: [], sourceIndex: [], failedIndex: [], failedError: [] };
      run(batch, ctx, out);
      kept += out.rows.length;
      done += batch.rows.length;
      if (done >= TOTAL) break;
    }
  }
  return kept;
}

function handLoop() {
  let kept = 0;
  for (let done = 0; done < TOTAL; ) {
    for (const batch of batches) {
      const rows = batch.rows;
      const outRows = [];
      const outTimes = [];
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        if (r[3] === null || !(r[3] > K)) continue;
        outRows.push([r[0], r[1] === null || r[2] === null ? null : r[1] * r[2]]);
        outTimes.push(batch.eventTimes[i]);
      }
      kept += outRows.length;
      done += rows.length;
      if (done >= TOTAL) break;
    }
  }
  return kept;
}

function time(fn) {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

time(handLoop); // warm-up both
time(compiledPass);
const hand = time(handLoop);
const compiled = time(compiledPass);
if (hand.result !== compiled.result) throw new Error(`mismatch: hand ${hand.result} vs compiled ${compiled.result}`);

console.log(`\n### in memory: SELECT a, b * c AS d FROM gen WHERE x > ${K} (${TOTAL.toLocaleString('en-US')} records, batches of ${BATCH})`);
table([
  { name: 'hand-written JS loop (baseline)', records: TOTAL, seconds: hand.seconds, ratio: '1.00' },
  { name: 'Velo TS compiled FilterProject', records: TOTAL, seconds: compiled.seconds, ratio: (hand.seconds / compiled.seconds).toFixed(2) },
]);

// ---- 1b. exact DECIMAL arithmetic: SELECT price * qty (DECIMAL(10,2) × BIGINT) vs a float loop ----
{
  const { Decimal } = await import('@velots/decimal');
  const { decimalType } = await import('@velots/core');
  const decSchema = Schema.of(['price', decimalType(10, 2)], ['qty', SqlTypes.BIGINT]);
  const decBatches = [];
  for (let start = 0; start < POOL; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(POOL, start + BATCH); i++) rows.push([Decimal.fromUnscaled(10_000 + (i % 90_000), 2), 1 + (i % 500)]);
    decBatches.push(createBatch(decSchema, rows));
  }
  const decScope = Scope.ofSchema(decSchema, ['t']);
  const notional = compileSelection({ predicate: undefined, columns: [{ name: 'n', expr: binder.bind(parseExpression('price * qty'), decScope) }], eventTime: undefined }).run;
  const exact = () => {
    let n = 0;
    for (let done = 0; done < TOTAL; ) for (const batch of decBatches) { const out = { rows: [], eventTimes: [], sourceIndex: [], failedIndex: [], failedError: [] }; notional(batch, ctx, out); n += out.rows.length; done += batch.rows.length; if (done >= TOTAL) break; }
    return n;
  };
  const float = () => {
    let n = 0;
    for (let done = 0; done < TOTAL; ) for (const batch of decBatches) { const out = []; for (const r of batch.rows) out.push([r[0].toDouble() * r[1]]); n += out.length; done += batch.rows.length; if (done >= TOTAL) break; }
    return n;
  };
  time(float); time(exact);
  const f = time(float);
  const e = time(exact);
  console.log(`\n### in memory: SELECT price * qty (DECIMAL(10,2) × BIGINT, ${TOTAL.toLocaleString('en-US')} records)`);
  table([
    { name: 'hand-written loop in doubles (baseline, inexact)', records: TOTAL, seconds: f.seconds, ratio: '1.00' },
    { name: 'Velo TS compiled, exact DECIMAL', records: TOTAL, seconds: e.seconds, ratio: (f.seconds / e.seconds).toFixed(2) },
  ]);
}

// ---- 2. CSV file → filter → jsonlines file (whole engine) ----
const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'velo-bench-'));
const csvPath = join(dir, 'trades.csv');
{
  const lines = ['id,symbol,price,quantity,side'];
  const symbols = ['AAPL', 'MSFT', 'GOOG', 'NVDA', 'TSLA'];
  for (let i = 0; i < CSV_ROWS; i++) {
    lines.push(`${i},${symbols[i % 5]},${(100 + (i % 9000) / 100).toFixed(2)},${(i * 7) % 1000},${i % 2 ? 'BUY' : 'SELL'}`);
  }
  writeFileSync(csvPath, lines.join('\n') + '\n');
}
const mb = statSync(csvPath).size / 1e6;

async function naive() {
  const out = createWriteStream(join(dir, 'naive.jsonl'));
  const lines = createInterface({ input: createReadStream(csvPath), crlfDelay: Infinity });
  let header;
  let kept = 0;
  for await (const line of lines) {
    if (!header) { header = line.split(','); continue; }
    const f = line.split(',');
    if (Number(f[3]) > K) {
      kept++;
      if (!out.write(JSON.stringify({ id: Number(f[0]), symbol: f[1], price: Number(f[2]), quantity: Number(f[3]) }) + '\n')) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return kept;
}

async function engineRun() {
  const sql = `CREATE STREAM out AS SELECT id, symbol, price, quantity FROM trades WHERE quantity > ${K}
    WITH ('trades.type' = 'file_source', 'trades.path' = '${csvPath}', 'out.type' = 'file_sink', 'out.path' = '${join(dir, 'velo.jsonl')}');`;
  const engine = await createEngine({ sql, warn: () => undefined });
  const summary = await engine.run();
  if (!summary.ok) throw summary.error;
  return summary.jobs[0].recordsOut;
}

async function timeAsync(fn) {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

const naiveRun = await timeAsync(naive);
const veloRun = await timeAsync(engineRun);
if (naiveRun.result !== veloRun.result) throw new Error(`mismatch: naive ${naiveRun.result} vs engine ${veloRun.result}`);
console.log(`\n### CSV → WHERE → jsonlines file (${CSV_ROWS.toLocaleString('en-US')} rows, ${mb.toFixed(1)} MB)`);
table([
  { name: 'naive readline + split + JSON.stringify (baseline, doubles)', records: CSV_ROWS, seconds: naiveRun.seconds, ratio: '1.00' },
  { name: 'Velo TS engine (exact decimals, typed CSV)', records: CSV_ROWS, seconds: veloRun.seconds, ratio: (naiveRun.seconds / veloRun.seconds).toFixed(2) },
]);
console.log(`\nCSV throughput: naive ${(mb / naiveRun.seconds).toFixed(1)} MB/s, Velo TS ${(mb / veloRun.seconds).toFixed(1)} MB/s`);
rmSync(dir, { recursive: true, force: true });
