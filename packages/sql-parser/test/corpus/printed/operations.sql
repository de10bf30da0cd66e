SHOW STREAMS;

SHOW TABLES LIKE 'user%';

LIST TOPICS;

SHOW FUNCTIONS;

SHOW JOBS LIKE 'trade%';

SHOW STATUS trades_job;

SHOW METRICS;

SHOW VERSIONS trades_job;

SHOW SCHEMA trades;

SHOW PARTITIONS trades;

SHOW PROPERTIES STREAM trades;

DESCRIBE trades;

DESCRIBE TABLE latest_prices;

EXPLAIN SELECT symbol, COUNT(*)
FROM trades
GROUP BY symbol;

EXPLAIN CREATE STREAM x AS
SELECT *
FROM y;

START JOB trades_job AS
SELECT *
FROM trades
WHERE price > 0
WITH ('trades.type' = 'kafka_source');

STOP JOB trades_job;

STOP JOB trades_job FORCE;

PAUSE JOB trades_job;

RESUME JOB trades_job;

DEPLOY JOB trades_job VERSION '2.0' AS
SELECT symbol
FROM trades
STRATEGY CANARY(10);

DEPLOY JOB trades_job VERSION '2.1' AS
SELECT symbol
FROM trades WITH ('trades.type' = 'kafka_source')
STRATEGY BLUE_GREEN;

DEPLOY JOB j VERSION '3' AS
SELECT 1
STRATEGY ROLLING;

ROLLBACK JOB trades_job;

ROLLBACK JOB trades_job VERSION '1.0';

CREATE OR REPLACE STREAM s2 (
  id BIGINT,
  v DOUBLE
) AS
SELECT id, v
FROM s1 WITH ('s2.type' = 'file_sink');

INSERT INTO audit_log (id, what)
SELECT id, 'x'
FROM events;

SELECT
  1 + 2 * 3,
  (1 + 2) * 3,
  2.50,
  1e3,
  -5,
  - -5,
  TRUE,
  FALSE,
  NULL,
  500ms,
  30s,
  2h,
  1d,
  x::DECIMAL(10, 2)::STRING;

SELECT
  CAST(NULL AS STRING),
  CAST('1' AS BIGINT),
  CAST(x AS ARRAY(INT)),
  CAST(y AS MAP(STRING, INT)),
  CAST(z AS INTERVAL);
