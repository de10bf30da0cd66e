-- Nexmark q1 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bids
