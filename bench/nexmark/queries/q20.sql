-- Nexmark q20: bids joined with their auction while it is open, for auctions of category 10.
CREATE STREAM q20 AS
SELECT b.auction, b.bidder, b.price, b.channel, b.date_time, a.item_name, a.initial_bid, a.reserve, a.expires, a.seller, a.category
FROM bid b JOIN auction a
  ON b.auction = a.id AND b.date_time BETWEEN a.date_time AND a.date_time + INTERVAL '21' SECOND
WHERE b.date_time <= a.expires AND a.category = 10
WITH ('auction.type' = 'nexmark', 'auction.table' = 'auction', 'auction.events' = '${NEXMARK_EVENTS:2000000}', 'auction.event.time.field' = 'date_time', 'bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q20.type' = 'file_sink', 'q20.path' = './out/q20.jsonl');
