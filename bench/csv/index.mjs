// CSV file → WHERE → jsonlines file, 1 M rows (BENCH_QUICK=1 / --quick: 250 K): `velo-sql-batch run` (the
// bundled bin, as a user runs it) and Velo TS's file_source + file_sink alone (connectors only, no SQL),
// against a naive readline + split(',') + filter + JSON.stringify loop (which gets quoting, typing and exact
// decimals wrong). The WHERE keeps about half the rows. One more row runs the same query on the same trades
// written as JSON lines (the JSON-lines input path).
import { createReadStream, createWriteStream, existsSync, readFileSync, statSync, openSync, writeSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ManualClock, noopTelemetry } from '@velots/core';
import { createSink, createSource } from '@velots/runtime';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const ROWS = Number(process.env.ROWS ?? (quick ? 250_000 : 1_000_000));
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'apps', 'velo-sql-batch', 'dist', 'velo-sql-batch.mjs');
const dir = tmpdir();
const input = join(dir, `velo-bench-trades-${ROWS}.csv`);
const jsonInput = join(dir, `velo-bench-trades-${ROWS}.jsonl`);

function generateCsv() {
  if (existsSync(input)) return;
  const symbols = ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA'];
  const fd = openSync(input, 'w');
  let chunk = 'id,symbol,price,quantity,side,ts\n';
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < ROWS; i++) {
    const price = (1 + rand() * 499).toFixed(2);
    chunk += `${i},${symbols[i % 5]},${price},${1 + Math.floor(rand() * 1000)},${rand() < 0.5 ? 'BUY' : 'SELL'},2024-01-01T00:00:${String(i % 60).padStart(2, '0')}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

async function velo() {
  const out = join(dir, 'velo-bench-out.jsonl');
  const context = { signal: new AbortController().signal, telemetry: noopTelemetry, clock: new ManualClock(0) };
  const source = createSource('file_source', { name: 'trades', properties: { path: input }, baseDir: dir }).connector;
  const sink = createSink('file_sink', { name: 'out', properties: { path: out }, baseDir: dir }).connector;
  const schema = await source.open({ ...context, reportBadRecord: (r) => { throw r.error; } });
  await sink.open(schema, context);
  let rows = 0;
  for (;;) {
    const b = await source.next(4096);
    if (!b) break;
    rows += b.batch.rows.length;
    await sink.write(b.batch);
  }
  await sink.flush();
  await sink.close();
  await source.close();
  return { rows, out };
}

/** CPU seconds used so far by this process's waited-for children (cutime + cstime of /proc/self/stat). */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** The same trades as JSON lines (`{"id":0,"symbol":"AAPL","price":257.42,…}`), for the JSON-lines input row. */
function generateJsonLines() {
  if (existsSync(jsonInput)) return;
  const lines = readFileSync(input, 'utf8').split('\n');
  const fd = openSync(jsonInput, 'w');
  let chunk = '';
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const [id, symbol, price, quantity, side, ts] = lines[i].split(',');
    chunk += `{"id":${id},"symbol":"${symbol}","price":${price},"quantity":${quantity},"side":"${side}","ts":"${ts}"}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/** `velo-sql-batch run` of SELECT * … WHERE price > 250 from `path` in `format` to a jsonlines file (CPU of the child). */
function veloSqlFrom(path, format) {
  const out = join(dir, 'velo-bench-sql-out.jsonl');
  const app = join(dir, 'velo-bench-where.sql');
  writeFileSync(
    app,
    `CREATE STREAM expensive AS SELECT * FROM trades WHERE price > 250
WITH ('trades.type' = 'file_source', 'trades.path' = '${path}', 'trades.format' = '${format}',
      'expensive.type' = 'file_sink', 'expensive.path' = '${out}', 'expensive.format' = 'jsonlines');
`,
  );
  rmSync(out, { force: true });
  const cpuBefore = childCpuSeconds();
  const result = spawnSync(process.execPath, [cli, 'run', '--quiet', app], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`velo-sql-batch exited ${result.status}: ${result.stderr}`);
  return { rows: ROWS, out, cpu: childCpuSeconds() - cpuBefore, inBytes: statSync(path).size };
}

const veloSql = async () => veloSqlFrom(input, 'csv');
const veloSqlJson = async () => veloSqlFrom(jsonInput, 'jsonlines');

async function naive() {
  const out = join(dir, 'velo-bench-naive.jsonl');
  const lines = createInterface({ input: createReadStream(input), crlfDelay: Infinity });
  const stream = createWriteStream(out);
  let header;
  let rows = 0;
  for await (const line of lines) {
    const fields = line.split(',');
    if (!header) {
      header = fields;
      continue;
    }
    rows++;
    if (!(Number(fields[2]) > 250)) continue;
    const obj = {};
    for (let i = 0; i < header.length; i++) obj[header[i]] = fields[i];
    if (!stream.write(JSON.stringify(obj) + '\n')) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  return { rows, out };
}

async function measure(name, run) {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const { rows, out, cpu: childCpu, inBytes } = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpuBefore);
  const cpu = childCpu ?? (used.user + used.system) / 1e6;
  const result = { name, rows, seconds, cpu, outBytes: statSync(out).size, inBytes: inBytes ?? statSync(input).size };
  rmSync(out);
  return result;
}

generateCsv();
generateJsonLines();
const inBytes = statSync(input).size;
const results = [];
for (const [name, run] of [
  ['naive readline+split+filter+JSON.stringify (baseline)', naive],
  ['velo-sql-batch run: SELECT * WHERE price > 250 → jsonlines', veloSql],
  ['velo-sql-batch run: the same from JSON lines input (MB/s of the JSON file)', veloSqlJson],
  ['velo file_source → file_sink, no SQL (connectors only)', velo],
]) {
  if (run !== veloSql && run !== veloSqlJson) await measure(name, run); // warm-up (the CLI run is a fresh process each time)
  results.push(await measure(name, run));
}
const base = results[0];
console.log(`input: ${input} (${(inBytes / 1e6).toFixed(1)} MB, ${ROWS} rows)`);
console.log('| name | records | seconds (wall) | CPU s | records/s (wall) | MB/s (input, wall) | MB/s per CPU-s | speed ratio to baseline (wall) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r.name} | ${r.rows} | ${r.seconds.toFixed(3)} | ${r.cpu.toFixed(2)} | ${Math.round(r.rows / r.seconds).toLocaleString('en-US')} | ${(r.inBytes / 1e6 / r.seconds).toFixed(1)} | ${(r.inBytes / 1e6 / r.cpu).toFixed(1)} | ${(base.seconds / r.seconds).toFixed(2)} |`,
  );
}
