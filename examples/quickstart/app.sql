-- SQL Application: quickstart
-- Description: large trades from a bundled CSV, with exact DECIMAL notional values.

-- @name: large_trades
CREATE STREAM large_trades AS
SELECT trade_id,
       symbol,
       side,
       price,
       quantity,
       price * quantity AS notional,
       UPPER(trader) AS trader
FROM trades
WHERE price * quantity >= 10000
WITH (
  'trades.type' = 'file_source',
  'trades.path' = './trades.csv',
  'trades.format' = 'csv',
  'large_trades.type' = 'file_sink',
  'large_trades.path' = './out/large_trades.jsonl',
  'large_trades.format' = 'jsonlines'
);

-- An ad-hoc query over the stream above: its rows print to stdout.
SELECT symbol, side, notional, CASE WHEN notional >= 50000 THEN 'whale' ELSE 'large' END AS size_class
FROM large_trades;
