import type { DifferentialCase } from './cases.js';

/** Analytic frames, LAG/LEAD defaults, time functions and window boundaries. */
export const TIME_CASES: readonly DifferentialCase[] = [
  {
    name: 'ROWS frames with PRECEDING and FOLLOWING',
    velo: `SELECT id, SUM(qty) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s3,
             MIN(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS lo4,
             COUNT(fee) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS nf
           FROM trades WHERE id <= 400`,
  },
  {
    name: 'RANGE frame over an INTERVAL of the ORDER BY time',
    velo: "SELECT id, SUM(qty) OVER (PARTITION BY symbol ORDER BY ts RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW) AS q1m FROM trades WHERE id <= 400",
    duck: "SELECT id, SUM(qty) OVER (PARTITION BY symbol ORDER BY ts RANGE BETWEEN INTERVAL 1 MINUTE PRECEDING AND CURRENT ROW) AS q1m FROM trades WHERE id <= 400",
  },
  {
    name: 'LAG and LEAD with offsets and defaults',
    velo: 'SELECT id, LAG(qty, 2, 0) OVER (PARTITION BY symbol ORDER BY ts) AS lag2, LEAD(qty, 1, -1) OVER (PARTITION BY symbol ORDER BY ts) AS lead1, LAG(fee) OVER (PARTITION BY side ORDER BY ts) AS prev_fee FROM trades WHERE id <= 300',
  },
  {
    name: 'whole-partition aggregates and FIRST_VALUE/LAST_VALUE over an explicit frame',
    velo: `SELECT id, COUNT(*) OVER (PARTITION BY symbol) AS n, MAX(qty) OVER (PARTITION BY symbol) AS mq,
             LAST_VALUE(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_price,
             NTH_VALUE(qty, 2) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_qty
           FROM trades WHERE id <= 300`,
  },
  {
    name: 'PERCENTILE_CONT and PERCENTILE_DISC over the ORDER BY column of OVER, running and over the whole partition',
    velo: `SELECT id, PERCENTILE_CONT(0.5) OVER (PARTITION BY symbol ORDER BY qty) AS med_so_far,
             PERCENTILE_DISC(0.25) OVER (PARTITION BY side ORDER BY price) AS p25_so_far,
             PERCENTILE_CONT(0.9) OVER (PARTITION BY symbol ORDER BY price ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS p90
           FROM trades WHERE id <= 300`,
    duck: `SELECT id, quantile_cont(qty, 0.5) OVER (PARTITION BY symbol ORDER BY qty) AS med_so_far,
             quantile_disc(price, 0.25) OVER (PARTITION BY side ORDER BY price) AS p25_so_far,
             quantile_cont(CAST(price AS DOUBLE), 0.9) OVER (PARTITION BY symbol ORDER BY price ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS p90
           FROM trades WHERE id <= 300`,
  },
  {
    name: 'window functions over the final groups of a GROUP BY (ranked sums, a total of sums, LAG of a count)',
    velo: `SELECT symbol, side, SUM(qty) AS q, COUNT(*) AS n,
             RANK() OVER (PARTITION BY side ORDER BY SUM(qty) DESC) AS rk,
             SUM(SUM(qty)) OVER (PARTITION BY symbol) AS symbol_total,
             LAG(COUNT(*)) OVER (PARTITION BY side ORDER BY symbol) AS prev_n
           FROM trades WHERE id <= 400 GROUP BY symbol, side HAVING COUNT(*) > 1`,
    everyBatchSize: true,
  },
  {
    name: "SQL's SUBSTRING … FROM … FOR and TRIM [BOTH|LEADING|TRAILING] … FROM forms",
    velo: `SELECT id, SUBSTRING(symbol FROM 2 FOR 2) AS mid, SUBSTRING(note FROM 3) AS tail,
             TRIM(LEADING 'A' FROM symbol) AS no_a, TRIM(TRAILING 'L' FROM symbol) AS no_l, TRIM(BOTH 'M' FROM symbol) AS no_m,
             TRIM('x' FROM note) AS no_x FROM trades WHERE id % 13 = 0`,
  },
  {
    name: 'EXTRACT of every date part',
    velo: 'SELECT id, EXTRACT(YEAR FROM ts) AS y, EXTRACT(QUARTER FROM ts) AS q, EXTRACT(MONTH FROM ts) AS m, EXTRACT(DOY FROM ts) AS doy, EXTRACT(WEEK FROM ts) AS w, EXTRACT(SECOND FROM ts) AS s, EXTRACT(EPOCH FROM ts) AS e FROM trades WHERE id % 97 = 0',
  },
  {
    name: 'timestamp arithmetic with intervals and DATE_TRUNC units',
    velo: "SELECT id, ts + INTERVAL '90' MINUTE AS later, ts - INTERVAL '1' DAY AS earlier, DATE_TRUNC('minute', ts) AS m, DATE_TRUNC('day', ts) AS d, DATE_TRUNC('month', ts) AS mo FROM trades WHERE id % 89 = 0",
    duck: "SELECT id, epoch_ms(ts + INTERVAL '90' MINUTE) AS later, epoch_ms(ts - INTERVAL '1' DAY) AS earlier, epoch_ms(DATE_TRUNC('minute', ts)) AS m, epoch_ms(DATE_TRUNC('day', ts)) AS d, epoch_ms(DATE_TRUNC('month', ts)) AS mo FROM trades WHERE id % 89 = 0",
  },
  {
    name: 'DATE_FORMAT (strftime) and DATEDIFF',
    velo: "SELECT id, DATE_FORMAT(ts, '%Y-%m-%d %H:%M:%S') AS f, DATEDIFF('minutes', TIMESTAMP '2026-11-02 09:00:00', ts) AS mins, DATEDIFF('days', DATE '2026-01-01', CAST(ts AS DATE)) AS days FROM trades WHERE id % 83 = 0",
    duck: "SELECT id, strftime(ts, '%Y-%m-%d %H:%M:%S') AS f, date_diff('minute', TIMESTAMP '2026-11-02 09:00:00', ts) AS mins, date_diff('day', DATE '2026-01-01', CAST(ts AS DATE)) AS days FROM trades WHERE id % 83 = 0",
  },
  {
    name: 'timestamp literals with a zone offset are converted to UTC',
    velo: "SELECT id FROM trades WHERE ts < TIMESTAMP '2026-11-02 12:00:00+02:00' AND id % 3 = 0",
    duck: "SELECT id FROM trades WHERE ts < TIMESTAMP '2026-11-02 10:00:00' AND id % 3 = 0",
  },
  {
    name: 'tumbling window bounds (window_start and window_end) with EMIT FINAL',
    velo: 'SELECT side, COUNT(*) AS n, MIN(price) AS lo, _window_start AS ws, _window_end AS we FROM trades GROUP BY side WINDOW TUMBLING(ts, 10m) EMIT FINAL',
    duck: "SELECT side, COUNT(*) AS n, MIN(price) AS lo, epoch_ms(time_bucket(INTERVAL '10 minutes', ts)) AS ws, epoch_ms(time_bucket(INTERVAL '10 minutes', ts)) + 600000 AS we FROM trades GROUP BY side, time_bucket(INTERVAL '10 minutes', ts)",
    everyBatchSize: true,
    batchesOfOne: true,
  },
  {
    name: 'hopping windows with bounds',
    velo: 'SELECT COUNT(*) AS n, SUM(qty) AS q, _window_start AS ws, _window_end AS we FROM trades WINDOW HOPPING(ts, 6m, 2m)',
    duck: `SELECT COUNT(*) AS n, SUM(qty) AS q, ws, ws + 360000 AS we FROM (
             SELECT qty, epoch_ms(time_bucket(INTERVAL '2 minutes', ts)) - k * 120000 AS ws FROM trades, range(3) r(k)
           ) GROUP BY ws`,
    everyBatchSize: true,
  },
  {
    name: 'session windows per key: a gap longer than the session gap starts a new session',
    velo: 'SELECT symbol, COUNT(*) AS n, SUM(qty) AS q, _window_start AS ws, _window_end AS we FROM trades GROUP BY symbol WINDOW SESSION(ts, 20s)',
    duck: `WITH o AS (
             SELECT symbol, qty, ts, CASE WHEN LAG(ts) OVER (PARTITION BY symbol ORDER BY ts, id) IS NULL OR ts - LAG(ts) OVER (PARTITION BY symbol ORDER BY ts, id) >= INTERVAL 20 SECOND THEN 1 ELSE 0 END AS brk, id
             FROM trades),
           s AS (SELECT *, SUM(brk) OVER (PARTITION BY symbol ORDER BY ts, id ROWS UNBOUNDED PRECEDING) AS sid FROM o)
           SELECT symbol, COUNT(*) AS n, SUM(qty) AS q, epoch_ms(MIN(ts)) AS ws, epoch_ms(MAX(ts)) + 20000 AS we FROM s GROUP BY symbol, sid`,
    everyBatchSize: true,
    batchesOfOne: true,
  },
  {
    name: 'a global aggregate with EMIT FINAL over a file',
    velo: 'SELECT side, COUNT(*) AS n, MAX(ts) AS last FROM trades GROUP BY side EMIT FINAL',
    duck: 'SELECT side, COUNT(*) AS n, MAX(ts) AS last FROM trades GROUP BY side',
    everyBatchSize: true,
    batchesOfOne: true,
  },
];

