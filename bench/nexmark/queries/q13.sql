-- Nexmark q13: bids joined with a bounded side input (a table keyed 0..9999).
CREATE STREAM q13 AS
SELECT b.auction, b.bidder, b.price, b.date_time, s.label
FROM bid b JOIN side s ON MOD(b.auction, 10000) = s.skey
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'side.type' = 'file_source', 'side.path' = './side.csv', 'q13.type' = 'file_sink', 'q13.path' = './out/q13.jsonl');
