-- Nexmark q18: the last bid of each bidder on each auction (ROW_NUMBER deduplication).
CREATE STREAM q18 AS
SELECT auction, bidder, price, channel, url, date_time, extra
FROM (
  SELECT auction, bidder, price, channel, url, date_time, extra,
         ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY date_time DESC, price DESC) AS rank_number
  FROM bid
) latest
WHERE rank_number = 1
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q18.type' = 'file_sink', 'q18.path' = './out/q18.jsonl');
