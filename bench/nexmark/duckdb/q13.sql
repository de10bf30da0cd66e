-- Nexmark q13 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT b.auction, b.bidder, b.price, b.date_time, s.label FROM bids b JOIN side s ON b.auction % 10000 = s.skey
