// bench/decimal: DECIMAL(10,2) add, multiply (price × qty) and SUM over 10 M values (1 M with --quick / BENCH_QUICK=1).
// Compares @velots/decimal's number path (the calls generated code makes) with plain f64 arithmetic,
// with decimal.js and big.js, and with @velots/decimal's object API. Prints records/s and the ratio to f64.
import Big from 'big.js';
import DecimalJs from 'decimal.js';
import {
  Decimal,
  DecimalSumAccumulator,
  addResultType,
  addUnscaled,
  fitsNumberPath,
  mulUnscaled,
} from '@velots/decimal';

// DECIMAL(10,2) + DECIMAL(10,2) is DECIMAL(11,2): its unscaled values always fit a double exactly, so the
// planner may compile it to plain `+` on unscaled numbers (see the README's number-path contract).
if (!fitsNumberPath(addResultType(10, 2, 10, 2).precision)) throw new Error('DECIMAL(11,2) should fit the number path');

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const N = Number(process.env.DECIMAL_BENCH_N ?? (quick ? 1_000_000 : 10_000_000));
const POOL = 4096; // object-based libraries cycle over a pool of pre-built values instead of 10 M objects
const SCALE = 2;

// Deterministic data: prices 0.01 … 9999.99 (unscaled 1 … 999999) and integer quantities 1 … 100.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const priceUnscaled = new Float64Array(N);
const taxUnscaled = new Float64Array(N);
const quantity = new Float64Array(N);
for (let i = 0; i < N; i++) {
  priceUnscaled[i] = 1 + Math.floor(random() * 999_999);
  taxUnscaled[i] = Math.floor(random() * 10_000);
  quantity[i] = 1 + Math.floor(random() * 100);
}
const priceF64 = priceUnscaled.map((u) => u / 100);
const taxF64 = taxUnscaled.map((u) => u / 100);
const text = (u) => (u / 100).toFixed(2);
const poolDecimalJs = Array.from({ length: POOL }, (_, i) => new DecimalJs(text(priceUnscaled[i])));
const poolTaxDecimalJs = Array.from({ length: POOL }, (_, i) => new DecimalJs(text(taxUnscaled[i])));
const poolQtyDecimalJs = Array.from({ length: POOL }, (_, i) => new DecimalJs(quantity[i]));
const poolBig = Array.from({ length: POOL }, (_, i) => new Big(text(priceUnscaled[i])));
const poolTaxBig = Array.from({ length: POOL }, (_, i) => new Big(text(taxUnscaled[i])));
const poolQtyBig = Array.from({ length: POOL }, (_, i) => new Big(quantity[i]));
const poolVelo = Array.from({ length: POOL }, (_, i) => Decimal.fromUnscaled(priceUnscaled[i], SCALE));
const poolTaxVelo = Array.from({ length: POOL }, (_, i) => Decimal.fromUnscaled(taxUnscaled[i], SCALE));
const poolQtyVelo = Array.from({ length: POOL }, (_, i) => Decimal.fromInteger(quantity[i]));
const out = new Float64Array(N).fill(1); // touch every page before timing
let sink; // keeps results observable so nothing is optimised away

