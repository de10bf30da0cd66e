-- Nexmark q10 in DuckDB SQL over the CSV dump of the same stream: every bid with its partition columns dt and hm; the
-- comparison groups these rows by the file q10's path template names (dt={dt}/hm={hm}/part.jsonl) and checks each file.
SELECT auction, bidder, price, date_time, extra,
  strftime(epoch_ms(date_time), '%Y-%m-%d') AS dt, strftime(epoch_ms(date_time), '%H:%M') AS hm
FROM bids
