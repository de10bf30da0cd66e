-- SQL Application: trading_analytics
-- Version: 2.1.0
-- Description: Market data aggregation and risk alerts
-- Author: quant-team
-- Dependencies: market_data, positions
-- Tag: team: trading
-- @app: trading
-- @phase: production
-- @sla.latency.p99: 50ms
-- @observability.metrics.enabled: true
-- @observability.profiling.enabled: dev
-- @deployment.region: ${REGION:eu-west-1}
-- @job_mode: transactional
-- @batch_size: 500

-- @name: trades_agg_job
-- @metric: velo_trades_total
-- @metric_type: counter
-- @metric_help: "Trades per symbol"
-- @metric_labels: symbol
CREATE STREAM trades_agg AS
SELECT symbol, SUM(quantity) AS total_qty, AVG(price) AS avg_price
FROM trades
GROUP BY symbol
WINDOW TUMBLING(INTERVAL '1' MINUTE)
EMIT FINAL;

-- @metric: velo_price_gauge
-- @metric_type: gauge
-- @metric_field: last_price
-- @metric_labels: symbol, exchange
-- @metric_condition: last_price > 0 AND symbol <> 'TEST'
-- @metric_sample_rate: 0.5
-- @metric: velo_trade_size
-- @metric_type: histogram
-- @metric_field: total_qty
-- @metric_buckets: 10, 100, 1000
-- @partitioning_strategy: always_hash
-- @num_partitions: 8
-- Property: trace.sample=0.1
CREATE TABLE latest_prices AS
SELECT
  symbol PRIMARY KEY,
  exchange AS ex PRIMARY KEY,
  LAST_VALUE(price) AS last_price,
  SUM(quantity) AS total_qty,
  COUNT(*) AS trades,
  COUNT(DISTINCT account) AS accounts,
  MAX(price) - MIN(price) AS spread,
  CAST(AVG(price) AS DECIMAL(18, 4)) AS avg_price,
  _window_start AS window_start,
  _window_end AS window_end
FROM 'kafka://localhost:9092/market_trades' AS t WITH (event.time.field = ts, 'event.time.format' = 'epoch_millis')
WHERE price > 0.00 AND quantity BETWEEN 1 AND 1000000 AND exchange IN ('NYSE', 'NASDAQ')
GROUP BY symbol, exchange
WINDOW SLIDING(ts, 5m, 1m)
HAVING COUNT(*) >= 2
EMIT CHANGES
WITH ('latest_prices.type' = 'kafka_sink', 'latest_prices.topic' = 'prices_v2', 'watermark.max_out_of_orderness' = '5s');

CREATE STREAM price_alerts AS
SELECT
  t.symbol,
  t.price,
  p.avg_price,
  (t.price - p.avg_price) / p.avg_price * 100 AS deviation_pct,
  CASE WHEN t.price > p.avg_price * 1.05 THEN 'HIGH' WHEN t.price < p.avg_price * 0.95 THEN 'LOW' ELSE 'NORMAL' END AS signal,
  LAG(t.price, 1, 0) OVER (ROWS WINDOW BUFFER 100 ROWS PARTITION BY t.symbol ORDER BY t._event_time EMIT EVERY RECORD) AS prev_price,
  AVG(t.price) OVER (ROWS WINDOW BUFFER 50 ROWS PARTITION BY t.symbol ORDER BY t.ts ROWS BETWEEN 9 PRECEDING AND CURRENT ROW EXPIRE AFTER INTERVAL '10' MINUTE INACTIVITY) AS ma10
FROM trades AS t
LEFT JOIN latest_prices AS p ON t.symbol = p.symbol
WHERE ABS(t.price - p.avg_price) > 0.5 OR p.avg_price IS NULL
EMIT CHANGES
WITH ('trades.type' = 'kafka_source', 'price_alerts.type' = 'file_sink', 'price_alerts.path' = './out/alerts.jsonl');

SELECT symbol, price, quantity * price AS notional
FROM trades
WHERE symbol LIKE 'A%' AND price::DOUBLE > 10.5e0
ORDER BY notional DESC NULLS LAST, symbol
LIMIT 100
EMIT CHANGES
INTO 'file://./out/big_trades.csv'
WITH ('trades.type' = 'kafka_source');

INSERT INTO risk_sink
SELECT
  account,
  SUM(quantity * price) AS exposure,
  STDDEV(price) AS vol,
  PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY price) AS p95
FROM positions
GROUP BY account
WINDOW TUMBLING(_event_time, 1h)
WITH ('positions.type' = 'file_source', 'positions.path' = './data/positions.csv', 'risk_sink.type' = 'file_sink');
