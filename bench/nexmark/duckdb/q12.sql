-- Nexmark q12 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT bidder, count(*) AS bid_count, (date_time // 10000) * 10000 AS starttime, (date_time // 10000) * 10000 + 10000 AS endtime
FROM bids GROUP BY bidder, 3, 4
