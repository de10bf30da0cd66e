-- Nexmark q12: bids per bidder in 10 s windows of record time (_timestamp). The dialect has no processing-time
-- window; the nexmark source stamps each record with its generated time, so this is the deterministic form.
CREATE STREAM q12 AS
SELECT bidder, COUNT(*) AS bid_count, _window_start AS starttime, _window_end AS endtime
FROM bid
GROUP BY bidder
WINDOW TUMBLING(_timestamp, 10s)
EMIT FINAL
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q12.type' = 'file_sink', 'q12.path' = './out/q12.jsonl');
