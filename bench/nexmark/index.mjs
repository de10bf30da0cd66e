// Nexmark through the whole engine: each query under queries/ runs as `velo-sql-batch run` in its own process on
// the runtime's `nexmark` generator source (start-up, generation, operators, jsonlines sink: what a user runs),
// and the same query runs in DuckDB, in the same run, over the same stream written to CSV by generator.mjs
// (q3's persons and q13's side input are files for both). Each result is compared with DuckDB's row for row.
// The table reports wall time, the child's CPU time, events per CPU-second (events/s/core: the stream's events ÷
// CPU-s, the Nexmark convention) and the query's own input records per CPU-second, the wall-time ratio to DuckDB,
// and whether both gave the same rows.
//   node bench/nexmark/index.mjs [--quick] [--json FILE] [q0 q5 …]      (EVENTS=… overrides the event count)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateNexmark } from './generator.mjs';
import { duckdbQueries, partitionedOutputs, queryInputs } from './duckdb-queries.mjs';
import { comparePartitionedResult, compareResultFiles } from './same-rows.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', '..', 'apps', 'velo-sql-batch', 'dist', 'velo-sql-batch.mjs'); // the bundled bin users run
const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
const only = args.filter((a, i) => /^q\d+$/.test(a) && args[i - 1] !== '--json');
const EVENTS = Number(process.env.EVENTS ?? (quick ? 200_000 : 2_000_000));

const data = join(tmpdir(), `velo-nexmark-${EVENTS}`);
const countsFile = join(data, 'counts.json');
if (!existsSync(countsFile)) {
  mkdirSync(data, { recursive: true });
  const counts = generateNexmark(data, EVENTS);
  let side = 'skey,label\n';
  for (let i = 0; i < 10_000; i++) side += `${i},side-${i}\n`;
  writeFileSync(join(data, 'side.csv'), side);
  writeFileSync(countsFile, JSON.stringify(counts));
}
const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
mkdirSync(join(data, 'out'), { recursive: true });

/** CPU seconds used so far by this process's waited-for children (utime + stime of /proc/self/stat). */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime in clock ticks (USER_HZ = 100)
}

function runVelo(query) {
  copyFileSync(join(here, 'queries', `${query}.sql`), join(data, `${query}.sql`));
  // A partitioned query (q10) writes a folder of files, one per partition.
  const out = join(data, 'out', partitionedOutputs[query] ? query : `${query}.jsonl`);
  rmSync(out, { force: true, recursive: true });
  const cpuBefore = childCpuSeconds();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, 'run', '--quiet', join(data, `${query}.sql`)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NEXMARK_EVENTS: String(EVENTS) },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${query}: velo-sql-batch exited ${result.status}: ${result.stderr}`);
  return { seconds, cpu: childCpuSeconds() - cpuBefore, out };
}

const duck = await (await DuckDBInstance.create(':memory:')).connect();
for (const [view, file] of [
  ['bids', 'bids.csv'],
  ['auctions', 'auctions.csv'],
  ['persons', 'persons.csv'],
  ['side', 'side.csv'],
]) {
  await duck.run(`CREATE OR REPLACE VIEW ${view} AS SELECT * FROM read_csv('${join(data, file)}', header = true)`);
}

async function runDuckdb(query) {
  const out = join(data, 'out', `${query}.duck.jsonl`);
  rmSync(out, { force: true });
  const start = process.hrtime.bigint();
  await duck.run(`COPY (${duckdbQueries[query]}) TO '${out}' (FORMAT JSON)`);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, out };
}

const queries = readdirSync(join(here, 'queries'))
  .map((f) => f.replace(/\.sql$/, ''))
  .filter((q) => only.length === 0 || only.includes(q))
  .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
const load = loadavg()[0];
const results = [];
for (const query of queries) {
  const records = queryInputs[query].reduce((n, input) => n + counts[input], 0);
  const velo = runVelo(query);
  const duckdb = await runDuckdb(query);
  const same = partitionedOutputs[query] ? comparePartitionedResult(velo.out, duckdb.out, partitionedOutputs[query]) : compareResultFiles(velo.out, duckdb.out);
  results.push({ query, records, velo, duckdb, same });
}

console.log(
  `Nexmark, ${EVENTS.toLocaleString('en-US')} events (${counts.person} persons, ${counts.auction} auctions, ${counts.bid} bids) from the nexmark source; ${cpus().length} cores, Node ${process.version}, load ${load.toFixed(1)}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  '| query | input records | seconds | CPU s | events/s/core | records/CPU-s | DuckDB s (wall) | ratio to DuckDB wall | rows velo | rows DuckDB | same rows |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
let mismatches = 0;
for (const r of results) {
  if (!r.same.equal) mismatches++;
  console.log(
    `| ${r.query} | ${r.records.toLocaleString('en-US')} | ${r.velo.seconds.toFixed(2)} | ${r.velo.cpu.toFixed(2)} | ${Math.round(EVENTS / r.velo.cpu).toLocaleString('en-US')} | ${Math.round(r.records / r.velo.cpu).toLocaleString('en-US')} | ${r.duckdb.seconds.toFixed(2)} | ${(r.velo.seconds / r.duckdb.seconds).toFixed(1)}× | ${r.same.rows} | ${r.same.otherRows} | ${r.same.equal ? 'yes' : 'NO'} |`,
  );
}
for (const r of results) if (!r.same.equal) console.error(`${r.query}: first difference ${JSON.stringify(r.same.difference)}`);
if (jsonFile) {
  const rows = results.map((r) => ({
    workload: `nexmark ${r.query}`,
    records: r.records,
    events: EVENTS,
    seconds: r.velo.seconds,
    cpuSeconds: r.velo.cpu,
    eventsPerCpuSecond: EVENTS / r.velo.cpu,
    recordsPerCpuSecond: r.records / r.velo.cpu,
    baseline: 'DuckDB (wall)',
    baselineSeconds: r.duckdb.seconds,
    ratio: r.velo.seconds / r.duckdb.seconds,
    sameRows: r.same.equal,
  }));
  writeFileSync(jsonFile, JSON.stringify({ events: EVENTS, counts, load, rows }, null, 2));
}
if (mismatches) {
  console.error(`${mismatches} quer${mismatches === 1 ? 'y' : 'ies'} gave other rows than DuckDB (marked NO)`);
  process.exitCode = 1;
}
