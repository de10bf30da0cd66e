-- Nexmark q3 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT p.name, p.city, p.state, a.id FROM auctions a JOIN persons p ON a.seller = p.id
WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA')
