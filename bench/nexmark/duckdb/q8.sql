-- Nexmark q8 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT p.id, p.name, a.id AS auction_id, p.date_time AS joined FROM persons p JOIN auctions a
ON p.id = a.seller AND a.date_time BETWEEN p.date_time AND p.date_time + 10000
