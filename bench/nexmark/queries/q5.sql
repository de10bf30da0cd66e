-- Nexmark q5 (its hopping-window core): bids per auction over 10 s windows advancing every 2 s.
CREATE STREAM q5 AS
SELECT auction, COUNT(*) AS num, _window_start AS starttime, _window_end AS endtime
FROM bid
GROUP BY auction
WINDOW SLIDING(date_time, 10s, 2s)
EMIT FINAL
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q5.type' = 'file_sink', 'q5.path' = './out/q5.jsonl');
