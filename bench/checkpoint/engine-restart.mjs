// bench/checkpoint: the size and time of a checkpoint with many open groups, through the whole engine (in-process).
// An unbounded generator feeds `GROUP BY k EMIT FINAL` with a new key per record, so every group stays open; once
// N records are in, Engine.shutdown() takes the final checkpoint (hold the job, flush, snapshot, encode, write +
// fsync + rename + fsync of the directory): its bytes and duration come from JobRunner.checkpointStatus(). Then the
// app is loaded and started again on the same directory: the restore's duration (read + verify + decode the files,
// restore the operator) comes from checkpointStatus().restores, and the restored job's state entries are checked.
// CPU seconds of this process over each phase are printed too (the machine is shared: wall times are noisy).
//   node bench/checkpoint/engine-restart.mjs [--quick] [groups]          (BENCH_QUICK=1 = --quick: 100 000 groups)
// (bench/checkpoint/index.mjs measures the operator state alone: snapshot, encode, decode, restore.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '@velots/runtime';

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const groups = Number(args.find((a) => /^\d+$/.test(a)) ?? (quick ? 100_000 : 1_000_000));
const dir = mkdtempSync(join(tmpdir(), 'velo-bench-checkpoint-'));

const sql = `CREATE STREAM totals AS SELECT k, COUNT(*) AS n, SUM(v) AS total FROM g GROUP BY k EMIT FINAL
WITH ('g.type' = 'generator', 'g.fields' = 'k:sequence, v:bigint[1..1000]', 'g.event.time.start' = '0', 'g.batch.size' = '4096',
      'totals.type' = 'file_sink', 'totals.path' = '${join(dir, 'totals.jsonl')}', 'checkpoint.interval' = '1h');`;

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Runs the app until `until(job)` holds, then shuts it down gracefully (final checkpoint). */
async function runUntil(until) {
  const engine = await createEngine({ sql, checkpoints: { dir }, warn: (m) => process.stderr.write(`warning: ${m}\n`) });
  const running = engine.run();
  for (;;) {
    const job = engine.runningJobs[0];
    if (job && until(job)) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const job = engine.runningJobs[0];
  const cpuBefore = cpu();
  await engine.shutdown();
  const summary = await running;
  if (!summary.ok) throw summary.error;
  return { job, shutdownCpu: cpu() - cpuBefore };
}

const first = await runUntil((job) => job.stats.recordsIn >= groups);
const taken = first.job.checkpointStatus().lastCheckpoint;
const held = first.job.profile().operators.reduce((n, o) => n + (o.stateEntries ?? 0), 0);

const cpuBefore = cpu();
const second = await runUntil((job) => job.checkpointStatus().restores.length > 0 && job.stats.state === 'running');
const restoreCpu = cpu() - cpuBefore - second.shutdownCpu;
const restored = second.job.checkpointStatus().restores[0];
const restoredEntries = second.job.profile().operators.reduce((n, o) => n + (o.stateEntries ?? 0), 0);
rmSync(dir, { recursive: true, force: true });

const mb = (bytes) => (bytes / 1e6).toFixed(1);
console.log(`checkpoint of GROUP BY k EMIT FINAL with ${held.toLocaleString('en')} open groups (${first.job.stats.recordsIn.toLocaleString('en')} records read)`);
console.log('| phase | ms | CPU s | bytes | bytes/group |');
console.log('|---|---|---|---|---|');
console.log(`| snapshot + encode + write (fsync, rename) | ${taken.durationMs.toFixed(0)} | ${first.shutdownCpu.toFixed(2)} | ${taken.bytes} (${mb(taken.bytes)} MB) | ${(taken.bytes / held).toFixed(1)} |`);
console.log(`| read + verify + decode + restore | ${restored.durationMs.toFixed(0)} | ${restoreCpu.toFixed(2)} (incl. load and start) | | |`);
console.log(`restored job holds ${restoredEntries.toLocaleString('en')} state entries (${restoredEntries >= held ? 'all' : 'MISSING SOME'})`);
if (restoredEntries < held) process.exitCode = 1;
