-- SQL Application: order-insights
-- Description: derived tables, correlated subqueries, CROSS JOIN, named windows and date literals over CSV files.

-- Orders of known customers above their own average, with how many orders they placed (correlated subqueries).
-- @name: notable_orders
CREATE STREAM notable_orders AS
SELECT order_id, customer, amount,
       (SELECT COUNT(*) FROM orders o2 WHERE o2.customer = o.customer) AS customer_orders
FROM orders o
WHERE EXISTS (SELECT 1 FROM customers c WHERE c.customer = o.customer)
  AND o.amount > (SELECT AVG(o3.amount) FROM orders o3 WHERE o3.customer = o.customer)
WITH (
  'orders.type' = 'file_source', 'orders.path' = './orders.csv',
  'customers.type' = 'file_source', 'customers.path' = './customers.csv',
  'notable_orders.type' = 'file_sink', 'notable_orders.path' = './out/notable_orders.jsonl'
);

-- Spend per customer from a derived table, joined to each customer's limit; orders since a DATE literal only.
-- @name: spend_vs_limit
CREATE STREAM spend_vs_limit AS
SELECT c.customer, c.tier, s.spent, c.credit_limit - s.spent AS headroom
FROM customers c
JOIN (SELECT customer, SUM(amount) AS spent FROM orders WHERE CAST(ordered_at AS DATE) >= DATE '2024-03-02' GROUP BY customer) s
  ON s.customer = c.customer
WITH (
  'orders.type' = 'file_source', 'orders.path' = './orders.csv',
  'customers.type' = 'file_source', 'customers.path' = './customers.csv',
  'spend_vs_limit.type' = 'file_sink', 'spend_vs_limit.path' = './out/spend_vs_limit.jsonl'
);

-- A running total per region over a named window, and every order paired with every sales channel (CROSS JOIN).
SELECT o.order_id, o.region, ch.channel,
       SUM(o.amount) OVER w AS region_running_total,
       ROW_NUMBER() OVER w AS region_order_no
FROM orders o
CROSS JOIN channels ch
WHERE o.ordered_at < TIMESTAMP '2024-03-02 00:00:00' AND ch.channel = 'web'
WINDOW w AS (PARTITION BY o.region ORDER BY o.ordered_at)
WITH (
  'orders.type' = 'file_source', 'orders.path' = './orders.csv',
  'channels.type' = 'file_source', 'channels.path' = './channels.csv'
);
