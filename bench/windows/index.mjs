// bench/windows: event-time window aggregation through the whole engine (query() over in-memory rows), per-record
// event time included, vs a hand-written tumbling loop over the same objects (the baseline).
// Prints a table: name, records, seconds, records/s, ratio to baseline.
import { query } from '@velots/runtime';

const TOTAL = Number(process.env.BENCH_RECORDS ?? (process.env.BENCH_QUICK ? 200_000 : 1_000_000));
const SYMBOLS = 100;

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
// ~1 000 records per second of event time, up to 2 s out of order.
const trades = [];
for (let i = 0; i < TOTAL; i++) {
  trades.push({ sym: `S${Math.floor(random() * SYMBOLS)}`, px: Math.floor(random() * 10_000), ts: i - Math.floor(random() * 2000) });
}

function table(rows) {
  console.log('| name | records | seconds | records/s | ratio to baseline |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.records.toLocaleString('en-US')} | ${r.seconds.toFixed(3)} | ${Math.round(r.records / r.seconds).toLocaleString('en-US')} | ${r.ratio} |`);
  }
}

/** The baseline: a hand-written 1 s tumbling COUNT/SUM per symbol, closed as the max time passes the end. */
function handTumbling() {
  const windows = new Map();
  let max = -Infinity;
  let out = 0;
  for (const t of trades) {
    const start = Math.floor(t.ts / 1000) * 1000;
    if (start + 1000 <= max - 5000) continue;
    let groups = windows.get(start);
    if (!groups) windows.set(start, (groups = new Map()));
    const g = groups.get(t.sym);
    if (g) {
      g.n++;
      g.s += t.px;
    } else groups.set(t.sym, { n: 1, s: t.px });
    if (t.ts > max) {
      max = t.ts;
      for (const [s, gs] of windows) {
        if (s + 1000 > max - 5000) break;
        out += gs.size;
        windows.delete(s);
      }
    }
  }
  for (const gs of windows.values()) out += gs.size;
  return out;
}

async function engine(sql) {
  let out = 0;
  for await (const _row of query(sql, { sources: { trades }, warn: () => undefined })) out++;
  return out;
}

async function time(name, fn, baseline) {
  if (globalThis.gc) globalThis.gc();
  const started = process.hrtime.bigint();
  const out = await fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name: `${name} (${out.toLocaleString('en-US')} rows out)`, records: TOTAL, seconds, ratio: baseline === undefined ? '1.00 (baseline)' : (baseline / seconds).toFixed(2) };
}

const base = await time('hand-written tumbling 1 s loop', handTumbling);
const rows = [base];
const cases = [
  ['tumbling 1 s, 100 keys (EMIT FINAL)', 'SELECT sym, COUNT(*) AS n, SUM(px) AS s FROM trades GROUP BY sym WINDOW TUMBLING(ts, 1s)'],
  ['sliding 10 s / 1 s, 100 keys', 'SELECT sym, COUNT(*) AS n, SUM(px) AS s FROM trades GROUP BY sym WINDOW SLIDING(ts, 10s, 1s)'],
  ['session gap 500 ms, 100 keys', 'SELECT sym, COUNT(*) AS n, SUM(px) AS s FROM trades GROUP BY sym WINDOW SESSION(ts, 500ms)'],
  ['GROUP BY, EMIT CHANGES', 'SELECT sym, COUNT(*) AS n, SUM(px) AS s FROM trades GROUP BY sym'],
];
for (const [name, sql] of cases) rows.push(await time(name, () => engine(sql), base.seconds));
table(rows);
