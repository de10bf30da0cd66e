-- Nexmark q9 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT id, item_name, seller, category, auction, bidder, price, bid_time FROM (
  SELECT a.id, a.item_name, a.seller, a.category, b.auction, b.bidder, b.price, b.date_time AS bid_time,
         row_number() OVER (PARTITION BY a.id ORDER BY b.price DESC, b.date_time ASC, b.bidder ASC) AS rank_in_auction
  FROM auctions a JOIN bids b ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.expires)
WHERE rank_in_auction = 1
