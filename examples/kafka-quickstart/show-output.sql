-- SQL Application: kafka-quickstart-show
-- Description: prints what arrived on the topic `large_trades` (key, partition, offset and value columns).

SELECT _key AS message_key, _partition AS kafka_partition, _offset AS kafka_offset, trade_id, symbol, notional, trader
FROM large_trades
WITH (
  'large_trades.type' = 'kafka_source',
  'large_trades.bootstrap.servers' = '${KAFKA_BROKERS:localhost:9092}',
  'large_trades.group.id' = 'kafka-quickstart-show'
);
