-- SQL Application: trading-windows
-- Description: one-minute OHLC-style bars per symbol over event time, exact DECIMAL averages.

-- @name: bars_1m
CREATE STREAM bars_1m AS
SELECT symbol,
       COUNT(*) AS trades,
       SUM(quantity) AS total_qty,
       AVG(price) AS avg_price,
       MIN(price) AS low,
       MAX(price) AS high,
       SUM(price * quantity) / SUM(quantity) AS vwap,
       _window_start AS window_start,
       _window_end AS window_end
FROM trades
GROUP BY symbol
WINDOW TUMBLING(INTERVAL '1' MINUTE)
EMIT FINAL
WITH (
  'trades.type' = 'file_source',
  'trades.path' = './trades.csv',
  'trades.event.time.field' = 'ts',
  'bars_1m.type' = 'file_sink',
  'bars_1m.path' = './out/bars_1m.jsonl'
);

-- @name: symbol_totals
CREATE TABLE symbol_totals AS
SELECT symbol PRIMARY KEY,
       SUM(quantity) AS total_qty,
       COUNT(*) AS trades
FROM trades
GROUP BY symbol
EMIT FINAL
WITH (
  'trades.type' = 'file_source',
  'trades.path' = './trades.csv',
  'symbol_totals.type' = 'file_sink',
  'symbol_totals.path' = './out/symbol_totals.csv',
  'symbol_totals.format' = 'csv'
);
