-- Nexmark q0: pass-through of every bid.
CREATE STREAM q0 AS
SELECT auction, bidder, price, date_time, extra FROM bid
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q0.type' = 'file_sink', 'q0.path' = './out/q0.jsonl');
