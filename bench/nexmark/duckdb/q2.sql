-- Nexmark q2 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT auction, price FROM bids WHERE auction % 123 = 0
