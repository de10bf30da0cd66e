import { PRODUCTS } from './order-feed.js';

export interface FaultAppOptions {
  readonly bootstrapServers: string;
  /** Checkpoint interval of every job (short, so kills land between, during and after checkpoints). */
  readonly checkpointInterval: string;
  /** Kafka→Kafka in one transaction per checkpoint interval (`-- @job_mode: transactional`); drops the file job. */
  readonly transactional?: boolean | undefined;
}

/** products.csv: the table the windowed job joins. */
export function productsCsv(): string {
  return `product,category\n${PRODUCTS.map(([product, category]) => `${product},${category}`).join('\n')}\n`;
}

/**
 * The app under fault injection. `category_windows`: Kafka `orders` (event time `ts`, ascending
 * watermark, no idle advance so only records close windows) joined with the `products` table, 5 s tumbling windows
 * per category, EMIT FINAL, to Kafka. `heavy_shipments`: a tailed JSON-lines file filtered to Kafka.
 */
export function faultAppSql(options: FaultAppOptions): string {
  const brokers = options.bootstrapServers;
  const windowJob = `
CREATE TABLE products (product STRING PRIMARY KEY, category STRING)
WITH ('type' = 'file_source', 'path' = './products.csv', 'format' = 'csv');

CREATE STREAM orders (order_id BIGINT, product STRING, qty BIGINT, price DECIMAL(10,2), ts BIGINT)
WITH ('type' = 'kafka_source', 'bootstrap.servers' = '${brokers}', 'group.id' = 'fault-orders',
      'event.time.field' = 'ts', 'watermark.strategy' = 'ascending', 'watermark.idle.timeout' = '0');

-- @name: category_windows
-- @checkpoint_interval: ${options.checkpointInterval}
${options.transactional ? '-- @job_mode: transactional\n' : ''}CREATE STREAM category_windows AS
SELECT p.category AS category, COUNT(*) AS orders, SUM(o.qty) AS units, SUM(o.price * o.qty) AS revenue,
       _window_start AS window_start
FROM orders o JOIN products p ON o.product = p.product
GROUP BY p.category
WINDOW TUMBLING(INTERVAL '5' SECOND)
EMIT FINAL
WITH ('category_windows.type' = 'kafka_sink', 'category_windows.bootstrap.servers' = '${brokers}'${
    options.transactional ? ", 'category_windows.enable.idempotence' = 'false'" : ''
  });
`;
  if (options.transactional) return `-- SQL Application: fault-orders-tx\n${windowJob}`;
  return `-- SQL Application: fault-orders
${windowJob}
CREATE STREAM shipments (shipment_id BIGINT, customer STRING, weight BIGINT)
WITH ('type' = 'file_source', 'path' = './shipments.jsonl', 'format' = 'json', 'watching' = 'true', 'polling_interval' = '200ms');

-- @name: heavy_shipments
-- @checkpoint_interval: ${options.checkpointInterval}
CREATE STREAM heavy_shipments AS
SELECT shipment_id, customer, weight * 2 AS doubled FROM shipments WHERE weight >= 10
WITH ('heavy_shipments.type' = 'kafka_sink', 'heavy_shipments.bootstrap.servers' = '${brokers}');
`;
}
