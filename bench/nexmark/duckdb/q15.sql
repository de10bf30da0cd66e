-- Nexmark q15 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT (date_time // 86400000) * 86400000 AS day_start,
  count(*) AS total_bids,
  sum(CASE WHEN price < 10000 THEN 1 ELSE 0 END) AS rank1_bids,
  sum(CASE WHEN price >= 10000 AND price < 1000000 THEN 1 ELSE 0 END) AS rank2_bids,
  sum(CASE WHEN price >= 1000000 THEN 1 ELSE 0 END) AS rank3_bids,
  count(DISTINCT bidder) AS total_bidders,
  count(DISTINCT CASE WHEN price < 10000 THEN bidder END) AS rank1_bidders,
  count(DISTINCT CASE WHEN price >= 10000 AND price < 1000000 THEN bidder END) AS rank2_bidders,
  count(DISTINCT CASE WHEN price >= 1000000 THEN bidder END) AS rank3_bidders,
  count(DISTINCT auction) AS total_auctions,
  count(DISTINCT CASE WHEN price < 10000 THEN auction END) AS rank1_auctions,
  count(DISTINCT CASE WHEN price >= 10000 AND price < 1000000 THEN auction END) AS rank2_auctions,
  count(DISTINCT CASE WHEN price >= 1000000 THEN auction END) AS rank3_auctions
FROM bids GROUP BY 1
