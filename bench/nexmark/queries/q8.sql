-- Nexmark q8 (interval form): people who opened an auction within 10 s of joining.
CREATE STREAM q8 AS
SELECT p.id, p.name, a.id AS auction_id, p.date_time AS joined
FROM person p JOIN auction a
  ON p.id = a.seller AND a.date_time BETWEEN p.date_time AND p.date_time + INTERVAL '10' SECOND
WITH ('person.type' = 'nexmark', 'person.table' = 'person', 'person.events' = '${NEXMARK_EVENTS:2000000}', 'person.event.time.field' = 'date_time', 'auction.type' = 'nexmark', 'auction.table' = 'auction', 'auction.events' = '${NEXMARK_EVENTS:2000000}', 'auction.event.time.field' = 'date_time', 'q8.type' = 'file_sink', 'q8.path' = './out/q8.jsonl');
