-- Nexmark q14 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT auction, bidder, 0.908 * price AS price,
  CASE WHEN hour(epoch_ms(date_time)) >= 8 AND hour(epoch_ms(date_time)) <= 18 THEN 'dayTime'
       WHEN hour(epoch_ms(date_time)) <= 6 OR hour(epoch_ms(date_time)) >= 20 THEN 'nightTime'
       ELSE 'otherTime' END AS bid_time_type, date_time, extra
FROM bids WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000
