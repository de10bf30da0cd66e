-- Nexmark q2: selection of the bids on a few auctions.
CREATE STREAM q2 AS
SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q2.type' = 'file_sink', 'q2.path' = './out/q2.jsonl');
