-- Nexmark q19: the ten highest bids of each auction (ROW_NUMBER top-N).
CREATE STREAM q19 AS
SELECT auction, bidder, price, channel, url, date_time, extra, rank_number
FROM (
  SELECT auction, bidder, price, channel, url, date_time, extra,
         ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC, date_time ASC, bidder ASC) AS rank_number
  FROM bid
) ranked
WHERE rank_number <= 10
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q19.type' = 'file_sink', 'q19.path' = './out/q19.jsonl');
