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
];
