-- Nexmark q21 in DuckDB SQL over the CSV dump of the same stream (the baseline and the reference result).
SELECT auction, bidder, price, channel,
  CASE WHEN lower(channel) = 'apple' THEN '0' WHEN lower(channel) = 'google' THEN '1'
       WHEN lower(channel) = 'facebook' THEN '2' WHEN lower(channel) = 'baidu' THEN '3'
       ELSE split_part(url, 'channel_id=', 2) END AS channel_id
FROM bids
