// bench/subqueries: correlated subqueries and derived tables over a table, through the whole engine, against the
// stream–table lookup join that computes the same rows (the baseline). In memory: `orders` streams, `customers`
// is the table. Prints a table: name, records, seconds, records/s, ratio to the baseline.
import { createEngine } from '@velots/runtime';

const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const ORDERS = Number(process.env.BENCH_RECORDS ?? (QUICK ? 200_000 : 2_000_000));
const CUSTOMERS = 10_000;

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({ name: `c${i}`, tier: random() < 0.3 ? 'gold' : 'silver', credit: Math.floor(random() * 1000) }));
const orders = Array.from({ length: ORDERS }, (_, id) => ({ id, customer: `c${Math.floor(random() * CUSTOMERS * 1.2)}`, amount: Math.floor(random() * 1000) }));

const CASES = [
  { name: 'lookup JOIN (baseline)', sql: "SELECT o.id FROM orders o JOIN customers c ON o.customer = c.name WHERE c.tier = 'gold'" },
  { name: 'correlated EXISTS, once per key', sql: "SELECT id FROM orders o WHERE EXISTS (SELECT 1 FROM customers c WHERE c.name = o.customer AND c.tier = 'gold')" },
  { name: 'correlated scalar COUNT(*), once per key', sql: 'SELECT id, (SELECT COUNT(*) FROM customers c WHERE c.name = o.customer) AS n FROM orders o' },
  { name: 'correlated IN, once per key', sql: "SELECT id FROM orders o WHERE 'gold' IN (SELECT c.tier FROM customers c WHERE c.name = o.customer)" },
  { name: 'correlated EXISTS, per record (residual reads the order)', sql: 'SELECT id FROM orders o WHERE EXISTS (SELECT 1 FROM customers c WHERE c.name = o.customer AND c.credit > o.amount)' },
  { name: 'JOIN with a derived table', sql: "SELECT o.id FROM orders o JOIN (SELECT name FROM customers WHERE tier = 'gold') c ON o.customer = c.name" },
];

/** A sink that only counts rows. */
function countingSink() {
  let rows = 0;
  return {
    name: 'count',
    get rows() {
      return rows;
    },
    async open() {},
    async write(batch) {
      rows += batch.rows.length;
    },
    async flush() {},
    async close() {},
  };
}

async function time(sql) {
  const sink = countingSink();
  const engine = await createEngine({ sql: `${sql} WITH ('max_batch_size' = '4096')`, sources: { orders, customers }, resultSink: () => sink, warn: () => undefined });
  const started = process.hrtime.bigint();
  const summary = await engine.run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!summary.ok) throw summary.error;
  return { seconds, out: sink.rows };
}

// One untimed pass of every case first, so no case pays for the JIT warming up.
for (const c of CASES) await time(c.sql);
const results = [];
for (const c of CASES) results.push({ ...c, ...(await time(c.sql)) });
const baseline = results[0];
console.log('| name | records | seconds | records/s | rows out | ratio to baseline |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of results) {
  const ratio = (baseline.seconds / r.seconds).toFixed(2);
  console.log(`| ${r.name} | ${ORDERS.toLocaleString('en-US')} | ${r.seconds.toFixed(3)} | ${Math.round(ORDERS / r.seconds).toLocaleString('en-US')} | ${r.out.toLocaleString('en-US')} | ${ratio} |`);
}