/** JSON lines with nested objects and arrays. */
export const JSON_CASES: readonly DifferentialCase[] = [
  {
    name: 'JSON nested fields: s.field, qualified e.s.field, a[i] (1-based, negative from the end, out of range NULL)',
    velo: 'SELECT id, user.name, e.user.geo.city AS city, user.geo.zip + 1 AS zip1, tags[1] AS first_tag, tags[-1] AS last_tag, tags[3] AS third, amount FROM events e',
    duck: 'SELECT id, user.name, e.user.geo.city AS city, user.geo.zip + 1 AS zip1, tags[1] AS first_tag, tags[-1] AS last_tag, tags[3] AS third, amount FROM events e',
  },
  {
    name: 'JSON nested fields in WHERE, GROUP BY and aggregates',
    velo: "SELECT user.geo.city AS city, COUNT(*) AS n, SUM(amount) AS total, MAX(user.tier) AS top FROM events WHERE user.tier > 0 GROUP BY user.geo.city EMIT FINAL",
    duck: 'SELECT user.geo.city AS city, COUNT(*) AS n, SUM(amount) AS total, MAX(user.tier) AS top FROM events WHERE user.tier > 0 GROUP BY user.geo.city',
  },
];

/** CSV quoting, empty fields and inferred types. */
export const CSV_CASES: readonly DifferentialCase[] = [
  {
    name: 'CSV: quoted delimiters, doubled quotes, line breaks, unquoted empty is NULL, quoted "" is empty',
    velo: 'SELECT id, label, LENGTH(label) AS n, label IS NULL AS missing, amount, amount * 2 AS twice, flag, day, CAST(day AS VARCHAR) AS day_text FROM quirks',
  },
  {
    name: 'CSV: aggregates over inferred DECIMAL and BOOLEAN columns with NULLs',
    velo: 'SELECT flag, COUNT(*) AS n, COUNT(label) AS labels, SUM(amount) AS total, MIN(day) AS first_day FROM quirks GROUP BY flag EMIT FINAL',
    duck: 'SELECT flag, COUNT(*) AS n, COUNT(label) AS labels, SUM(amount) AS total, MIN(day) AS first_day FROM quirks GROUP BY flag',
  },
];
