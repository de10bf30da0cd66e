-- Nexmark q7 (its windowed core): the highest bid of every 10 s tumbling window.
CREATE STREAM q7 AS
SELECT MAX(price) AS maxprice, _window_start AS starttime, _window_end AS endtime
FROM bid
WINDOW TUMBLING(date_time, 10s)
EMIT FINAL
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q7.type' = 'file_sink', 'q7.path' = './out/q7.jsonl');
