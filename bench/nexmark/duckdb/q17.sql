-- Nexmark q17 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT auction, count(*) AS total_bids,
  sum(CASE WHEN price < 10000 THEN 1 ELSE 0 END) AS rank1_bids,
  sum(CASE WHEN price >= 10000 AND price < 1000000 THEN 1 ELSE 0 END) AS rank2_bids,
  sum(CASE WHEN price >= 1000000 THEN 1 ELSE 0 END) AS rank3_bids,
  min(price) AS min_price, max(price) AS max_price, sum(price) AS sum_price, (date_time // 86400000) * 86400000 AS day_start
FROM bids GROUP BY auction, (date_time // 86400000)
