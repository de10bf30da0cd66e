-- Nexmark q10: every bid written to files partitioned by its event date and minute (dt, hm), as Flink's filesystem sink PARTITIONED BY (dt, hm).
CREATE STREAM q10 AS
SELECT auction, bidder, price, date_time, extra, DATE_FORMAT(date_time, '%Y-%m-%d') AS dt, DATE_FORMAT(date_time, '%H:%M') AS hm FROM bid
WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '${NEXMARK_EVENTS:2000000}', 'bid.event.time.field' = 'date_time', 'q10.type' = 'file_sink', 'q10.path' = './out/q10/dt={dt}/hm={hm}/part.jsonl');
