// One job on worker threads: `velo-sql-batch run --workers 1` vs `--workers 2`, the bundled bin in its own process
// (start-up, decoding, workers, merge, sink: what a user runs). With 2 workers each worker reads its own share of the
// source (byte ranges of the file, index ranges of the Nexmark stream): a keyed GROUP BY aggregates partially and the
// job merges; a windowed one gets the decoded shares back in file order. Reports wall time AND the child's CPU seconds
// (its worker threads included): on a shared 2-core machine wall time alone says little. The 1- and 2-worker runs
// alternate. Ratio = records/s with 2 workers ÷ records/s with 1 (> 1: faster), and CPU-s with 2 ÷ CPU-s with 1.
//   node bench/parallel/index.mjs [--quick] [--json FILE]   (BENCH_QUICK=1 = --quick; ROWS=… / EVENTS=… override)
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', '..', 'apps', 'velo-sql-batch', 'dist', 'velo-sql-batch.mjs');
const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
const ROWS = Number(process.env.ROWS ?? (quick ? 1_000_000 : 10_000_000));
const EVENTS = Number(process.env.EVENTS ?? (quick ? 500_000 : 2_000_000));
const RUNS = quick ? 1 : 2;

const dir = join(tmpdir(), `velo-parallel-${ROWS}`);
mkdirSync(dir, { recursive: true });

