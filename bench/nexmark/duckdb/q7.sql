-- Nexmark q7 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT max(price) AS maxprice, (date_time // 10000) * 10000 AS starttime, (date_time // 10000) * 10000 + 10000 AS endtime FROM bids GROUP BY 2, 3
