-- Nexmark q6: average selling price per seller over its last 10 closed auctions (a ROWS window).
CREATE STREAM q6 AS
SELECT seller, id, AVG(final) OVER (PARTITION BY seller ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS avg_price
FROM (
  SELECT a.id, a.seller, MAX(b.price) AS final
  FROM auction a JOIN bid b
    ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.date_time + INTERVAL '21' SECOND
  WHERE b.date_time <= a.expires
  GROUP BY a.id, a.seller
  EMIT FINAL
) winning
WITH ('auction.type' = 'nexmark', 'auction.table' = 'auction', 'auction.events' = '${NEXMARK_EVENTS:2000000}', 'auction.event.time.field' = 'date_time', 'bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q6.type' = 'file_sink', 'q6.path' = './out/q6.jsonl');
