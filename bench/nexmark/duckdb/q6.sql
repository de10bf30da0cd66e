-- Nexmark q6 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT seller, id, avg(final) OVER (PARTITION BY seller ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS avg_price FROM (
SELECT a.id, a.seller, max(b.price) AS final FROM auctions a JOIN bids b ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.expires GROUP BY a.id, a.seller)
