// bench/aggregation: GROUP BY state through the whole engine. Each workload runs as the bundled
// `velo-sql-batch run app.sql` in its own process (generator or nexmark source → aggregate → file sink), and a
// hand-written JS loop computes the same answer from the same seeded rows in the same run (the baseline; its
// result is checked against the engine's output). Times are wall and CPU seconds (the child's user + system: steadier on a
// shared machine); the ratio compares CPU time with the hand loop's. Peak RSS comes from the child's getrusage; bytes per group
// is (peak RSS − the peak RSS of a one-record run of the same app) ÷ groups; the "state-only" row keeps the same
// groups but emits none (HAVING), so its figure is the group state without the output rows and the sink.
//   node bench/aggregation/index.mjs [--quick] [--json FILE] [name …]      (BENCH_QUICK=1 = --quick)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// VELO_BENCH_CLI runs another build of the bin (an A/B against an older bundle).
const cli = process.env.VELO_BENCH_CLI ?? join(here, '..', '..', 'apps', 'velo-sql-batch', 'dist', 'velo-sql-batch.mjs');
const probe = join(here, 'peak-rss-probe.mjs');
const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--json');
const work = join(tmpdir(), `velo-bench-aggregation-${process.pid}`);
mkdirSync(work, { recursive: true });

/** mulberry32, exactly as the generator source's SeededRandom. */
function seeded(seed) {
  let state = seed >>> 0;
  const next = () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (min, max) => min + Math.floor(next() * (max - min + 1));
}

const START = 1_700_000_000_000;

/** `k:bigint[1..keys], v:bigint[1..1000]` rows, generated as the generator source does, grouped by k (SUM v, COUNT). */
function handGroupBy(records, keys) {
  const int = seeded(7);
  const groups = new Map();
  for (let i = 0; i < records; i++) {
    const k = int(1, keys);
    const v = int(1, 1000);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, { s: v, n: 1 });
    else {
      g.s += v;
      g.n++;
    }
  }
  let s = 0;
  let n = 0;
  for (const g of groups.values()) {
    s += g.s;
    n += g.n;
  }
  return { rows: groups.size, checksum: s + n };
}

/** The same rows with event time START + i ms, in 1 s tumbling windows per k (closed as time passes their end). */
function handTumbling(records, keys) {
  const int = seeded(7);
  let windowStart = -1;
  let groups = new Map();
  let rows = 0;
  let checksum = 0;
  const flush = () => {
    for (const g of groups.values()) checksum += g.s + g.n;
    rows += groups.size;
    groups = new Map();
  };
  for (let i = 0; i < records; i++) {
    const k = int(1, keys);
    const v = int(1, 1000);
    const t = START + i;
    const start = t - (t % 1000);
    if (start !== windowStart) {
      flush();
      windowStart = start;
    }
    const g = groups.get(k);
    if (g === undefined) groups.set(k, { s: v, n: 1 });
    else {
      g.s += v;
      g.n++;
    }
  }
  flush();
  return { rows, checksum };
}

/** The engine's output file: its row count and Σ(s + n) over rows (the final row per key/window for changelogs). */
function outputOf(file, keyOf) {
  const last = new Map();
  let lines = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    lines++;
    const row = JSON.parse(line);
    last.set(keyOf(row), Number(row.s ?? 0) + Number(row.n));
  }
  let checksum = 0;
  for (const value of last.values()) checksum += value;
  return { rows: last.size, lines, checksum };
}

/** CPU seconds used so far by this process's waited-for children (cutime + cstime of /proc/self/stat). */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // clock ticks (USER_HZ = 100)
}

function runEngine(name, sql) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const app = join(dir, 'app.sql');
  writeFileSync(app, sql);
  const rssFile = join(dir, 'rss.txt');
  const cpuBefore = childCpuSeconds();
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', probe, cli, 'run', app], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, VELO_PEAK_RSS_FILE: rssFile },
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`${name}: velo-sql-batch exited ${child.status}\n${child.stderr}`);
  return { seconds, cpuSeconds: childCpuSeconds() - cpuBefore, peakRss: Number(readFileSync(rssFile, 'utf8')) * 1024, dir };
}

