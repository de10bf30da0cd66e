-- Nexmark q18 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT auction, bidder, price, channel, url, date_time, extra FROM (
  SELECT *, row_number() OVER (PARTITION BY bidder, auction ORDER BY date_time DESC, price DESC) AS rank_number FROM bids)
WHERE rank_number = 1
