-- SQL Application: kafka-quickstart
-- Description: large trades from the Kafka topic `trades` to the topic `large_trades`, exact DECIMAL notional values.

-- @name: large_trades
CREATE STREAM large_trades AS
SELECT trade_id,
       symbol PRIMARY KEY,
       side,
       price,
       quantity,
       price * quantity AS notional,
       UPPER(trader) AS trader,
       _partition AS source_partition,
       _offset AS source_offset
FROM trades
WHERE price * quantity >= 10000
WITH (
  'trades.type' = 'kafka_source',
  'trades.bootstrap.servers' = '${KAFKA_BROKERS:localhost:9092}',
  'trades.group.id' = 'kafka-quickstart',
  'trades.auto.offset.reset' = 'earliest',
  'trades.value.format' = 'json',
  'large_trades.type' = 'kafka_sink',
  'large_trades.bootstrap.servers' = '${KAFKA_BROKERS:localhost:9092}',
  'large_trades.acks' = 'all'
);
