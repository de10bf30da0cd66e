-- Nexmark q11: bids per bidder session (a session ends after 10 s without a bid).
CREATE STREAM q11 AS
SELECT bidder, COUNT(*) AS bid_count, _window_start AS starttime, _window_end AS endtime
FROM bid
GROUP BY bidder
WINDOW SESSION(date_time, 10s)
EMIT FINAL
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q11.type' = 'file_sink', 'q11.path' = './out/q11.jsonl');
