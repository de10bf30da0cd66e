-- SQL Application: iot-alerts
-- Description: classify sensor readings from a JSON-lines file; malformed lines go to a dead-letter file.

-- @name: device_alerts
CREATE STREAM device_alerts AS
SELECT device,
       UPPER(site) AS site,
       temperature,
       CASE
         WHEN temperature >= 40 THEN 'critical'
         WHEN temperature >= 35 THEN 'hot'
         WHEN temperature < 0 THEN 'freezing'
         ELSE 'ok'
       END AS status,
       battery < 0.15 AS low_battery,
       ts AS _event_time
FROM readings
WHERE temperature IS NOT NULL
  AND (temperature >= 35 OR temperature < 0 OR battery < 0.15)
WITH (
  'readings.type' = 'file_source',
  'readings.path' = './readings.jsonl',
  'readings.format' = 'jsonlines',
  'device_alerts.type' = 'file_sink',
  'device_alerts.path' = './out/device_alerts.jsonl',
  'device_alerts.format' = 'jsonlines',
  'failure_strategy' = 'SendToDLQ',
  'dead.letter.queue.sink' = 'bad_readings',
  'bad_readings.type' = 'file_sink',
  'bad_readings.path' = './out/bad_readings.jsonl'
);
