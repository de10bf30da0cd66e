// The measured process of the soak: `node --expose-gc soak-child.mjs <records> <keys> <tumbling s> <session gap s> <samples>`.
// Runs the churn app (tumbling and session windows over many keys, EMIT FINAL) through the engine, forces a GC and
// samples the heap and RSS <samples> times, evenly by records read, and prints one JSON line: the samples (with the
// records read so far), the baseline before the run, rows out, wall and CPU time.
import { IterableSource, createEngine } from '@velots/runtime';
import { SEED, churnApp, churnEvents } from './churn-data.mjs';

const [records, keys, tumblingSeconds, sessionGapSeconds, sampleCount] = process.argv.slice(2).map(Number);
if (!globalThis.gc) throw new Error('run with --expose-gc');


let rowsOut = 0;
const countingSink = (name) => ({
  name,
  open: async () => undefined,
  write: async (batch) => void (rowsOut += batch.rows.length),
  flush: async () => undefined,
  close: async () => undefined,
});

const samples = [];
const sample = (read) => {
  globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { read, rss, heapUsed };
};
const every = Math.max(1, Math.floor(records / sampleCount));
const engine = await createEngine({
  sql: churnApp(tumblingSeconds, sessionGapSeconds),
  sources: {
    events_a: new IterableSource({ name: 'events_a', items: churnEvents(records, keys, SEED, every, (i) => samples.push(sample(i))) }),
    events_b: new IterableSource({ name: 'events_b', items: churnEvents(records, keys, SEED) }),
  },
  sinks: { tumbling_out: countingSink('tumbling_out'), session_out: countingSink('session_out') },
  warn: (message) => process.stderr.write(`${message}\n`),
});

const baseline = sample(0);
const cpu = process.cpuUsage();
const started = performance.now();
const summary = await engine.run();
const used = process.cpuUsage(cpu);
if (!summary.ok) throw summary.error;
process.stdout.write(
  `${JSON.stringify({ records, keys, baseline, samples, rowsOut, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 })}\n`,
);
