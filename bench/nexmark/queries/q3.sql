-- Nexmark q3: local item suggestion: auctions of category 10 by sellers in OR, ID or CA (persons as a table, read from the CSV dump of the same stream).
CREATE STREAM q3 AS
SELECT p.name, p.city, p.state, a.id
FROM auction a JOIN person p ON a.seller = p.id
WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA')
WITH ('auction.type' = 'nexmark', 'auction.table' = 'auction', 'auction.events' = '${NEXMARK_EVENTS:2000000}', 'auction.event.time.field' = 'date_time', 'person.type' = 'file_source', 'person.path' = './persons.csv', 'q3.type' = 'file_sink', 'q3.path' = './out/q3.jsonl');
