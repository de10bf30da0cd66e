import type { DifferentialCase } from './cases.js';

/** ORDER BY with NULLs and ties, LIMIT, DISTINCT, UNION and outer joins of files. */
export const ORDERING_CASES: readonly DifferentialCase[] = [
  { name: 'ORDER BY a nullable column NULLS LAST descending, ties broken by a second key', velo: 'SELECT id, note FROM trades WHERE id <= 50 ORDER BY note DESC NULLS LAST, id DESC', ordered: true },
  { name: 'ORDER BY an expression and an alias', velo: 'SELECT id, qty % 10 AS digit FROM trades WHERE id <= 40 ORDER BY digit, price * qty DESC', ordered: true },
  { name: 'ORDER BY input columns the select list drops', velo: 'SELECT id FROM trades WHERE id <= 80 ORDER BY fee DESC NULLS LAST, price * qty, id LIMIT 30', ordered: true },
  {
    name: 'ORDER BY an aggregate the select list drops',
    velo: 'SELECT symbol FROM trades GROUP BY symbol ORDER BY SUM(qty) DESC EMIT FINAL',
    duck: 'SELECT symbol FROM trades GROUP BY symbol ORDER BY SUM(qty) DESC',
    ordered: true,
  },
  { name: 'LIMIT … OFFSET after ORDER BY', velo: 'SELECT id, price FROM trades ORDER BY price DESC, id LIMIT 10 OFFSET 5', ordered: true, everyBatchSize: true, batchesOfOne: true },
  { name: 'ORDER BY and GROUP BY positions (ordinals)', velo: 'SELECT symbol, side, COUNT(*) AS n, SUM(qty) AS q FROM trades GROUP BY 1, 2 ORDER BY 4 DESC, 1, 2 EMIT FINAL', duck: 'SELECT symbol, side, COUNT(*) AS n, SUM(qty) AS q FROM trades GROUP BY 1, 2 ORDER BY 4 DESC, 1, 2', ordered: true },
  { name: 'GROUP BY the position of an expression', velo: 'SELECT qty % 4 AS bucket, COUNT(*) AS n FROM trades GROUP BY 1 EMIT FINAL', duck: 'SELECT qty % 4 AS bucket, COUNT(*) AS n FROM trades GROUP BY 1' },
  { name: 'ORDER BY a position over SELECT *', velo: 'SELECT * FROM symbols ORDER BY 4 DESC, 1', ordered: true },
  { name: 'ORDER BY ascending puts NULLs last by default', velo: 'SELECT id, fee FROM trades WHERE id <= 60 ORDER BY fee, id', ordered: true },
  { name: 'ORDER BY DESC NULLS FIRST', velo: 'SELECT id, fee FROM trades WHERE id <= 60 ORDER BY fee DESC NULLS FIRST, id', ordered: true },
  { name: 'LIMIT after a GROUP BY with ORDER BY', velo: 'SELECT symbol, SUM(qty) AS q FROM trades GROUP BY symbol ORDER BY q DESC LIMIT 3 EMIT FINAL', duck: 'SELECT symbol, SUM(qty) AS q FROM trades GROUP BY symbol ORDER BY q DESC LIMIT 3', ordered: true },
  { name: 'DISTINCT with ORDER BY', velo: 'SELECT DISTINCT symbol FROM trades ORDER BY symbol', ordered: true },
  { name: 'UNION of rows with NULLs removes duplicate NULLs', velo: 'SELECT note FROM trades WHERE id <= 30 UNION SELECT note FROM trades WHERE id > 1400' },
  { name: 'UNION ALL keeps duplicates', velo: 'SELECT symbol, side FROM trades WHERE qty > 490 UNION ALL SELECT symbol, side FROM trades WHERE qty < 5' },
  {
    name: 'the same table file joined twice under two aliases',
    velo: 'SELECT t.id, a.company, b.lot FROM trades t JOIN symbols a ON t.symbol = a.symbol LEFT JOIN symbols b ON t.symbol = b.symbol AND t.qty > b.lot * 100 WHERE t.id <= 120',
  },
  {
    name: 'LEFT JOIN of two files keeps unmatched rows with NULLs',
    velo: 'SELECT t.id, t.symbol, s.company, s.lot FROM trades t LEFT JOIN symbols s ON t.symbol = s.symbol WHERE t.id <= 60',
  },
  {
    name: 'RIGHT JOIN of two files adds unmatched table rows',
    velo: 'SELECT t.id, s.symbol, s.company FROM trades t RIGHT JOIN symbols s ON t.symbol = s.symbol AND t.qty > 495',
  },
  {
    name: 'FULL OUTER JOIN of two files',
    velo: 'SELECT t.id, t.symbol, s.symbol AS s2, s.sector FROM trades t FULL OUTER JOIN symbols s ON t.symbol = s.symbol AND t.qty > 497',
  },
  {
    name: 'a join on a nullable column never matches NULL',
    velo: "SELECT t.id, t.note, x.id AS other FROM trades t JOIN (SELECT id, note FROM trades WHERE id <= 40) x ON t.note = x.note WHERE t.id <= 30",
  },
  {
    name: 'LEFT JOIN on a key that is NULL on the left pads with NULLs',
    velo: 'SELECT t.id, t.note, s.company FROM trades t LEFT JOIN symbols s ON t.note = s.company WHERE t.id <= 40',
  },
  {
    name: 'a join filtered in WHERE on the NULL-padded side',
    velo: 'SELECT t.id, t.symbol FROM trades t LEFT JOIN symbols s ON t.symbol = s.symbol WHERE s.symbol IS NULL AND t.id <= 200',
  },
  {
    name: 'WITH (common table expressions): chained, joined and read in a subquery',
    velo: `WITH big AS (SELECT id, symbol, qty FROM trades WHERE qty > 400),
                tech AS (SELECT symbol FROM symbols WHERE sector = 'Tech')
           SELECT b.id, b.qty, s.company FROM big b JOIN symbols s ON b.symbol = s.symbol WHERE b.symbol IN (SELECT symbol FROM tech)`,
  },
  {
    name: 'WITH an aggregate read in FROM gives its final rows',
    velo: 'WITH per AS (SELECT symbol, SUM(qty) AS q, COUNT(*) AS n FROM trades GROUP BY symbol) SELECT symbol, q, n FROM per WHERE n > 10',
  },
  {
    name: 'WITH an aggregate joined back to its input',
    velo: 'WITH per AS (SELECT symbol, AVG(qty) AS avg_qty FROM trades GROUP BY symbol) SELECT t.id, t.qty, p.avg_qty FROM trades t JOIN per p ON t.symbol = p.symbol WHERE t.qty > p.avg_qty * 1.9',
  },
  { name: 'a self-join of a file on a shifted key', velo: 'SELECT a.id, a.price, b.price AS next_price FROM trades a JOIN trades b ON b.id = a.id + 1 WHERE a.id <= 50' },
  { name: 'SELECT * next to an analytic function', velo: 'SELECT *, ROW_NUMBER() OVER (PARTITION BY sector ORDER BY lot DESC, symbol) AS rn FROM symbols' },
  { name: 'ROW_NUMBER over the whole input in another order', velo: 'SELECT id, ROW_NUMBER() OVER (ORDER BY price DESC, id) AS rn FROM trades WHERE id <= 100' },
  { name: 'ROUND of AVG, CASE in GROUP BY', velo: "SELECT CASE WHEN qty > 250 THEN 'big' ELSE 'small' END AS size, ROUND(AVG(qty), 2) AS avg_qty, ROUND(AVG(price), 2) AS avg_price FROM trades GROUP BY CASE WHEN qty > 250 THEN 'big' ELSE 'small' END EMIT FINAL", duck: "SELECT CASE WHEN qty > 250 THEN 'big' ELSE 'small' END AS size, ROUND(AVG(qty), 2) AS avg_qty, ROUND(AVG(price), 2) AS avg_price FROM trades GROUP BY CASE WHEN qty > 250 THEN 'big' ELSE 'small' END" },
  { name: 'LEFT JOIN with a filter on the right side in ON', velo: "SELECT t.id, s.company FROM trades t LEFT JOIN symbols s ON t.symbol = s.symbol AND s.sector = 'Semis' WHERE t.id <= 60" },
  { name: 'dates compared with date strings and BETWEEN', velo: "SELECT id FROM trades WHERE CAST(ts AS DATE) BETWEEN '2026-11-01' AND '2026-11-02' AND ts BETWEEN '2026-11-02 09:40:00' AND '2026-11-02 09:50:00'" },
];
