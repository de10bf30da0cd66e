-- Nexmark q19 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT auction, bidder, price, channel, url, date_time, extra, rank_number FROM (
  SELECT *, row_number() OVER (PARTITION BY auction ORDER BY price DESC, date_time ASC, bidder ASC) AS rank_number FROM bids)
WHERE rank_number <= 10
