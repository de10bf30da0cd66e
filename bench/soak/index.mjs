// bench/soak: a bounded high-rate run with window-state churn (a tumbling and a session window, GROUP BY over many
// keys, windows opening and closing all the time) in a child process started with --expose-gc, sampling the heap
// and RSS after a forced GC as the records go by. Memory must reach a plateau: the max heap of the last quarter of
// the run at most 1.2 × the max of the second quarter. Reports the plateau (MB) and the heap per open group, the
// open groups counted by replaying the window rules on the same stream.
//   node bench/soak/index.mjs            4 M records, 200 k keys, TUMBLING 60 s + SESSION 5 s
//   BENCH_QUICK=1 node bench/soak/index.mjs --json    400 k records, 50 k keys, TUMBLING 10 s + SESSION 2 s (the test's run)
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED, openGroups } from './churn-data.mjs';

const quick = Boolean(process.env.BENCH_QUICK);
const config = {
  records: Number(process.env.SOAK_RECORDS ?? (quick ? 400_000 : 4_000_000)),
  keys: Number(process.env.SOAK_KEYS ?? (quick ? 50_000 : 200_000)),
  tumblingSeconds: quick ? 10 : 60,
  sessionGapSeconds: quick ? 2 : 5,
  samples: quick ? 40 : 80,
};
const here = dirname(fileURLToPath(import.meta.url));

function runChild() {
  const args = ['--expose-gc', join(here, 'soak-child.mjs'), config.records, config.keys, config.tumblingSeconds, config.sessionGapSeconds, config.samples].map(String);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: here, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve(JSON.parse(out)) : reject(new Error(`soak child exited with ${status}`))));
  });
}

const mb = (bytes) => bytes / 2 ** 20;
const max = (values) => values.reduce((a, b) => Math.max(a, b), -Infinity);
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

const run = await runChild();
const quarter = (q) => run.samples.filter((s) => s.read >= (q * run.records) / 4 && s.read < ((q + 1) * run.records) / 4);
const secondHalf = run.samples.filter((s) => s.read >= run.records / 2);
const secondQuarterMax = max(quarter(1).map((s) => s.heapUsed));
const lastQuarterMax = max(quarter(3).map((s) => s.heapUsed));
const every = Math.max(1, Math.floor(run.records / config.samples));
const replay = openGroups(run.records, run.keys, SEED, config.tumblingSeconds, config.sessionGapSeconds, every);
const open = replay.points.filter((p) => p.at >= run.records / 2);
const openMean = mean(open.map((p) => p.tumbling + p.session));
const plateauHeap = mean(secondHalf.map((s) => s.heapUsed));
const result = {
  records: run.records,
  keys: run.keys,
  tumblingSeconds: config.tumblingSeconds,
  sessionGapSeconds: config.sessionGapSeconds,
  rowsOut: run.rowsOut,
  expectedRowsOut: replay.rowsOut,
  wallSeconds: run.wallMs / 1000,
  cpuSeconds: run.cpuMs / 1000,
  baselineHeapMb: mb(run.baseline.heapUsed),
  plateauHeapMb: mb(plateauHeap),
  plateauRssMb: mb(mean(secondHalf.map((s) => s.rss))),
  secondQuarterMaxHeapMb: mb(secondQuarterMax),
  lastQuarterMaxHeapMb: mb(lastQuarterMax),
  growthRatio: lastQuarterMax / secondQuarterMax,
  openGroupsMean: openMean,
  bytesPerOpenGroup: (plateauHeap - run.baseline.heapUsed) / openMean,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result));
} else {
  const f = (n, d = 1) => n.toFixed(d);
  console.log('| name | records | seconds | records/s | CPU s | heap plateau MB | RSS plateau MB | open groups | bytes/open group | last/2nd quarter max heap |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| soak: TUMBLING ${result.tumblingSeconds} s + SESSION ${result.sessionGapSeconds} s, ${result.keys.toLocaleString('en-US')} keys (2 jobs) | ${result.records.toLocaleString('en-US')} | ${f(result.wallSeconds, 2)} | ${Math.round(result.records / result.wallSeconds).toLocaleString('en-US')} | ${f(result.cpuSeconds, 2)} | ${f(result.plateauHeapMb)} (baseline ${f(result.baselineHeapMb)}) | ${f(result.plateauRssMb)} | ${Math.round(result.openGroupsMean).toLocaleString('en-US')} | ${Math.round(result.bytesPerOpenGroup)} | ${f(result.growthRatio, 3)} (${result.growthRatio <= 1.2 ? 'plateau' : 'GROWING'}) |`,
  );
}
if (result.growthRatio > 1.2 || result.rowsOut !== result.expectedRowsOut) process.exitCode = 1;