/** 1BRC input: `station;temperature`, 413 stations, deterministic. */
function writeMeasurements(file, rows) {
  if (existsSync(file)) return;
  const stations = Array.from({ length: 413 }, (_, i) => `Station${i}${['ville', 'burg', 'ton', 'grad'][i % 4]}`);
  let seed = 0x1234;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  const fd = openSync(file, 'w');
  let chunk = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(`${stations[Math.floor(random() * stations.length)]};${(random() * 100 - 30).toFixed(1)}`);
    if (chunk.length === 100_000) {
      writeSync(fd, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  closeSync(fd);
}

/** CPU seconds used so far by this process's waited-for children, their threads included (cutime + cstime). */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const workloads = [
  {
    name: '1BRC MIN/AVG/MAX per station',
    records: ROWS,
    prepare: () => writeMeasurements(join(dir, 'measurements.csv'), ROWS),
    sql: `CREATE STREAM measurements (station STRING, temperature DECIMAL(4,1));
CREATE STREAM results AS
SELECT station, MIN(temperature) AS min_t, AVG(temperature) AS avg_t, MAX(temperature) AS max_t FROM measurements GROUP BY station EMIT FINAL
WITH ('measurements.type' = 'file_source', 'measurements.path' = './measurements.csv', 'measurements.format' = 'csv_no_header',
      'measurements.delimiter' = ';', 'results.type' = 'file_sink', 'results.path' = './out/onebrc.jsonl');`,
  },
  {
    // The same file, no aggregate: workers decode and filter their shares, the job writes them in file order.
    name: '1BRC rows WHERE temperature > 40 → jsonlines',
    records: ROWS,
    prepare: () => writeMeasurements(join(dir, 'measurements.csv'), ROWS),
    sql: `CREATE STREAM measurements (station STRING, temperature DECIMAL(4,1));
CREATE STREAM hot AS SELECT station, temperature FROM measurements WHERE temperature > 40
WITH ('measurements.type' = 'file_source', 'measurements.path' = './measurements.csv', 'measurements.format' = 'csv_no_header',
      'measurements.delimiter' = ';', 'hot.type' = 'file_sink', 'hot.path' = './out/hot.jsonl', 'hot.format' = 'jsonlines');`,
  },
  {
    // Nexmark bids per auction (q17's aggregates without its one-day window): the nexmark generator source.
    name: 'Nexmark bids per auction (q17 aggregates, no window)',
    // Bids are 46 of every 50 events.
    records: Math.floor((EVENTS * 46) / 50),
    prepare: () => undefined,
    sql: `CREATE STREAM per_auction AS
SELECT auction, COUNT(*) AS total_bids, SUM(CASE WHEN price < 10000 THEN 1 ELSE 0 END) AS rank1_bids,
       MIN(price) AS min_price, MAX(price) AS max_price, SUM(price) AS sum_price
FROM bid GROUP BY auction EMIT FINAL
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${EVENTS}', 'bid.event.time.field' = 'date_time',
      'per_auction.type' = 'file_sink', 'per_auction.path' = './out/per_auction.jsonl');`,
  },
  {
    // Windowed: the workers generate their shares of the bids, the job runs the windows over them in order.
    name: 'Nexmark q5 hopping 10s/2s per auction',
    records: Math.floor((EVENTS * 46) / 50),
    prepare: () => undefined,
    sql: `CREATE STREAM q5 AS
SELECT auction, COUNT(*) AS num, _window_start AS starttime FROM bid GROUP BY auction WINDOW SLIDING(date_time, 10s, 2s) EMIT FINAL
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${EVENTS}', 'bid.event.time.field' = 'date_time',
      'q5.type' = 'file_sink', 'q5.path' = './out/q5.jsonl');`,
  },
  {
    name: 'Nexmark q7 highest bid per tumbling 10s',
    records: Math.floor((EVENTS * 46) / 50),
    prepare: () => undefined,
    sql: `CREATE STREAM q7 AS
SELECT MAX(price) AS maxprice, _window_start AS starttime, _window_end AS endtime FROM bid WINDOW TUMBLING(date_time, 10s) EMIT FINAL
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${EVENTS}', 'bid.event.time.field' = 'date_time',
      'q7.type' = 'file_sink', 'q7.path' = './out/q7.jsonl');`,
  },
];

/** One run of `app.sql` with `workers` threads: wall seconds, CPU seconds, and the output (sorted rows). */
function runOnce(workload, workers) {
  const cpuBefore = childCpuSeconds();
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, 'run', '--quiet', '--workers', String(workers), join(dir, 'app.sql')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = childCpuSeconds() - cpuBefore;
  if (result.status !== 0) throw new Error(`${workload.name} with ${workers} workers failed: ${result.stderr}`);
  const output = readFileSync(join(dir, 'out', readdirOut(workload.sql)), 'utf8').trim().split('\n').sort().join('\n');
  return { seconds, cpu, output };
}

/** 1 and 2 workers alternating, RUNS times each: per worker count the run with the lowest wall time. */
function measure(workload) {
  writeFileSync(join(dir, 'app.sql'), workload.sql);
  mkdirSync(join(dir, 'out'), { recursive: true });
  const best = {};
  for (let run = 0; run < RUNS; run++) {
    for (const workers of run % 2 === 0 ? [1, 2] : [2, 1]) {
      const m = runOnce(workload, workers);
      if (!best[workers] || m.seconds < best[workers].seconds) best[workers] = m;
    }
  }
  return [best[1], best[2]];
}

const readdirOut = (sql) => /\.path' = '\.\/out\/([^']+)'/.exec(sql)[1];

const rows = [];
for (const workload of workloads) {
  workload.prepare();
  const [one, two] = measure(workload);
  if (one.output !== two.output) throw new Error(`${workload.name}: 2 workers gave other rows than 1`);
  for (const [workers, m] of [[1, one], [2, two]]) {
    rows.push({
      workload: workload.name,
      workers,
      records: workload.records,
      seconds: +m.seconds.toFixed(2),
      cpuSeconds: +m.cpu.toFixed(2),
      recordsPerSecond: Math.round(workload.records / m.seconds),
      recordsPerCpuSecond: Math.round(workload.records / m.cpu),
      ratio: workers === 1 ? 1 : +(one.seconds / m.seconds).toFixed(2),
      cpuRatio: workers === 1 ? 1 : +(m.cpu / one.cpu).toFixed(2),
    });
  }
}

console.log(`parallel: ${cpus().length} cores, Node ${process.version}, ${ROWS} rows / ${EVENTS} Nexmark events${quick ? ' (quick)' : ''}, best of ${RUNS}, load average ${loadavg()[0].toFixed(1)}; the machine may be shared: compare CPU seconds too`);
console.log('| workload | workers | records | seconds | CPU-s | records/s | records/CPU-s | ratio 2w/1w (speed) | CPU 2w/1w |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.workload} | ${r.workers} | ${r.records} | ${r.seconds} | ${r.cpuSeconds} | ${r.recordsPerSecond} | ${r.recordsPerCpuSecond} | ${r.workers === 1 ? '' : `${r.ratio}×`} | ${r.workers === 1 ? '' : `${r.cpuRatio}×`} |`);
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ cores: cpus().length, node: process.version, rows }, null, 2));
rmSync(join(dir, 'out'), { recursive: true, force: true });
