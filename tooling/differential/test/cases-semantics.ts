import type { DifferentialCase } from './cases.js';

/** NULL semantics, arithmetic, casts, strings and conditionals, operator by operator. */
export const SEMANTICS_CASES: readonly DifferentialCase[] = [
  {
    name: 'three-valued AND, OR and NOT with NULL operands',
    velo: "SELECT id, (fee > 5) AND (note = 'urgent') AS a, (fee > 5) OR (note = 'urgent') AS o, NOT (note = 'urgent') AS n, (fee > 5) AND FALSE AS af, (fee > 5) OR TRUE AS ot FROM trades WHERE id <= 120",
  },
  {
    name: 'WHERE keeps only TRUE: NULL comparisons drop rows, IS NULL keeps them',
    velo: "SELECT id FROM trades WHERE NOT (note = 'urgent') OR fee < 1",
  },
  {
    name: 'IN and NOT IN lists holding NULL',
    velo: "SELECT id, note IN ('urgent', NULL) AS i, note NOT IN ('urgent', NULL) AS ni, qty IN (1, 2, NULL) AS q FROM trades WHERE id <= 80",
  },
  {
    name: 'NULL keys form one GROUP BY group; COUNT(col) vs COUNT(*)',
    velo: 'SELECT note, COUNT(*) AS n, COUNT(note) AS nn, COUNT(fee) AS nf, SUM(qty) AS q FROM trades GROUP BY note EMIT FINAL',
    duck: 'SELECT note, COUNT(*) AS n, COUNT(note) AS nn, COUNT(fee) AS nf, SUM(qty) AS q FROM trades GROUP BY note',
  },
  {
    name: 'aggregates over all-NULL groups are NULL (COUNT is 0)',
    velo: 'SELECT symbol, fee IS NULL AS missing, COUNT(fee) AS n, SUM(fee) AS s, AVG(fee) AS a, MIN(fee) AS lo, MAX(fee) AS hi, COUNT(*) AS rows_ FROM trades GROUP BY symbol, fee IS NULL EMIT FINAL',
    duck: 'SELECT symbol, fee IS NULL AS missing, COUNT(fee) AS n, SUM(fee) AS s, AVG(fee) AS a, MIN(fee) AS lo, MAX(fee) AS hi, COUNT(*) AS rows_ FROM trades GROUP BY symbol, fee IS NULL',
  },
  {
    name: 'a global aggregate over no rows is one row of NULLs and a zero count',
    velo: "SELECT COUNT(*) AS n, COUNT(fee) AS nf, SUM(qty) AS q, AVG(price) AS p, MAX(note) AS m FROM trades WHERE symbol = 'NONE'",
  },
  {
    name: 'DISTINCT keeps one NULL',
    velo: 'SELECT DISTINCT note FROM trades',
  },
  {
    name: 'COUNT(DISTINCT) skips NULL, SUM(DISTINCT) over decimals',
    velo: 'SELECT side, COUNT(DISTINCT note) AS notes, COUNT(DISTINCT fee) AS fees, SUM(DISTINCT fee) AS sf FROM trades GROUP BY side EMIT FINAL',
    duck: 'SELECT side, COUNT(DISTINCT note) AS notes, COUNT(DISTINCT fee) AS fees, SUM(DISTINCT fee) AS sf FROM trades GROUP BY side',
  },
  {
    name: 'HAVING on an aggregate that is not selected, with NULL groups',
    velo: 'SELECT note, COUNT(*) AS n FROM trades GROUP BY note HAVING SUM(fee) > 100 EMIT FINAL',
    duck: 'SELECT note, COUNT(*) AS n FROM trades GROUP BY note HAVING SUM(fee) > 100',
  },
  {
    name: 'integer arithmetic: BIGINT / BIGINT is DOUBLE, % keeps the sign of the dividend, unary minus',
    velo: 'SELECT id, (qty - 250) / 7 AS d, (qty - 250) % 7 AS m, -(qty - 250) * 3 AS n, qty * qty * qty AS cube FROM trades WHERE id <= 60',
  },
  {
    name: 'DECIMAL products and sums keep exact scale',
    velo: 'SELECT id, price * fee AS pf, price + fee AS s, fee - price AS d, price * 0.001 AS milli, fee * fee * fee AS cube FROM trades WHERE id % 3 = 0',
  },
  {
    name: 'ROUND of DECIMAL and DOUBLE (half away from zero on exact decimals)',
    velo: 'SELECT id, ROUND(fee, 2) AS r2, ROUND(fee, 1) AS r1, ROUND(fee) AS r0, ROUND(price * 1.005, 2) AS rp FROM trades WHERE id % 7 = 0',
  },
  {
    name: 'DECIMAL division (exact, scale 6 where DuckDB gives a DOUBLE)',
    velo: 'SELECT id, price / fee AS r, fee / 3 AS third, price / qty AS per FROM trades WHERE fee > 0.5 AND id % 5 = 0',
  },
  {
    name: 'CASE with NULL: simple form, NULL never matches WHEN NULL, no ELSE gives NULL',
    velo: "SELECT id, CASE note WHEN 'urgent' THEN 1 WHEN NULL THEN 2 ELSE 3 END AS s, CASE WHEN fee > 5 THEN 'hi' END AS hi, CASE WHEN note IS NULL THEN 'none' ELSE note END AS n FROM trades WHERE id <= 100",
  },
  {
    name: 'COALESCE over several arguments and NULLIF producing NULL',
    velo: "SELECT id, COALESCE(note, CAST(fee AS VARCHAR), 'x') AS c, NULLIF(qty % 3, 0) AS z, NULLIF(note, 'urgent') AS nu, COALESCE(NULLIF(side, 'BUY'), 'b') AS s FROM trades WHERE id <= 100",
  },
  {
    name: 'CAST edge cases: text to numbers, decimals to text and integers, booleans',
    velo: "SELECT id, CAST(CAST(qty AS VARCHAR) || '.5' AS DECIMAL(10,1)) AS d, CAST(fee AS VARCHAR) AS fs, CAST(price AS DECIMAL(10,1)) AS p1, CAST(qty > 100 AS VARCHAR) AS b, CAST('true' AS BOOLEAN) AS t, CAST(qty AS DECIMAL(12,3)) AS q3 FROM trades WHERE id % 9 = 0",
  },
  {
    name: 'unicode strings: LENGTH, SUBSTRING, UPPER, REVERSE, LPAD count characters',
    velo: "SELECT id, LENGTH(symbol || 'é😀') AS n, SUBSTRING('日本語' || symbol, 2, 3) AS s, UPPER('é' || side) AS u, REVERSE('añ' || symbol) AS r, LPAD(symbol, 7, 'é') AS p, POSITION('語' IN '日本語' || symbol) AS pos FROM trades WHERE id % 50 = 0",
  },
  {
    name: 'string functions on NULL and empty strings',
    velo: "SELECT id, LENGTH(note) AS n, UPPER(note) AS u, note || 'x' AS c, CONCAT(note, 'x') AS cc, REPLACE(note, 'o', '') AS r, TRIM(note) AS t, SUBSTRING(note, 3) AS s FROM trades WHERE id <= 40",
  },
  {
    name: 'LIKE and ILIKE with wildcards and NULL',
    velo: "SELECT id, note LIKE '%o%' AS a, note LIKE '_rgent' AS b, note NOT LIKE 'b%' AS c, note ILIKE 'ODD%' AS d FROM trades WHERE id <= 60",
  },
  {
    name: 'comparisons across numeric types and BETWEEN with NULL bounds',
    velo: 'SELECT id, price > qty AS a, fee BETWEEN 1 AND 5 AS b, qty BETWEEN fee AND 400 AS c, price = 100 AS d FROM trades WHERE id <= 60',
  },
  {
    name: 'IS DISTINCT FROM and IS TRUE/FALSE on NULL',
    velo: "SELECT id, fee IS DISTINCT FROM NULL AS a, (fee > 5) IS TRUE AS t, (fee > 5) IS NOT FALSE AS nf, note IS NOT DISTINCT FROM 'urgent' AS u FROM trades WHERE id <= 60",
  },
  {
    // Dialect §8: a DOUBLE → BIGINT cast rounds half away from zero; DuckDB rounds ties to even, so its side rounds first.
    name: 'CAST of a DOUBLE to BIGINT rounds half away from zero (a documented difference from DuckDB)',
    velo: 'SELECT id, CAST(qty / 2 AS BIGINT) AS half, CAST(-qty / 2 AS BIGINT) AS neg, CAST(price AS BIGINT) AS p FROM trades WHERE id <= 80',
    duck: 'SELECT id, CAST(ROUND(qty / 2) AS BIGINT) AS half, CAST(ROUND(-qty / 2) AS BIGINT) AS neg, CAST(price AS BIGINT) AS p FROM trades WHERE id <= 80',
  },
  {
    name: 'integer arithmetic near the 64-bit range stays exact',
    velo: 'SELECT id, qty * 1000000000000 AS big, 9223372036854775000 + qty AS edge, -9223372036854775000 - qty AS low FROM trades WHERE id <= 20',
  },
];