function timeHand(fn) {
  globalThis.gc?.();
  const cpuBefore = process.cpuUsage();
  const answer = fn();
  const cpu = process.cpuUsage(cpuBefore);
  return { ...answer, seconds: (cpu.user + cpu.system) / 1e6 };
}

const generatorApp = (records, keys, select, tail) => `
CREATE STREAM out AS
SELECT k, ${select}
FROM gen
${tail}
WITH ('gen.type' = 'generator', 'gen.count' = '${records}', 'gen.seed' = '7',
      'gen.fields' = 'k:bigint[1..${keys}], v:bigint[1..1000]', 'gen.event.time.start' = '${START}',
      'out.type' = 'file_sink', 'out.path' = './out.jsonl');
`;

const workloads = [
  {
    name: 'group-by-final-1M-groups',
    records: quick ? 600_000 : 3_000_000,
    keys: quick ? 200_000 : 1_000_000,
    perGroup: true,
    sql: (w, records) => generatorApp(records, w.keys, 'SUM(v) AS s, COUNT(*) AS n', 'GROUP BY k EMIT FINAL'),
    hand: (w) => handGroupBy(w.records, w.keys),
    keyOf: (row) => row.k,
  },
  {
    // The same state with no output (HAVING keeps no group): peak RSS without the rows the sink writes.
    name: 'group-by-final-1M-groups-state-only',
    records: quick ? 600_000 : 3_000_000,
    keys: quick ? 200_000 : 1_000_000,
    perGroup: true,
    stateOnly: true,
    sql: (w, records) => generatorApp(records, w.keys, 'SUM(v) AS s, COUNT(*) AS n', 'GROUP BY k HAVING COUNT(*) < 0 EMIT FINAL'),
    hand: (w) => handGroupBy(w.records, w.keys),
    keyOf: (row) => row.k,
  },
  {
    name: 'group-by-changes-1K-keys',
    records: quick ? 500_000 : 2_000_000,
    keys: 1_000,
    sql: (w, records) => generatorApp(records, w.keys, 'SUM(v) AS s, COUNT(*) AS n', 'GROUP BY k EMIT CHANGES'),
    hand: (w) => handGroupBy(w.records, w.keys),
    keyOf: (row) => row.k,
  },
  {
    name: 'tumbling-1s-100-keys',
    records: quick ? 1_000_000 : 5_000_000,
    keys: 100,
    sql: (w, records) =>
      generatorApp(records, w.keys, 'SUM(v) AS s, COUNT(*) AS n, _window_start AS ws', 'GROUP BY k WINDOW TUMBLING(1s)'),
    hand: (w) => handTumbling(w.records, w.keys),
    keyOf: (row) => `${row.k}@${row.ws}`,
  },
  {
    name: 'nexmark-q5-sliding-10s-2s',
    records: quick ? 500_000 : 2_000_000,
    nexmark: true,
  },
];

/** Nexmark q5's core on the nexmark source: COUNT(*) per auction in 10 s windows every 2 s. */
const q5App = (events) => `
CREATE STREAM out AS
SELECT auction, COUNT(*) AS n, _window_start AS ws
FROM bid
GROUP BY auction
WINDOW SLIDING(date_time, 10s, 2s)
EMIT FINAL
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${events}', 'bid.event.time.field' = 'date_time',
      'out.type' = 'file_sink', 'out.path' = './out.jsonl');
`;

/** Its hand loop reads the engine's own bids (written once by a pass-through app, not timed) into arrays. */
function prepareBids(events) {
  const { dir } = runEngine('nexmark-bids', `
CREATE STREAM bids AS SELECT auction, date_time FROM bid
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${events}', 'bid.event.time.field' = 'date_time',
      'bids.type' = 'file_sink', 'bids.path' = './bids.jsonl');
`);
  const auctions = [];
  const times = [];
  for (const line of readFileSync(join(dir, 'bids.jsonl'), 'utf8').split('\n')) {
    if (line === '') continue;
    const row = JSON.parse(line);
    auctions.push(row.auction);
    times.push(row.date_time);
  }
  return { auctions, times };
}

