-- Nexmark q4 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT category, avg(final) AS avg_final FROM (
  SELECT a.id, a.category, max(b.price) AS final FROM auctions a JOIN bids b ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.expires GROUP BY a.id, a.category)
GROUP BY category