const cases = {
  add: {
    'f64 a + b': (n) => {
      for (let i = 0; i < n; i++) out[i] = priceF64[i] + taxF64[i];
    },
    'velo addUnscaled (number path)': (n) => {
      for (let i = 0; i < n; i++) out[i] = addUnscaled(priceUnscaled[i], 2, taxUnscaled[i], 2, 2);
    },
    'velo plain + (type proves p ≤ 15)': (n) => {
      for (let i = 0; i < n; i++) out[i] = priceUnscaled[i] + taxUnscaled[i];
    },
    'velo Decimal#add (objects)': (n) => {
      for (let i = 0; i < n; i++) sink = poolVelo[i & (POOL - 1)].add(poolTaxVelo[(i * 7) & (POOL - 1)]);
    },
    'decimal.js plus': (n) => {
      for (let i = 0; i < n; i++) sink = poolDecimalJs[i & (POOL - 1)].plus(poolTaxDecimalJs[(i * 7) & (POOL - 1)]);
    },
    'big.js plus': (n) => {
      for (let i = 0; i < n; i++) sink = poolBig[i & (POOL - 1)].plus(poolTaxBig[(i * 7) & (POOL - 1)]);
    },
  },
  multiply: {
    'f64 price * qty': (n) => {
      for (let i = 0; i < n; i++) out[i] = priceF64[i] * quantity[i];
    },
    'velo mulUnscaled (number path)': (n) => {
      for (let i = 0; i < n; i++) out[i] = mulUnscaled(priceUnscaled[i], 2, quantity[i], 0, 2);
    },
    'velo Decimal#mul (objects)': (n) => {
      for (let i = 0; i < n; i++) sink = poolVelo[i & (POOL - 1)].mul(poolQtyVelo[(i * 7) & (POOL - 1)]);
    },
    'decimal.js times': (n) => {
      for (let i = 0; i < n; i++) sink = poolDecimalJs[i & (POOL - 1)].times(poolQtyDecimalJs[(i * 7) & (POOL - 1)]);
    },
    'big.js times': (n) => {
      for (let i = 0; i < n; i++) sink = poolBig[i & (POOL - 1)].times(poolQtyBig[(i * 7) & (POOL - 1)]);
    },
  },
  SUM: {
    'f64 s += a': (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += priceF64[i];
      sink = s;
    },
    'velo addUnscaledColumn, 1024-value batches (number path)': (n) => {
      const acc = new DecimalSumAccumulator();
      for (let i = 0; i < n; i += 1024) acc.addUnscaledColumn(priceUnscaled, 2, i, Math.min(i + 1024, n));
      sink = acc.result();
    },
    'velo DecimalSumAccumulator.addUnscaled per value': (n) => {
      const acc = new DecimalSumAccumulator();
      for (let i = 0; i < n; i++) acc.addUnscaled(priceUnscaled[i], 2);
      sink = acc.result();
    },
    'velo DecimalSumAccumulator.add (objects)': (n) => {
      const acc = new DecimalSumAccumulator();
      for (let i = 0; i < n; i++) acc.add(poolVelo[i & (POOL - 1)]);
      sink = acc.result();
    },
    'decimal.js plus (running total)': (n) => {
      let s = new DecimalJs(0);
      for (let i = 0; i < n; i++) s = s.plus(poolDecimalJs[i & (POOL - 1)]);
      sink = s;
    },
    'big.js plus (running total)': (n) => {
      let s = new Big(0);
      for (let i = 0; i < n; i++) s = s.plus(poolBig[i & (POOL - 1)]);
      sink = s;
    },
  },
};

const REPEATS = 3;

/**
 * Best of three timed runs after one full warm-up run. The GC runs before the warm-up, not between timed
 * runs: a forced full GC throws away optimised code, and the next run would measure re-optimisation.
 */
function time(run) {
  globalThis.gc?.();
  run(N);
  let best = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const start = process.hrtime.bigint();
    run(N);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

const rows = [];
for (const [operation, variants] of Object.entries(cases)) {
  let baseline = 0;
  for (const [name, run] of Object.entries(variants)) {
    const seconds = time(run);
    const rate = N / seconds;
    if (baseline === 0) baseline = rate;
    rows.push({ operation, name, records: N, seconds, rate, ratio: rate / baseline });
  }
}

const pad = (value, width, right = false) => (right ? String(value).padStart(width) : String(value).padEnd(width));
console.log('| operation | name | records | seconds | records/s | ratio to f64 |');
console.log('|---|---|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(
    `| ${row.operation} | ${row.name} | ${row.records.toLocaleString('en-US')} | ${row.seconds.toFixed(3)} | ${Math.round(row.rate).toLocaleString('en-US')} | ${row.ratio.toFixed(2)}× |`,
  );
}

// The point of it all: the exact SUM against the f64 one.
let exactUnscaled = 0;
for (let i = 0; i < N; i++) exactUnscaled += priceUnscaled[i]; // integers below 2^53: exact
let f64Sum = 0;
for (let i = 0; i < N; i++) f64Sum += priceF64[i];
const veloSum = new DecimalSumAccumulator();
veloSum.addUnscaledColumn(priceUnscaled, 2);
console.log(
  `\nSUM of ${N.toLocaleString('en-US')} prices: exact ${Decimal.fromUnscaled(exactUnscaled, 2)}, velo ${veloSum.result()}, f64 ${f64Sum}`,
);
for (const operation of Object.keys(cases)) {
  const ours = rows.find((r) => r.operation === operation && r.name.includes('(number path)'));
  const decimalJs = rows.find((r) => r.operation === operation && r.name.startsWith('decimal.js'));
  console.log(
    `${pad(operation, 9)} ${pad(ours.name, 54)} ${(ours.ratio * 100).toFixed(0)}% of f64 (target ≥ 50%), ${(ours.rate / decimalJs.rate).toFixed(1)}× decimal.js (target ≥ 10×)`,
  );
}
if (sink === undefined) console.log('');
