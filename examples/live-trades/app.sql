-- SQL Application: live-trades
-- Description: an endless stream of generated trades; running totals per symbol as a table you can look up,
-- and large trades to a file. Deploy it on a velo-sql server (docs/server.md).

-- @name: symbol_totals
-- @metric: symbol_updates_total
-- @metric_labels: symbol
-- @metric_condition: trades > 0
CREATE TABLE symbol_totals AS
SELECT symbol PRIMARY KEY,
       COUNT(*) AS trades,
       SUM(quantity) AS shares,
       MAX(price) AS high
FROM trades
GROUP BY symbol
EMIT CHANGES
WITH (
  'trades.type' = 'generator',
  'trades.rate' = '200',
  'trades.seed' = '42'
);

-- @name: large_trades
CREATE STREAM large_trades AS
SELECT symbol, side, price, quantity, price * quantity AS notional
FROM live
WHERE price * quantity >= 45000
WITH (
  'live.type' = 'generator',
  'live.rate' = '200',
  'live.seed' = '7',
  'large_trades.type' = 'file_sink',
  'large_trades.path' = './out/large_trades.jsonl'
);
