// bench/parser: throughput of @velots/sql-parser on its test corpus (KB/s and statements/s), the time to
// parse one typical 50-line statement, the error path, and the printer. Lexing alone is the baseline.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseStatement, print, tokenize } from '@velots/sql-parser';

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(here, '..', '..', 'packages', 'sql-parser', 'test', 'corpus');
const files = readdirSync(corpusDir).filter((f) => f.endsWith('.sql'));
const corpus = files.map((f) => readFileSync(join(corpusDir, f), 'utf8').trim().replace(/;?$/, ';')).join('\n');

// One parser instance serves the process; its construction (chevrotain's lookahead tables) is a one-time cost.
const coldStart = performance.now();
const corpusStatements = parse(corpus).statements.length;
const coldMs = performance.now() - coldStart;

const fiftyLines = `CREATE TABLE desk_risk AS
SELECT desk PRIMARY KEY,
       symbol PRIMARY KEY,
       COUNT(*) AS trades,
       SUM(quantity) AS total_qty,
       SUM(quantity * price) AS notional,
       AVG(price) AS avg_price,
       MIN(price) AS low,
       MAX(price) AS high,
       MAX(price) - MIN(price) AS spread,
       MAX(price) / NULLIF(MIN(price), 0) AS ratio,
       STDDEV(price) AS volatility,
       CAST(AVG(price) AS DECIMAL(18, 4)) AS avg_price_exact,
       COUNT(DISTINCT account) AS accounts,
       SUM(CASE WHEN side = 'BUY' THEN quantity ELSE 0 END) AS bought,
       SUM(CASE WHEN side = 'SELL' THEN quantity ELSE 0 END) AS sold,
       SUM(quantity) FILTER (WHERE venue IN ('XNYS', 'XNAS')) AS lit_qty,
       PERCENTILE_CONT(0.99) WITHIN GROUP (ORDER BY price) AS p99,
       FIRST_VALUE(price) AS open_price,
       LAST_VALUE(price) AS close_price,
       COALESCE(MAX(r.limit_usd), 0) AS limit_usd,
       _window_start AS window_start,
       _window_end AS window_end
FROM trades t
LEFT JOIN risk_limits r ON t.desk = r.desk
WHERE t.price > 0
  AND t.quantity BETWEEN 1 AND 10000000
  AND t.symbol NOT LIKE 'TEST%'
  AND t.status IS NOT NULL
  AND (t.venue <> 'DARK' OR t.quantity < 100)
  AND t.account NOT IN (SELECT account FROM blocked_accounts)
GROUP BY desk, symbol
WINDOW TUMBLING(t.ts, INTERVAL '1' MINUTE)
HAVING COUNT(*) >= 1
   AND SUM(quantity * price) > 1000.00
EMIT CHANGES
WITH (
  'trades.type' = 'kafka_source',
  'trades.topic' = 'trades',
  'trades.bootstrap.servers' = '\${BROKERS:localhost:9092}',
  'trades.value.format' = 'json',
  'risk_limits.type' = 'file_source',
  'risk_limits.path' = './limits.csv',
  'event.time.field' = 'ts',
  'watermark.strategy' = 'bounded_out_of_orderness',
  'watermark.max_out_of_orderness' = '5s',
  'desk_risk.type' = 'kafka_sink',
  'desk_risk.topic' = 'desk_risk',
  'failure_strategy' = 'LogAndContinue'
)`;
if (fiftyLines.split('\n').length !== 50) throw new Error(`the typical statement should have 50 lines, has ${fiftyLines.split('\n').length}`);
const parsedFifty = parseStatement(fiftyLines);

/** Runs `fn` for at least `minMs` (after a warm-up) and returns iterations and seconds. */
function measure(fn, minMs = 1500) {
  for (let i = 0; i < 20; i++) fn();
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    iterations++;
    elapsed = performance.now() - start;
  }
  return { iterations, seconds: elapsed / 1000 };
}

const rows = [];
function row(name, unitsPerRun, bytesPerRun, fn) {
  const { iterations, seconds } = measure(fn);
  rows.push({ name, records: unitsPerRun * iterations, seconds, bytes: bytesPerRun * iterations, perCallUs: (seconds * 1e6) / iterations });
}

row('tokenize corpus (baseline)', corpusStatements, corpus.length, () => tokenize(corpus));
row('parse corpus', corpusStatements, corpus.length, () => parse(corpus));
row('parse 50-line statement', 1, fiftyLines.length, () => parseStatement(fiftyLines));
row('print 50-line statement', 1, fiftyLines.length, () => print(parsedFifty));
row("syntax error 'SELECT * FORM t'", 1, 15, () => {
  try {
    parse('SELECT * FORM t');
  } catch {
    // the error path: content assist computes the expected tokens
  }
});

const baseline = rows[0];
console.log(`corpus: ${files.length} files, ${corpusStatements} statements, ${(corpus.length / 1024).toFixed(1)} KB; first parse (incl. parser construction) ${coldMs.toFixed(0)} ms`);
console.log('| name | records | seconds | records/s | KB/s | µs/call | ratio to tokenizing (KB/s) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const rate = r.records / r.seconds;
  console.log(
    `| ${r.name} | ${r.records} | ${r.seconds.toFixed(2)} | ${Math.round(rate).toLocaleString('en')} | ` +
      `${Math.round(r.bytes / 1024 / r.seconds).toLocaleString('en')} | ${r.perCallUs.toFixed(1)} | ` +
      `${(r.bytes / r.seconds / (baseline.bytes / baseline.seconds)).toFixed(2)} |`,
  );
}
