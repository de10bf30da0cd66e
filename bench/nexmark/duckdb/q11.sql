-- Nexmark q11 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
WITH g AS (SELECT bidder, date_time,
          CASE WHEN date_time - lag(date_time) OVER (PARTITION BY bidder ORDER BY date_time) < 10000 THEN 0 ELSE 1 END AS fresh
        FROM bids),
s AS (SELECT bidder, date_time, sum(fresh) OVER (PARTITION BY bidder ORDER BY date_time ROWS UNBOUNDED PRECEDING) AS sid FROM g)
SELECT bidder, count(*) AS bid_count, min(date_time) AS starttime, max(date_time) + 10000 AS endtime FROM s GROUP BY bidder, sid
