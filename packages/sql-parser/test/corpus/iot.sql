-- @app: iot_monitoring
-- @version: 1.0.3
-- @observability.tracing.enabled: false

CREATE STREAM sensor_readings (
  device_id STRING NOT NULL PRIMARY KEY,
  `reading ts` TIMESTAMP,
  temperature DECIMAL(6, 2),
  humidity DOUBLE,
  battery INT,
  tags ARRAY<STRING>,
  attrs MAP(STRING, DOUBLE),
  location STRUCT(lat DOUBLE, lon DOUBLE),
  raw VARCHAR(200),
  score SCALED_INTEGER,
  amount NUMERIC
) WITH ('sensor_readings.type' = 'kafka_source', 'sensor_readings.topic' = 'sensors', 'sensor_readings.format' = 'avro');

CREATE TABLE devices (id BIGINT, site TEXT, installed DATE, active BOOL, PRIMARY KEY (id))
WITH ('devices.type' = 'file_source', 'devices.path' = './devices.csv');

-- @name: device_sessions
CREATE STREAM IF NOT EXISTS device_sessions AS
SELECT device_id, COUNT(*) AS readings, MIN(temperature) AS min_t, MAX(temperature) AS max_t,
       _window_start AS session_start, _window_end AS session_end
FROM sensor_readings
GROUP BY device_id
WINDOW SESSION(`reading ts`, INTERVAL '30' SECOND, device_id)
EMIT FINAL
WITH ('device_sessions.type' = 'file_sink', 'device_sessions.path' = './out/sessions.jsonl', 'device_sessions.format' = 'jsonlines');

CREATE STREAM hot_devices AS
SELECT r.device_id, d.site, r.temperature,
       r.temperature * 9 / 5 + 32 AS fahrenheit,
       COALESCE(r.humidity, 0.0) AS humidity,
       EXTRACT(HOUR FROM r.`reading ts`) AS hour_of_day,
       EXTRACT('dow', r.`reading ts`) AS dow,
       DATE_FORMAT(r.`reading ts`, '%Y-%m-%d') AS day,
       r.battery % 10 AS battery_bucket,
       -r.battery AS neg_battery,
       NOT r.battery > 20 AS low_battery
FROM sensor_readings r
JOIN devices d ON r.device_id = d.id
WHERE r.temperature > 40.00 AND d.active IS TRUE AND r.humidity IS NOT DISTINCT FROM r.humidity
WINDOW HOPPING(INTERVAL 10 MINUTES, 1m)
WITH ('hot_devices.type' = 'kafka_sink');

SELECT key, value, timestamp, date, window, status, type, name
FROM kv_store
WHERE key IS NOT NULL AND value <> '' AND NOT (status = 'dead' OR type IS NULL);

SELECT device_id, TUMBLE_START(_event_time, INTERVAL '1' HOUR) AS hour_start, APPROX_COUNT_DISTINCT(raw) AS uniq
FROM sensor_readings
WINDOW TUMBLING(3600)
GROUP BY device_id, TUMBLE_START(_event_time, INTERVAL '1' HOUR);

DROP STREAM IF EXISTS old_readings;
DROP TABLE devices_v1;
