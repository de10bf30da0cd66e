// bench/columnar: the columnar GROUP BY path against the row path, through the whole engine. Each workload runs the
// bundled `velo-sql-batch run` on a CSV file twice in the same run: as written (the CSV is decoded into column
// vectors and the GROUP BY reads them) and with `WHERE <always true>` in front of the GROUP BY (a filter is then the
// first operator, so the source hands over rows and the aggregate takes its row path: the same answer, plus a
// pass-through filter). The table: CPU seconds of the child, records per CPU-second, peak RSS (getrusage) and, for the
// 1 M-group run, bytes per group (peak RSS − the peak RSS of a 1-record file of the same app, ÷ groups). The two
// outputs are compared byte for byte.
//   node bench/columnar/index.mjs [--quick] [--json FILE]      (BENCH_QUICK=1 = --quick)
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = process.env.VELO_BENCH_CLI ?? join(here, '..', '..', 'apps', 'velo-sql-batch', 'dist', 'velo-sql-batch.mjs');
const probe = join(here, '..', 'aggregation', 'peak-rss-probe.mjs');
const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
const work = join(tmpdir(), `velo-bench-columnar-${process.pid}`);
mkdirSync(work, { recursive: true });

/** mulberry32: deterministic uniform numbers in [0, 1). */
function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `count` lines made by `line(i)` after `header` into `file`, in 1 MB pieces. */
function writeLines(file, header, count, line) {
  const fd = openSync(file, 'w');
  let chunk = header;
  for (let i = 0; i < count; i++) {
    chunk += line(i);
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/** 1BRC's shape: 413 stations, temperatures with one decimal. */
function stationsFile(file, rows) {
  const rand = lcg(42);
  writeLines(file, 'station;temperature\n', rows, () => {
    const s = Math.floor(rand() * 413);
    const t = Math.max(-99.9, Math.min(99.9, ((s * 7919) % 400) / 10 - 5 + (rand() - 0.5) * 20));
    return `station-${s};${t.toFixed(1)}\n`;
  });
}

/** `k,v`: keys 1..keys, values 1..1000 (the aggregation bench's GROUP BY shape, from a file). */
function keysFile(file, rows, keys) {
  const rand = lcg(7);
  writeLines(file, 'k,v\n', rows, () => `${1 + Math.floor(rand() * keys)},${1 + Math.floor(rand() * 1000)}\n`);
}

const workloads = [
  {
    name: '1brc-min-avg-max',
    records: quick ? 500_000 : 2_000_000,
    file: (w, path, records) => stationsFile(path, records),
    sql: (input, filter) => `
CREATE STREAM out AS
SELECT station, MIN(temperature) AS lo, AVG(temperature) AS mean, MAX(temperature) AS hi
FROM m ${filter ? 'WHERE temperature IS NULL OR temperature IS NOT NULL' : ''}
GROUP BY station EMIT FINAL
WITH ('m.type' = 'file_source', 'm.path' = '${input}', 'm.format' = 'csv', 'm.delimiter' = ';',
      'out.type' = 'file_sink', 'out.path' = './out.csv', 'out.format' = 'csv');`,
  },
  {
    name: 'group-by-final-1M-groups',
    records: quick ? 600_000 : 3_000_000,
    keys: quick ? 200_000 : 1_000_000,
    perGroup: true,
    file: (w, path, records) => keysFile(path, records, w.keys),
    sql: (input, filter) => `
CREATE STREAM out AS
SELECT k, SUM(v) AS s, COUNT(*) AS n
FROM m ${filter ? 'WHERE v IS NULL OR v IS NOT NULL' : ''}
GROUP BY k EMIT FINAL
WITH ('m.type' = 'file_source', 'm.path' = '${input}', 'm.format' = 'csv',
      'out.type' = 'file_sink', 'out.path' = './out.jsonl');`,
  },
  {
    name: 'group-by-final-1M-groups-state-only',
    records: quick ? 600_000 : 3_000_000,
    keys: quick ? 200_000 : 1_000_000,
    perGroup: true,
    file: (w, path, records) => keysFile(path, records, w.keys),
    sql: (input, filter) => `
CREATE STREAM out AS
SELECT k, SUM(v) AS s, COUNT(*) AS n
FROM m ${filter ? 'WHERE v IS NULL OR v IS NOT NULL' : ''}
GROUP BY k HAVING COUNT(*) < 0 EMIT FINAL
WITH ('m.type' = 'file_source', 'm.path' = '${input}', 'm.format' = 'csv',
      'out.type' = 'file_sink', 'out.path' = './out.jsonl');`,
  },
];

/** CPU seconds used so far by this process's waited-for children (cutime + cstime of /proc/self/stat). */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function runEngine(dir, sql) {
  mkdirSync(dir, { recursive: true });
  const app = join(dir, 'app.sql');
  writeFileSync(app, sql);
  const rssFile = join(dir, 'rss.txt');
  const cpuBefore = childCpuSeconds();
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', probe, cli, 'run', '--quiet', app], { cwd: dir, encoding: 'utf8', env: { ...process.env, VELO_PEAK_RSS_FILE: rssFile } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`velo-sql-batch exited ${child.status}\n${child.stderr}`);
  const out = readFileSync(join(dir, sql.includes('out.csv') ? 'out.csv' : 'out.jsonl'), 'utf8');
  return { seconds, cpuSeconds: childCpuSeconds() - cpuBefore, peakRss: Number(readFileSync(rssFile, 'utf8')) * 1024, out };
}

const results = [];
for (const w of workloads) {
  const input = join(work, `${w.name}.csv`);
  w.file(w, input, w.records);
  const tinyInput = join(work, `${w.name}-tiny.csv`);
  if (w.perGroup) w.file(w, tinyInput, 1);
  const runs = {};
  for (const path of ['columnar', 'row']) {
    const filter = path === 'row';
    const run = runEngine(join(work, w.name, path), w.sql(input, filter));
    const tiny = w.perGroup ? runEngine(join(work, w.name, `${path}-tiny`), w.sql(tinyInput, filter)) : undefined;
    const groups = w.keys !== undefined ? new Set(readFileSync(input, 'utf8').split('\n').slice(1, -1).map((l) => l.slice(0, l.indexOf(',')))).size : undefined;
    runs[path] = { ...run, groups, bytesPerGroup: tiny && groups ? (run.peakRss - tiny.peakRss) / groups : undefined };
  }
  const same = runs.columnar.out === runs.row.out;
  for (const path of ['columnar', 'row']) {
    const r = runs[path];
    results.push({
      workload: `${w.name} (${path})`,
      records: w.records,
      seconds: r.seconds,
      cpuSeconds: r.cpuSeconds,
      recordsPerSecond: w.records / r.seconds,
      recordsPerCpuSecond: w.records / r.cpuSeconds,
      baseline: 'row path',
      ratio: runs.row.cpuSeconds / r.cpuSeconds,
      peakRssMB: r.peakRss / 2 ** 20,
      bytesPerGroup: r.bytesPerGroup,
      sameAnswer: same,
    });
  }
}
rmSync(work, { recursive: true, force: true });

const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`node ${process.version}, ${cpus().length} cores, ${new Date().toISOString().slice(0, 10)}${quick ? ', quick' : ''}`);
console.log('| workload | records | seconds | records/s | CPU s | records/CPU-s | CPU ratio (row ÷ this) | peak RSS MB | bytes/group | same answer |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of results) {
  console.log(
    `| ${r.workload} | ${fmt(r.records)} | ${r.seconds.toFixed(2)} | ${fmt(r.recordsPerSecond)} | ${r.cpuSeconds.toFixed(2)} | ${fmt(r.recordsPerCpuSecond)} | ${r.ratio.toFixed(2)}× | ${r.peakRssMB.toFixed(0)} | ${r.bytesPerGroup === undefined ? '' : fmt(r.bytesPerGroup)} | ${r.sameAnswer ? 'yes' : 'NO'} |`,
  );
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ node: process.version, cores: cpus().length, quick, results }, null, 2));
if (results.some((r) => !r.sameAnswer)) process.exitCode = 1;
