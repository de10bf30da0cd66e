// Joins through the whole engine: `velo-sql-batch run` in its own process on CSV files (decode, join, jsonlines
// sink: what a user runs), against DuckDB on the same files and a hand-written Node loop computing the same answer,
// in the same run; the three answers are compared as multisets of rows.
//   stream–table: orders ⨝ a TABLE of customers read from a file (50 K keys; about 9 % of orders find none);
//   interval:     impressions ⨝ clicks ON ad AND click time BETWEEN impression time AND + 10 s (a stream–stream join).
// The table: workload, input records, wall seconds, CPU seconds (velo's child process), records/s, records per
// CPU-second, the wall-time ratio to DuckDB's, rows out and whether the rows equal DuckDB's.
//   node bench/joins/index.mjs [--quick] [--json FILE]      (ROWS=… overrides the stream size; BENCH_QUICK=1 = --quick)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { compareResultFiles } from '../nexmark/same-rows.mjs';
import { intervalFiles, streamTableFiles } from './data.mjs';
import { handIntervalJoin, handStreamTableJoin } from './hand-loops.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', '..', 'apps', 'velo-sql-batch', 'dist', 'velo-sql-batch.mjs'); // the bundled bin users run
const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
const ROWS = Number(process.env.ROWS ?? (quick ? 500_000 : 2_000_000));
const CUSTOMERS = 50_000;
const ADS = 10_000;

const dir = join(tmpdir(), `velo-joins-${ROWS}`);
const out = join(dir, 'out');
mkdirSync(out, { recursive: true });
const { customerFile, orderFile } = streamTableFiles(dir, ROWS, CUSTOMERS);
const { impressionFile, clickFile } = intervalFiles(dir, ROWS, ADS);
const lineCount = (file) => readFileSync(file).reduce((n, byte) => (byte === 10 ? n + 1 : n), 0) - 1;
const clicks = lineCount(clickFile);

const workloads = [
  {
    name: 'stream–table join',
    records: ROWS + CUSTOMERS,
    sql: `CREATE STREAM enriched AS
SELECT o.order_id, o.amount, c.name, c.region
FROM orders o JOIN customers c ON o.customer_id = c.customer_id
WITH ('orders.type' = 'file_source', 'orders.path' = '${orderFile}',
      'customers.type' = 'file_source', 'customers.path' = '${customerFile}',
      'enriched.type' = 'file_sink', 'enriched.path' = '${join(out, 'stream-table.velo.jsonl')}');
`,
    duckdb: `SELECT o.order_id, o.amount, c.name, c.region
FROM read_csv('${orderFile}', header = true) o JOIN read_csv('${customerFile}', header = true) c ON o.customer_id = c.customer_id`,
    loop: (file) => handStreamTableJoin(orderFile, customerFile, file),
    file: 'stream-table',
  },
  {
    name: 'interval join, 10 s bound',
    records: ROWS + clicks,
    sql: `CREATE STREAM attributed AS
SELECT c.click_id, i.imp_id, c.ad_id, c.click_ts - i.imp_ts AS delay_ms
FROM impressions i JOIN clicks c
  ON i.ad_id = c.ad_id AND c.click_ts BETWEEN i.imp_ts AND i.imp_ts + INTERVAL '10' SECOND
WITH ('impressions.type' = 'file_source', 'impressions.path' = '${impressionFile}', 'impressions.event.time.field' = 'imp_ts',
      'clicks.type' = 'file_source', 'clicks.path' = '${clickFile}', 'clicks.event.time.field' = 'click_ts',
      'attributed.type' = 'file_sink', 'attributed.path' = '${join(out, 'interval.velo.jsonl')}');
`,
    duckdb: `SELECT c.click_id, i.imp_id, c.ad_id, c.click_ts - i.imp_ts AS delay_ms
FROM read_csv('${impressionFile}', header = true) i JOIN read_csv('${clickFile}', header = true) c
  ON i.ad_id = c.ad_id AND c.click_ts BETWEEN i.imp_ts AND i.imp_ts + 10000`,
    loop: (file) => handIntervalJoin(impressionFile, clickFile, 10_000, file),
    file: 'interval',
  },
];

