-- Nexmark q17: per auction and day, bid counts by price band and price statistics.
CREATE STREAM q17 AS
SELECT auction, COUNT(*) AS total_bids,
       SUM(CASE WHEN price < 10000 THEN 1 ELSE 0 END) AS rank1_bids,
       SUM(CASE WHEN price >= 10000 AND price < 1000000 THEN 1 ELSE 0 END) AS rank2_bids,
       SUM(CASE WHEN price >= 1000000 THEN 1 ELSE 0 END) AS rank3_bids,
       MIN(price) AS min_price, MAX(price) AS max_price, SUM(price) AS sum_price,
       _window_start AS day_start
FROM bid
GROUP BY auction
WINDOW TUMBLING(date_time, 1d)
EMIT FINAL
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q17.type' = 'file_sink', 'q17.path' = './out/q17.jsonl');
