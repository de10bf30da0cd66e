-- Nexmark q21: a channel id from the channel name, or from the URL.
CREATE STREAM q21 AS
SELECT auction, bidder, price, channel,
       CASE WHEN LOWER(channel) = 'apple' THEN '0'
            WHEN LOWER(channel) = 'google' THEN '1'
            WHEN LOWER(channel) = 'facebook' THEN '2'
            WHEN LOWER(channel) = 'baidu' THEN '3'
            ELSE SPLIT_PART(url, 'channel_id=', 2) END AS channel_id
FROM bid
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q21.type' = 'file_sink', 'q21.path' = './out/q21.jsonl');
