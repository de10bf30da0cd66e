-- Nexmark q20 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT b.auction, b.bidder, b.price, b.channel, b.date_time, a.item_name, a.initial_bid, a.reserve, a.expires, a.seller, a.category
FROM bids b JOIN auctions a ON b.auction = a.id AND b.date_time BETWEEN a.date_time AND a.expires WHERE a.category = 10
