// Runs every benchmark folder's index.mjs in turn (each prints its own table).
//   pnpm bench [--quick] [--json FILE] [name]   --quick asks each benchmark for its short form (BENCH_QUICK=1 too);
//   --json FILE writes every table row of the run (workload, records, seconds, CPU-seconds, records/s, records per
//   CPU-second, baseline, ratio, and the printed columns) with the machine, the date and the load into one file.
import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableRows } from './report/table-rows.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
if (jsonIndex >= 0 && !jsonFile) throw new Error('--json needs a file name');
const rest = args.filter((_, i) => i !== jsonIndex && i !== jsonIndex + 1);
const flags = rest.filter((a) => a.startsWith('--'));
const only = rest.find((a) => !a.startsWith('--'));
const quick = flags.includes('--quick');

/** Runs one benchmark, echoing its output, and resolves with its stdout and exit code. */
function runBench(script) {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--expose-gc', script, ...flags], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: quick ? { ...process.env, BENCH_QUICK: '1' } : process.env,
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      out += text;
      process.stdout.write(text);
    });
    child.on('close', (code) => done({ out, code: code ?? 1 }));
  });
}

/** CPU seconds of this process and its waited-for children (utime, stime, cutime, cstime of /proc/self/stat). */
function cpuSeconds() {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100; // clock ticks (USER_HZ = 100)
}

const started = Date.now();
const loadAtStart = loadavg()[0];
const benches = [];
const rows = [];
let failed = 0;
for (const entry of readdirSync(here, { withFileTypes: true })) {
  if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === 'out' || entry.name === 'report') continue;
  if (only && entry.name !== only) continue;
  const script = join(here, entry.name, 'index.mjs');
  if (!existsSync(script)) continue;
  console.log(`\n## bench/${entry.name}`);
  const benchStart = Date.now();
  const cpuBefore = cpuSeconds();
  const { out, code } = await runBench(script);
  if (code !== 0) failed++;
  benches.push({ bench: entry.name, exitCode: code, seconds: (Date.now() - benchStart) / 1000, cpuSeconds: cpuSeconds() - cpuBefore });
  rows.push(...tableRows(out, entry.name));
}
const seconds = (Date.now() - started) / 1000;
const cpu = cpuSeconds();
// The benchmarks run one at a time and mostly on one thread, so on an idle machine the wall time is about the CPU time.
console.log(`\nbench${quick ? ' --quick' : ''}: ${benches.length} folders, ${rows.length} rows, ${seconds.toFixed(0)} s wall, ${cpu.toFixed(0)} CPU-s, load ${loadavg()[0].toFixed(1)}`);
for (const b of benches) console.log(`  ${b.bench}: ${b.seconds.toFixed(1)} s wall, ${b.cpuSeconds.toFixed(1)} CPU-s${b.exitCode ? `, exit ${b.exitCode}` : ''}`);
if (jsonFile) {
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, platform: process.platform };
  const report = { date: new Date(started).toISOString(), quick, seconds, cpuSeconds: cpu, machine, load: { start: loadAtStart, end: loadavg()[0] }, benches, rows };
  writeFileSync(resolve(jsonFile), JSON.stringify(report, null, 2));
  console.log(`wrote ${rows.length} rows to ${jsonFile}`);
}
process.exit(failed ? 1 : 0);
