/** One query in both dialects; `ordered` when the query fixes the row order. */
export interface DifferentialCase {
  readonly name: string;
  readonly velo: string;
  /** DuckDB's spelling; the Velo text when omitted. */
  readonly duck?: string;
  readonly ordered?: boolean;
  /** Also run in batches of 7 records (stateful cases: windows, joins). */
  readonly everyBatchSize?: boolean;
  /** Also run in batches of 1 record. */
  readonly batchesOfOne?: boolean;
  /** Extra WITH properties for the Velo side (`'k' = 'v', …`), such as `'event.time.field' = 'ms'`. */
  readonly properties?: string;
}

export const CASES: readonly DifferentialCase[] = [
  { name: 'filter and exact decimal arithmetic', velo: 'SELECT id, price * qty AS notional, price - 1.5 AS cheaper FROM trades WHERE price > 300 AND qty < 100' },
  { name: 'three-valued logic and NULL arithmetic', velo: 'SELECT id, fee + 1 AS f, fee IS NULL AS missing, NOT (fee > 5) AS small FROM trades WHERE fee IS NULL OR fee > 9.5' },
  { name: 'integer division, modulo and casts', velo: 'SELECT id, qty / 7 AS d, qty % 7 AS m, CAST(price AS BIGINT) AS whole, CAST(qty AS DOUBLE) / 3 AS third FROM trades WHERE id <= 200' },
  {
    name: 'CASE, COALESCE, NULLIF, BETWEEN, IN, LIKE',
    velo: `SELECT id,
             CASE WHEN qty >= 400 THEN 'huge' WHEN qty >= 100 THEN 'big' ELSE 'small' END AS size,
             COALESCE(note, 'none') AS note2, NULLIF(side, 'BUY') AS sells,
             price BETWEEN 100 AND 200 AS mid, symbol IN ('AAPL', 'MSFT') AS big_tech, note LIKE '%lot%' AS lot
           FROM trades WHERE id % 5 = 0`,
  },
  {
    name: 'string functions',
    velo: "SELECT id, UPPER(note) AS u, LOWER(symbol) AS l, LENGTH(note) AS n, SUBSTRING(symbol, 2, 2) AS s, REPLACE(side, 'S', 's') AS r, CONCAT(symbol, '-', side) AS c, TRIM(' x ') AS t, symbol || ':' || qty AS k FROM trades WHERE id % 7 = 0",
  },
  { name: 'math functions', velo: 'SELECT id, ROUND(price, 1) AS r1, ROUND(price) AS r0, ABS(price - 250) AS a, FLOOR(price) AS f, CEIL(price) AS c, SQRT(qty) AS q, POWER(qty, 2) AS p FROM trades WHERE id % 11 = 0' },
  {
    name: 'GROUP BY with every common aggregate',
    velo: 'SELECT symbol, COUNT(*) AS n, COUNT(fee) AS nf, SUM(qty) AS q, AVG(price) AS p, MIN(price) AS lo, MAX(price) AS hi, SUM(fee) AS fees FROM trades GROUP BY symbol EMIT FINAL',
    duck: 'SELECT symbol, COUNT(*) AS n, COUNT(fee) AS nf, SUM(qty) AS q, AVG(price) AS p, MIN(price) AS lo, MAX(price) AS hi, SUM(fee) AS fees FROM trades GROUP BY symbol',
  },
  {
    name: 'statistics aggregates',
    velo: 'SELECT side, STDDEV(price) AS sd, VAR_POP(price) AS vp, MEDIAN(qty) AS med, COUNT(DISTINCT symbol) AS syms FROM trades GROUP BY side EMIT FINAL',
    duck: 'SELECT side, STDDEV(price) AS sd, VAR_POP(price) AS vp, MEDIAN(qty) AS med, COUNT(DISTINCT symbol) AS syms FROM trades GROUP BY side',
  },
  {
    name: 'GROUP BY two keys with HAVING on an alias',
    velo: 'SELECT symbol, side, SUM(qty) AS total FROM trades GROUP BY symbol, side HAVING total > 10000 EMIT FINAL',
    duck: 'SELECT symbol, side, SUM(qty) AS total FROM trades GROUP BY symbol, side HAVING SUM(qty) > 10000',
  },
  { name: 'global aggregate', velo: 'SELECT COUNT(*) AS n, SUM(price * qty) AS notional, MAX(ts) AS last FROM trades', everyBatchSize: true },
  { name: 'DISTINCT', velo: 'SELECT DISTINCT symbol, side FROM trades' },
  { name: 'ORDER BY and LIMIT', velo: 'SELECT id, symbol, price FROM trades ORDER BY price DESC, id LIMIT 25', ordered: true },
  {
    name: 'tumbling windows on an event-time column',
    velo: 'SELECT symbol, COUNT(*) AS n, SUM(qty) AS q, _window_start AS ws FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 5m)',
    duck: "SELECT symbol, COUNT(*) AS n, SUM(qty) AS q, epoch_ms(time_bucket(INTERVAL '5 minutes', ts)) AS ws FROM trades GROUP BY symbol, time_bucket(INTERVAL '5 minutes', ts)",
    everyBatchSize: true,
  },
  {
    name: 'interval join of two out-of-order sensor files on their time columns',
    velo: `SELECT t.device_id, t.celsius, h.percent, t.ts AS t_ts, h.ts AS h_ts FROM temperature t JOIN humidity h
             ON t.device_id = h.device_id AND h.ts BETWEEN t.ts - INTERVAL '5' SECOND AND t.ts + INTERVAL '5' SECOND`,
    everyBatchSize: true,
  },
  {
    name: 'stream–table join (INNER and LEFT)',
    velo: 'SELECT t.id, s.company, t.qty * s.lot AS shares FROM trades t LEFT JOIN symbols s ON t.symbol = s.symbol WHERE t.id % 3 = 0',
  },
  {
    name: 'LAG and running totals over ordered input',
    velo: 'SELECT id, symbol, price - LAG(price) OVER (PARTITION BY symbol ORDER BY ts) AS change, SUM(qty) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running, ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY ts) AS rn FROM trades',
  },
  {
    name: 'date parts',
    velo: 'SELECT id, EXTRACT(HOUR FROM ts) AS h, EXTRACT(MINUTE FROM ts) AS mi, EXTRACT(DOW FROM ts) AS dow FROM trades WHERE id % 13 = 0',
  },
  { name: 'string literals compared with timestamps and decimals', velo: "SELECT id FROM trades WHERE ts >= '2026-11-02 10:00:00' AND ts < '2026-11-02T10:30:00' AND price <> 100.5 AND fee >= 1" },
  { name: 'mixed DECIMAL and DOUBLE arithmetic', velo: 'SELECT id, price * 1.5e0 AS d, price / 4 AS q, qty * 0.25 AS e, -price AS neg FROM trades WHERE id % 17 = 0' },
  {
    name: 'NOT IN, IS DISTINCT FROM and nested CASE with NULLs',
    velo: "SELECT id, note IS DISTINCT FROM 'urgent' AS d, note IS NOT DISTINCT FROM NULL AS n, CASE WHEN fee IS NULL THEN NULL WHEN fee > 5 THEN CASE WHEN side = 'BUY' THEN 'b' END ELSE 'low' END AS c FROM trades WHERE symbol NOT IN ('AAPL', 'TSLA') AND id % 4 = 0",
  },
  {
    name: 'GROUP BY expressions, HAVING on an aggregate, ORDER BY the result',
    velo: 'SELECT UPPER(side) AS s, qty % 3 AS bucket, COUNT(*) AS n, SUM(price) AS total FROM trades GROUP BY UPPER(side), qty % 3 HAVING COUNT(*) > 100 ORDER BY total DESC EMIT FINAL',
    duck: 'SELECT UPPER(side) AS s, qty % 3 AS bucket, COUNT(*) AS n, SUM(price) AS total FROM trades GROUP BY UPPER(side), qty % 3 HAVING COUNT(*) > 100 ORDER BY total DESC',
    ordered: true,
  },
  {
    name: 'more string functions',
    velo: "SELECT id, LEFT(symbol, 2) AS l, RIGHT(symbol, 2) AS r, POSITION('A' IN symbol) AS p, SPLIT_PART(note, ' ', 2) AS sp, LPAD(CAST(qty AS VARCHAR), 5, '0') AS pad, REVERSE(symbol) AS rev FROM trades WHERE id % 9 = 0",
  },
  {
    name: 'ranking and frame functions',
    velo: `SELECT id, RANK() OVER (PARTITION BY symbol ORDER BY ts) AS rk,
             AVG(qty) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS avg3,
             FIRST_VALUE(price) OVER (PARTITION BY symbol ORDER BY ts) AS first_price,
             LEAD(qty) OVER (PARTITION BY symbol ORDER BY ts) AS next_qty
           FROM trades`,
  },
  {
    name: 'JOIN with a residual condition and an aggregate over it',
    velo: "SELECT s.sector, COUNT(*) AS n, SUM(t.qty) AS q FROM trades t JOIN symbols s ON t.symbol = s.symbol AND t.qty > s.lot GROUP BY s.sector EMIT FINAL",
    duck: 'SELECT s.sector, COUNT(*) AS n, SUM(t.qty) AS q FROM trades t JOIN symbols s ON t.symbol = s.symbol AND t.qty > s.lot GROUP BY s.sector',
  },
  { name: 'casts from text', velo: "SELECT id, CAST('42' AS BIGINT) + qty AS a, CAST('2.50' AS DECIMAL(5,2)) * 2 AS b, CAST(CAST(qty AS VARCHAR) AS DOUBLE) AS c, CAST(price AS VARCHAR) AS d FROM trades WHERE id % 19 = 0" },
  { name: 'UNION ALL of two filtered branches', velo: "SELECT id, symbol FROM trades WHERE qty > 480 UNION ALL SELECT id, 'cheap' FROM trades WHERE price < 52" },
  { name: 'UNION removes duplicates', velo: 'SELECT symbol FROM trades WHERE qty > 400 UNION SELECT symbol FROM symbols' },
  { name: 'IN and NOT IN subqueries over a table file', velo: "SELECT id, symbol FROM trades WHERE symbol IN (SELECT symbol FROM symbols WHERE sector = 'Tech') AND id % 3 = 0" },
  { name: 'scalar subquery', velo: 'SELECT id, qty FROM trades WHERE qty > (SELECT MAX(lot) FROM symbols) * 4' },
  {
    // Velo TS makes x / 0 NULL (dialect §8); DuckDB gives ±Infinity for `/`, so its side spells the NULL out.
    name: 'division and modulo by zero are NULL',
    velo: 'SELECT id, qty / (qty - qty) AS d, qty % (qty - qty) AS m, price / (qty - qty) AS p FROM trades WHERE id <= 5',
    duck: 'SELECT id, qty / NULLIF(qty - qty, 0) AS d, qty % (qty - qty) AS m, price / NULLIF(qty - qty, 0) AS p FROM trades WHERE id <= 5',
  },
  {
    name: 'regex and DATE_TRUNC',
    velo: "SELECT id, REGEXP_REPLACE(note, '[aeiou]', '*', 'g') AS masked, DATE_TRUNC('hour', ts) AS hour_start FROM trades WHERE id % 23 = 0",
    duck: "SELECT id, REGEXP_REPLACE(note, '[aeiou]', '*', 'g') AS masked, epoch_ms(DATE_TRUNC('hour', ts)) AS hour_start FROM trades WHERE id % 23 = 0",
  },
  { name: 'GREATEST, LEAST and COALESCE over mixed numbers', velo: 'SELECT id, GREATEST(price, qty) AS g, LEAST(price, fee, 5) AS l, COALESCE(fee, 0) + 1 AS c FROM trades WHERE id % 29 = 0' },
  {
    name: 'aggregates with FILTER and DISTINCT',
    velo: "SELECT symbol, COUNT(*) FILTER (WHERE side = 'BUY') AS buys, SUM(DISTINCT qty % 10) AS digits, COUNT(DISTINCT note) AS notes FROM trades GROUP BY symbol EMIT FINAL",
    duck: "SELECT symbol, COUNT(*) FILTER (WHERE side = 'BUY') AS buys, SUM(DISTINCT qty % 10) AS digits, COUNT(DISTINCT note) AS notes FROM trades GROUP BY symbol",
  },
  {
    name: 'a CTAS table joined by a later statement',
    velo: `CREATE TABLE totals AS SELECT symbol, SUM(qty) AS total FROM trades GROUP BY symbol {{with}};
           SELECT t.id, t.qty, x.total FROM trades t JOIN totals x ON t.symbol = x.symbol WHERE t.qty * 300 > x.total {{with}}`,
    duck: 'SELECT t.id, t.qty, x.total FROM trades t JOIN (SELECT symbol, SUM(qty) AS total FROM trades GROUP BY symbol) x ON t.symbol = x.symbol WHERE t.qty * 300 > x.total',
  },
  {
    name: 'sliding windows',
    velo: 'SELECT symbol, COUNT(*) AS n, _window_start AS ws FROM trades GROUP BY symbol WINDOW SLIDING(ts, 10m, 5m)',
    duck: `SELECT symbol, COUNT(*) AS n, ws FROM (
             SELECT symbol, epoch_ms(time_bucket(INTERVAL '5 minutes', ts)) AS ws FROM trades
             UNION ALL
             SELECT symbol, epoch_ms(time_bucket(INTERVAL '5 minutes', ts)) - 300000 AS ws FROM trades
           ) GROUP BY symbol, ws`,
  },
  { name: 'ORDER BY with NULLs (last by default, first when asked)', velo: 'SELECT id, fee FROM trades WHERE id <= 60 ORDER BY fee DESC, id', ordered: true },
  { name: 'ORDER BY NULLS FIRST', velo: 'SELECT id, fee FROM trades WHERE id <= 60 ORDER BY fee ASC NULLS FIRST, id', ordered: true },
  { name: 'dates from timestamps', velo: "SELECT id, CAST(ts AS DATE) AS d, EXTRACT(DAY FROM CAST(ts AS DATE)) AS dd, CAST('2026-03-01' AS DATE) AS c FROM trades WHERE id % 31 = 0" },
  { name: 'string concatenation with numbers and NULL', velo: "SELECT id, symbol || '/' || CAST(qty AS VARCHAR) AS k, note || '!' AS n FROM trades WHERE id % 37 = 0" },
  {
    name: 'COUNT, MIN and MAX over strings and timestamps per group',
    velo: 'SELECT side, MIN(symbol) AS first_symbol, MAX(note) AS last_note, MIN(ts) AS t0, MAX(ts) AS t1, COUNT(note) AS notes FROM trades GROUP BY side EMIT FINAL',
    duck: 'SELECT side, MIN(symbol) AS first_symbol, MAX(note) AS last_note, MIN(ts) AS t0, MAX(ts) AS t1, COUNT(note) AS notes FROM trades GROUP BY side',
  },
  {
    name: 'tumbling windows by hour with HAVING',
    velo: 'SELECT symbol, SUM(price * qty) AS notional, COUNT(*) AS n, _window_end AS we FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 1h) HAVING COUNT(*) > 40',
    duck: "SELECT symbol, SUM(price * qty) AS notional, COUNT(*) AS n, epoch_ms(time_bucket(INTERVAL '1 hour', ts)) + 3600000 AS we FROM trades GROUP BY symbol, time_bucket(INTERVAL '1 hour', ts) HAVING COUNT(*) > 40",
  },
  {
    // Ranks are computed as rows arrive (dialect §7), so they match a SQL engine when the input arrives in ORDER BY order.
    name: 'DENSE_RANK and NTILE over input in ORDER BY order',
    velo: 'SELECT id, DENSE_RANK() OVER (PARTITION BY symbol ORDER BY ts) AS dr, PERCENT_RANK() OVER (PARTITION BY side ORDER BY ts) AS pr FROM trades WHERE id <= 300',
  },
  {
    name: 'ranks and LAG over input not in ORDER BY order (whole partitions over a bounded input)',
    velo: 'SELECT id, DENSE_RANK() OVER (PARTITION BY side ORDER BY symbol) AS dr, LAG(id) OVER (PARTITION BY symbol ORDER BY qty, id) AS prev_by_qty, SUM(qty) OVER (PARTITION BY side ORDER BY symbol) AS running FROM trades WHERE id <= 400',
  },
  {
    name: 'a derived table in FROM',
    velo: 'SELECT x.symbol, x.notional, x.id FROM (SELECT id, symbol, price * qty AS notional FROM trades WHERE qty > 300) AS x WHERE x.notional > 50000',
  },
  {
    // Joined as a TABLE, a derived aggregate is read whole first, so it joins with its final rows.
    name: 'a derived table in JOIN (an aggregate per key)',
    velo: 'SELECT t.id, t.qty, a.avg_qty, a.n FROM trades t JOIN (SELECT symbol, AVG(qty) AS avg_qty, COUNT(*) AS n FROM trades GROUP BY symbol) a ON t.symbol = a.symbol WHERE t.qty > a.avg_qty * 1.9',
  },
  {
    name: 'a derived table in LEFT JOIN keeps every row of the subquery (duplicates included)',
    velo: "SELECT s.symbol, d.id FROM symbols s LEFT JOIN (SELECT symbol, id FROM trades WHERE qty > 495) d ON d.symbol = s.symbol",
  },
  { name: 'CROSS JOIN pairs every row with every table row', velo: 'SELECT t.id, s.symbol, t.qty * s.lot AS shares FROM trades t CROSS JOIN symbols s WHERE t.id <= 4' },
  {
    name: 'correlated EXISTS and NOT EXISTS over a table',
    velo: "SELECT id, EXISTS (SELECT 1 FROM symbols s WHERE s.symbol = t.symbol AND s.lot < t.qty) AS big, NOT EXISTS (SELECT 1 FROM symbols s WHERE s.symbol = t.symbol) AS unknown FROM trades t WHERE t.id % 7 = 0",
  },
  {
    name: 'correlated EXISTS in WHERE',
    velo: "SELECT id, symbol FROM trades t WHERE EXISTS (SELECT 1 FROM symbols s WHERE s.symbol = t.symbol AND s.sector = 'Tech') AND t.id % 3 = 0",
  },
  {
    name: 'correlated scalar subqueries with aggregates (keyed and per record)',
    velo: 'SELECT id, qty, (SELECT MAX(s.lot) FROM symbols s WHERE s.symbol = t.symbol) AS lot, (SELECT COUNT(*) FROM symbols s WHERE s.lot < t.qty / 4) AS smaller, (SELECT SUM(s.lot) FROM symbols s WHERE s.lot > t.qty) AS bigger FROM trades t WHERE t.id % 11 = 0',
  },
  {
    name: 'correlated IN and NOT IN',
    velo: "SELECT id, t.qty % 200 IN (SELECT s.lot FROM symbols s WHERE s.symbol = t.symbol) AS hit, t.side NOT IN (SELECT s.sector FROM symbols s WHERE s.lot >= t.qty / 5) AS miss FROM trades t WHERE t.id % 9 = 0",
  },
  {
    name: 'a correlated scalar subquery compared in WHERE',
    velo: 'SELECT id, qty FROM trades t WHERE t.qty > (SELECT MAX(s.lot) * 4 FROM symbols s WHERE s.symbol = t.symbol)',
  },
  {
    name: 'DATE and TIMESTAMP literals',
    velo: "SELECT id, ts > TIMESTAMP '2026-11-02 10:00:00' AS late, CAST(ts AS DATE) = DATE '2026-11-02' AS first_day, DATE '2026-11-02' AS d, TIMESTAMP '2026-11-02 09:45:00.250' AS t0 FROM trades WHERE id % 41 = 0 AND ts < TIMESTAMP '2026-11-02 10:30:00'",
  },
  {
    name: 'named windows: OVER w and OVER (w frame)',
    velo: 'SELECT id, SUM(qty) OVER w AS running, ROW_NUMBER() OVER w AS rn, AVG(qty) OVER (w ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS avg3 FROM trades WINDOW w AS (PARTITION BY symbol ORDER BY ts)',
  },
  {
    name: 'UNION ALL inside a derived table, aggregated outside',
    velo: "SELECT u.symbol, COUNT(*) AS n FROM (SELECT symbol FROM trades WHERE qty > 450 UNION ALL SELECT symbol FROM symbols WHERE sector = 'Tech') AS u GROUP BY u.symbol EMIT FINAL",
    duck: "SELECT u.symbol, COUNT(*) AS n FROM (SELECT symbol FROM trades WHERE qty > 450 UNION ALL SELECT symbol FROM symbols WHERE sector = 'Tech') AS u GROUP BY u.symbol",
  },
  { name: 'UNION inside an IN subquery', velo: "SELECT id FROM trades WHERE id % 10 = 0 AND symbol IN (SELECT symbol FROM symbols WHERE lot > 60 UNION SELECT 'TSLA')" },
  {
    name: 'a correlated EXISTS in the ON of an inner join, reading both sides',
    velo: 'SELECT t.id, s.company FROM trades t JOIN symbols s ON t.symbol = s.symbol AND EXISTS (SELECT 1 FROM symbols x WHERE x.sector = s.sector AND x.lot > t.qty / 5) WHERE t.id % 7 = 0',
  },
  {
    name: 'correlated subqueries reading enclosing columns without a qualifier (standard name resolution)',
    velo: 'SELECT id, (SELECT COUNT(*) FROM symbols WHERE lot < qty / 3) AS smaller FROM trades WHERE symbol IN (SELECT symbol FROM symbols WHERE lot * 3 < qty) AND id % 5 = 0',
  },
  { name: 'an uncorrelated IN subquery whose column the outer query also has', velo: "SELECT id FROM trades WHERE symbol IN (SELECT symbol FROM symbols WHERE sector = 'Tech') AND id % 6 = 0" },
  {
    name: 'correlated scalar subqueries with ORDER BY … LIMIT 1 (the latest-value idiom)',
    velo: 'SELECT id, (SELECT s.company FROM symbols s WHERE s.lot <= t.qty ORDER BY s.lot DESC, s.symbol LIMIT 1) AS biggest_lot_company, (SELECT s.lot FROM symbols s WHERE s.symbol = t.symbol ORDER BY s.lot LIMIT 1) AS lot FROM trades t WHERE t.id % 13 = 0',
  },
  {
    name: 'interval join bounded by plain numbers on the event.time.field BIGINT columns (BETWEEN)',
    velo: 'SELECT c.user_id, c.page, v.ad, c.ms AS c_ms, v.ms AS v_ms FROM clicks c JOIN views v ON c.user_id = v.user_id AND v.ms BETWEEN c.ms - 5000 AND c.ms + 5000',
    properties: "'event.time.field' = 'ms'",
    everyBatchSize: true,
    batchesOfOne: true,
  },
  {
    name: 'interval join bounded by plain-number comparisons on the event.time.field BIGINT columns',
    velo: 'SELECT c.user_id, c.page, v.ad, v.ms - c.ms AS lag_ms FROM clicks c JOIN views v ON c.user_id = v.user_id AND c.ms <= v.ms AND v.ms <= c.ms + 5000',
    properties: "'clicks.event.time.field' = 'ms', 'views.event.time.field' = 'ms'",
    everyBatchSize: true,
    batchesOfOne: true,
  },
  {
    name: 'LEFT interval join bounded by plain numbers keeps unmatched rows NULL-padded',
    velo: 'SELECT c.user_id, c.page, c.ms, v.ad FROM clicks c LEFT JOIN views v ON c.user_id = v.user_id AND v.ms BETWEEN c.ms - 800 AND c.ms + 300',
    properties: "'event.time.field' = 'ms'",
    everyBatchSize: true,
    batchesOfOne: true,
  },
  {
    // Without an event-time field the BIGINT columns are plain numbers: the file is read whole as a table of every row.
    name: 'a join bounded by plain numbers on BIGINT columns that are not event times (every matching pair)',
    velo: 'SELECT c.user_id, c.page, v.ad FROM clicks c JOIN views v ON c.user_id = v.user_id AND v.ms BETWEEN c.ms - 5000 AND c.ms + 5000',
    everyBatchSize: true,
    batchesOfOne: true,
  },
  {
    name: 'a join bounded by plain numbers on a non-time numeric column (the guard)',
    velo: 'SELECT c.user_id, c.seq, v.seq AS vseq FROM clicks c JOIN views v ON c.user_id = v.user_id AND v.seq BETWEEN c.seq - 1 AND c.seq + 1',
    properties: "'event.time.field' = 'ms'",
    everyBatchSize: true,
    batchesOfOne: true,
  },
  {
    name: 'a join of two files on a key with duplicates on both sides returns every pair',
    velo: 'SELECT c.user_id, c.page, v.ad FROM clicks c JOIN views v ON c.user_id = v.user_id AND c.page = REPLACE(v.ad, \'ad\', \'p\')',
    everyBatchSize: true,
  },
];
