-- SQL Application: kafka-quickstart-load
-- Description: publishes the bundled trades to the Kafka topic `trades`, keyed by symbol.

-- @name: publish_trades
CREATE STREAM trades_topic AS
SELECT trade_id, symbol PRIMARY KEY, side, price, quantity, trader, ts
FROM trades_csv
WITH (
  'trades_csv.type' = 'file_source',
  'trades_csv.path' = './trades.csv',
  'trades_topic.type' = 'kafka_sink',
  'trades_topic.topic' = 'trades',
  'trades_topic.bootstrap.servers' = '${KAFKA_BROKERS:localhost:9092}'
);
