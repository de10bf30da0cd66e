-- Nexmark q4: average closing price per category. An auction closes at its highest bid made between its start
-- and its expiry (auctions last at most 21 s, which bounds the interval join).
CREATE STREAM q4 AS
SELECT category, AVG(final) AS avg_final
FROM (
  SELECT a.id, a.category, MAX(b.price) AS final
  FROM auction a JOIN bid b
    ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.date_time + INTERVAL '21' SECOND
  WHERE b.date_time <= a.expires
  GROUP BY a.id, a.category
  EMIT FINAL
) winning
GROUP BY category
EMIT FINAL
WITH ('auction.type' = 'nexmark', 'auction.table' = 'auction', 'auction.events' = '${NEXMARK_EVENTS:2000000}', 'auction.event.time.field' = 'date_time', 'bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q4.type' = 'file_sink', 'q4.path' = './out/q4.jsonl');
