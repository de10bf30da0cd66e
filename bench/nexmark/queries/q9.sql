-- Nexmark q9: the winning bid of each auction: its highest bid between start and expiry, the earliest on a tie.
CREATE STREAM q9 AS
SELECT id, item_name, seller, category, auction, bidder, price, bid_time
FROM (
  SELECT a.id, a.item_name, a.seller, a.category, b.auction, b.bidder, b.price, b.date_time AS bid_time,
         ROW_NUMBER() OVER (PARTITION BY a.id ORDER BY b.price DESC, b.date_time ASC, b.bidder ASC) AS rank_in_auction
  FROM auction a JOIN bid b
    ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.date_time + INTERVAL '21' SECOND
  WHERE b.date_time <= a.expires
) ranked
WHERE rank_in_auction = 1
WITH ('auction.type' = 'nexmark', 'auction.table' = 'auction', 'auction.events' = '${NEXMARK_EVENTS:2000000}', 'auction.event.time.field' = 'date_time', 'bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q9.type' = 'file_sink', 'q9.path' = './out/q9.jsonl');
