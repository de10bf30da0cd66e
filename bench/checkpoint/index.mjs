// bench/checkpoint: operator state for a checkpoint. Fills a GROUP BY (SUM + COUNT, EMIT FINAL) and a tumbling
// window (the same aggregates, every group in one open window) with N groups (1 M by default), then times
// snapshot() → encodeState → decodeState → restore() into a fresh operator built from the same plan, reports the
// encoded bytes per group and the CPU seconds of each step, and checks the restored operator emits exactly the rows
// of the original. The baseline is the time to fill the operator in the first place (the ratio column).
//   node --expose-gc bench/checkpoint/index.mjs [--quick] [--groups N]      (BENCH_QUICK=1 = --quick: 100 K groups)
import { ManualClock } from '@velots/core';
import { createEngine } from '@velots/runtime';

const runtimeDist = new URL('../../packages/runtime/dist/', import.meta.url);
const { buildOperators } = await import(new URL('engine/operator-chain.js', runtimeDist).href);
const { encodeState, decodeState } = await import(new URL('checkpoint/state-codec.js', runtimeDist).href);

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const groupsIndex = args.indexOf('--groups');
const groups = groupsIndex >= 0 ? Number(args[groupsIndex + 1]) : quick ? 100_000 : 1_000_000;
const BATCH = 4096;

/** CPU seconds (user + system) and wall seconds of `run`. */
function timed(run) {
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wall) / 1000 };
}

async function planOf(sql) {
  const engine = await createEngine({ sql, sources: { t: [{ k: 1, v: 1, ts: 0 }] }, warn: () => undefined });
  return engine.jobPlans.at(-1);
}

/** The aggregate operator of a plan (the chain's first stateful operator). */
function aggregateOf(job) {
  return buildOperators(job.root, new ManualClock(0), true).find((op) => op.snapshot !== undefined);
}

async function measure(name, sql) {
  const job = await planOf(sql);
  const schema = job.inputs[0].schema;
  const operator = aggregateOf(job);
  const fill = timed(() => {
    const failures = [];
    for (let start = 0; start < groups; start += BATCH) {
      const n = Math.min(BATCH, groups - start);
      const rows = new Array(n);
      const times = new Array(n);
      for (let i = 0; i < n; i++) {
        rows[i] = [start + i + 1, ((start + i) % 1000) + 1, 1_700_000_000_000 + (start + i)];
        times[i] = 1_700_000_000_000;
      }
      operator.readFrom?.(0, false, 0);
      operator.process({ schema, rows, eventTimes: times }, failures);
    }
  });
  const entries = operator.stateEntries();
  const snapshot = timed(() => operator.snapshot());
  const encode = timed(() => encodeState(snapshot.value));
  const bytes = encode.value.length;
  const decode = timed(() => decodeState(encode.value));
  const fresh = aggregateOf(job);
  const restore = timed(() => fresh.restore(decode.value));
  const original = operator.finish([]);
  const restored = fresh.finish([]);
  const same = JSON.stringify(original.rows.slice(0, 1000), (_k, v) => (typeof v === 'bigint' ? `${v}` : v)) ===
    JSON.stringify(restored.rows.slice(0, 1000), (_k, v) => (typeof v === 'bigint' ? `${v}` : v)) && original.rows.length === restored.rows.length;
  if (!same || original.rows.length !== groups) throw new Error(`${name}: the restored operator emits other rows (${restored.rows.length} vs ${original.rows.length})`);
  return { name, entries, bytes, fill, snapshot, encode, decode, restore };
}

const results = [
  await measure('GROUP BY k: SUM(v), COUNT(*) (EMIT FINAL)', 'SELECT k, SUM(v) AS s, COUNT(*) AS n FROM t GROUP BY k EMIT FINAL'),
  await measure('tumbling 1 h window, same groups open', 'SELECT k, SUM(v) AS s, COUNT(*) AS n FROM t GROUP BY k WINDOW TUMBLING(ts, 1h)'),
];

const pad = (text, width) => String(text).padEnd(width);
console.log(`checkpoint state of ${groups.toLocaleString('en')} groups (Node ${process.version}); CPU seconds (wall in parentheses); ratio = step ÷ filling the state`);
console.log([pad('workload', 44), pad('groups', 10), pad('encoded', 12), pad('B/group', 8), pad('fill', 16), pad('snapshot', 16), pad('encode', 16), pad('decode', 16), pad('restore', 16), 'snapshot+encode ratio'].join(' '));
for (const r of results) {
  const step = (t) => `${t.cpu.toFixed(2)} (${t.wall.toFixed(2)})`;
  const ratio = ((r.snapshot.cpu + r.encode.cpu) / r.fill.cpu).toFixed(2);
  console.log([pad(r.name, 44), pad(r.entries, 10), pad(`${(r.bytes / 1e6).toFixed(1)} MB`, 12), pad((r.bytes / groups).toFixed(1), 8), pad(step(r.fill), 16), pad(step(r.snapshot), 16), pad(step(r.encode), 16), pad(step(r.decode), 16), pad(step(r.restore), 16), `${ratio}×`].join(' '));
}