/** CPU seconds used so far by this process's waited-for children (utime + stime of /proc/self/stat). */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime in clock ticks (USER_HZ = 100)
}

function runVelo(workload) {
  const app = join(dir, `${workload.file}.sql`);
  writeFileSync(app, workload.sql);
  const file = join(out, `${workload.file}.velo.jsonl`);
  rmSync(file, { force: true });
  const cpuBefore = childCpuSeconds();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, 'run', '--quiet', app], { stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${workload.name}: velo-sql-batch exited ${result.status}: ${result.stderr}`);
  return { seconds, cpu: childCpuSeconds() - cpuBefore, file };
}

const duck = await (await DuckDBInstance.create(':memory:')).connect();
async function runDuckdb(workload) {
  const file = join(out, `${workload.file}.duck.jsonl`);
  rmSync(file, { force: true });
  const start = process.hrtime.bigint();
  await duck.run(`COPY (${workload.duckdb}) TO '${file}' (FORMAT JSON)`);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, file };
}

function runLoop(workload) {
  const file = join(out, `${workload.file}.loop.jsonl`);
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  workload.loop(file);
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpu: (cpu.user + cpu.system) / 1e6, file };
}

const load = loadavg()[0];
const rows = [];
let mismatches = 0;
for (const workload of workloads) {
  const loop = runLoop(workload);
  const duckdb = await runDuckdb(workload);
  const velo = runVelo(workload);
  const veloSame = compareResultFiles(velo.file, duckdb.file);
  const loopSame = compareResultFiles(loop.file, duckdb.file);
  if (!veloSame.equal) console.error(`${workload.name}: velo differs from DuckDB at ${JSON.stringify(veloSame.difference)}`);
  if (!loopSame.equal) console.error(`${workload.name}: the hand loop differs from DuckDB at ${JSON.stringify(loopSame.difference)}`);
  mismatches += (veloSame.equal ? 0 : 1) + (loopSame.equal ? 0 : 1);
  const row = (engine, r, same) => ({ workload: `${workload.name}: ${engine}`, records: workload.records, seconds: r.seconds, cpuSeconds: r.cpu, ratio: r.seconds / duckdb.seconds, rowsOut: same.rows, sameRows: same.equal });
  rows.push(row('DuckDB (baseline)', duckdb, { rows: veloSame.otherRows, equal: true }));
  rows.push(row('hand-written Node loop', loop, loopSame));
  rows.push(row('velo-sql-batch run', velo, veloSame));
}

console.log(
  `Joins, ${ROWS.toLocaleString('en-US')} stream rows (${CUSTOMERS.toLocaleString('en-US')} customers; ${clicks.toLocaleString('en-US')} clicks on ${ADS.toLocaleString('en-US')} ads); ${cpus().length} cores, Node ${process.version}, load ${load.toFixed(1)}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log('| workload | records | seconds | CPU s | records/s | records/CPU-s | ratio to DuckDB wall | rows out | same rows |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  const cpu = r.cpuSeconds === undefined ? '' : r.cpuSeconds.toFixed(2);
  const perCpu = r.cpuSeconds === undefined ? '' : Math.round(r.records / r.cpuSeconds).toLocaleString('en-US');
  console.log(
    `| ${r.workload} | ${r.records.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} | ${cpu} | ${Math.round(r.records / r.seconds).toLocaleString('en-US')} | ${perCpu} | ${r.ratio.toFixed(2)}× | ${r.rowsOut} | ${r.sameRows ? 'yes' : 'NO'} |`,
  );
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ rows: ROWS, customers: CUSTOMERS, clicks, ads: ADS, load, results: rows }, null, 2));
if (mismatches) {
  console.error(`${mismatches} answer(s) differ from DuckDB's (marked NO)`);
  process.exitCode = 1;
}