/** Hand-written panes: a bid counts once in its 2 s pane; a window's count is the sum of its five panes. */
function handQ5({ auctions, times }) {
  const panes = new Map(); // pane start → Map(auction → count)
  for (let i = 0; i < auctions.length; i++) {
    const t = times[i];
    const pane = t - (t % 2000);
    let counts = panes.get(pane);
    if (!counts) panes.set(pane, (counts = new Map()));
    counts.set(auctions[i], (counts.get(auctions[i]) ?? 0) + 1);
  }
  const starts = [...panes.keys()].sort((a, b) => a - b);
  let rows = 0;
  let checksum = 0;
  for (let ws = starts[0] - 8000; ws <= starts[starts.length - 1]; ws += 2000) {
    const counts = new Map();
    for (let p = ws; p < ws + 10_000; p += 2000) {
      const pane = panes.get(p);
      if (pane) for (const [a, n] of pane) counts.set(a, (counts.get(a) ?? 0) + n);
    }
    for (const n of counts.values()) checksum += n;
    rows += counts.size;
  }
  return { rows, checksum };
}

const results = [];
for (const w of workloads) {
  if (only.length > 0 && !only.includes(w.name)) continue;
  let engine, hand, output, tiny;
  if (w.nexmark) {
    const bids = prepareBids(w.records);
    engine = runEngine(w.name, q5App(w.records));
    hand = timeHand(() => handQ5(bids));
    output = outputOf(join(engine.dir, 'out.jsonl'), (row) => `${row.auction}@${row.ws}`);
    w.records = bids.auctions.length;
  } else {
    engine = runEngine(w.name, w.sql(w, w.records));
    output = outputOf(join(engine.dir, 'out.jsonl'), w.keyOf);
    hand = timeHand(() => w.hand(w));
    if (w.perGroup) tiny = runEngine(`${w.name}-tiny`, w.sql(w, 1));
  }
  const groups = w.stateOnly ? hand.rows : output.rows;
  const same = w.stateOnly ? output.lines === 0 : output.rows === hand.rows && output.checksum === hand.checksum;
  results.push({
    workload: w.name,
    records: w.records,
    seconds: engine.seconds,
    cpuSeconds: engine.cpuSeconds,
    recordsPerSecond: w.records / engine.seconds,
    recordsPerCpuSecond: w.records / engine.cpuSeconds,
    handCpuSeconds: hand.seconds,
    ratioToHand: hand.seconds / engine.cpuSeconds,
    groups,
    outputLines: output.lines,
    peakRssMB: engine.peakRss / 2 ** 20,
    bytesPerGroup: tiny ? (engine.peakRss - tiny.peakRss) / groups : undefined,
    sameAnswer: same,
  });
}
rmSync(work, { recursive: true, force: true });

const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`node ${process.version}, ${cpus().length} cores, ${new Date().toISOString().slice(0, 10)}${quick ? ', quick' : ''}`);
console.log('| workload | records | seconds | records/s | CPU s | records/CPU-s | hand loop CPU s | ratio to hand loop (CPU) | groups | peak RSS MB | bytes/group | same answer |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of results) {
  console.log(
    `| ${r.workload} | ${fmt(r.records)} | ${r.seconds.toFixed(2)} | ${fmt(r.recordsPerSecond)} | ${r.cpuSeconds.toFixed(2)} | ${fmt(r.recordsPerCpuSecond)} | ${r.handCpuSeconds.toFixed(2)} | ${(100 * r.ratioToHand).toFixed(1)} % | ${fmt(r.groups)} | ${r.peakRssMB.toFixed(0)} | ${r.bytesPerGroup === undefined ? '' : fmt(r.bytesPerGroup)} | ${r.sameAnswer ? 'yes' : 'NO'} |`,
  );
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ node: process.version, cores: cpus().length, quick, results }, null, 2));
if (results.some((r) => !r.sameAnswer)) process.exitCode = 1;
