-- SQL Application: clickstream
-- Version: 3.0.0

-- @job_mode: adaptive

CREATE STREAM page_views_enriched AS
SELECT v.user_id, v.url, u.country,
       UPPER(TRIM(v.referrer)) AS referrer,
       SUBSTRING(v.url, 1, 20) AS url_prefix,
       v.url || '?utm=' || COALESCE(v.campaign, 'none') AS tagged_url,
       POSITION('/' IN v.url) AS first_slash,
       POSITION('x', v.url, 2) AS x_pos,
       JSON_VALUE(v.payload, '$.items[0].sku') AS first_sku,
       REGEXP_REPLACE(v.url, '[0-9]+', '#', 'g') AS url_shape,
       CASE v.device WHEN 'ios' THEN 'mobile' WHEN 'android' THEN 'mobile' ELSE 'desktop' END AS platform,
       CURRENT_TIMESTAMP AS seen_at,
       NOW() - v._event_time AS lag_ms,
       'it''s' AS quote_test,
       "double quoted" AS dq
FROM page_views AS v
INNER JOIN users u ON v.user_id = u.id AND u.tier = ANY (SELECT tier FROM tiers WHERE enabled)
WHERE v.url ILIKE '%checkout%' ESCAPE '\' AND v.user_id NOT IN (SELECT user_id FROM blocked_users)
  AND EXISTS (SELECT 1 FROM users x WHERE x.id = v.user_id)
  AND v.status NOT LIKE 'bot%'
WITH ('page_views.type' = 'kafka_source', 'page_views_enriched.type' = 'kafka_sink');

CREATE TABLE user_activity AS
SELECT user_id PRIMARY KEY,
       COUNT(*) FILTER (WHERE url LIKE '%cart%') AS cart_views,
       COUNT_DISTINCT(url) AS distinct_pages,
       STRING_AGG(url, ',') AS path,
       ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY _event_time) AS rn,
       RANK() OVER () AS global_rank,
       SUM(duration_ms) OVER (PARTITION BY user_id ORDER BY _event_time RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS hour_time,
       FIRST_VALUE(url) OVER (PARTITION BY user_id ORDER BY _event_time ROWS UNBOUNDED PRECEDING) AS landing
FROM page_views
GROUP BY user_id
EMIT CHANGES;

SELECT DISTINCT a.session_id
FROM page_views a
FULL OUTER JOIN checkouts c ON a.session_id = c.session_id WITHIN INTERVAL '30' MINUTE
RIGHT OUTER JOIN carts k USING (session_id)
WHERE c.amount >= ALL (SELECT amount FROM refunds) OR a.x = SOME (1, 2, 3)
UNION ALL
SELECT session_id FROM mobile_views
UNION
SELECT session_id FROM (SELECT session_id FROM legacy_views WHERE ok) lv;

SELECT b.user_id FROM page_views a LEFT OUTER JOIN bounces b ON a.id = b.id AND b.t BETWEEN a.t - INTERVAL '10' SECOND AND a.t + INTERVAL '10' SECOND;

SELECT * FROM page_views WHERE (SELECT MAX(ts) FROM page_views) - ts < 60000 LIMIT 10;

SELECT a.*, 1 FROM page_views a;
