-- Nexmark q5 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
WITH w AS (SELECT auction, unnest(generate_series((date_time // 2000) * 2000 - 8000, (date_time // 2000) * 2000, 2000)) AS ws FROM bids)
SELECT auction, count(*) AS num, ws AS starttime, ws + 10000 AS endtime FROM w GROUP BY auction, ws
