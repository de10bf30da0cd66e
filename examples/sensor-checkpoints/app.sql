-- SQL Application: sensor-checkpoints
-- Description: per-minute statistics per sensor over a tailed JSON-lines file, checkpointed every second, so a
-- kill -9 loses nothing: the open minute's counts come back from the checkpoint (docs/operations.md).

CREATE STREAM readings (sensor STRING, temperature DECIMAL(5,1), ts BIGINT)
WITH (
  'type' = 'file_source',
  'path' = './readings.jsonl',
  'format' = 'json',
  'watching' = 'true',
  'polling_interval' = '200ms',
  'event.time.field' = 'ts',
  'watermark.idle.timeout' = '0'
);

-- @name: minute_stats
-- @checkpoint_interval: 1s
CREATE STREAM minute_stats AS
SELECT sensor,
       COUNT(*) AS readings,
       AVG(temperature) AS avg_temperature,
       MAX(temperature) AS max_temperature,
       _window_start AS minute
FROM readings
GROUP BY sensor
WINDOW TUMBLING(INTERVAL '1' MINUTE)
EMIT FINAL
WITH (
  'minute_stats.type' = 'file_sink',
  'minute_stats.path' = './out/minute_stats.jsonl',
  'minute_stats.append' = 'true'
);
