-- Nexmark q1: currency conversion (dollars to euros) of every bid, exact DECIMAL arithmetic.
CREATE STREAM q1 AS
SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q1.type' = 'file_sink', 'q1.path' = './out/q1.jsonl');
