-- Nexmark q0 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT auction, bidder, price, date_time, extra FROM bids
