// The same Nexmark queries in DuckDB's SQL over the same CSV files: the baseline each Velo TS run is compared with.
// Windows are computed by hand (epoch-aligned, half-open) exactly as the Velo TS dialect defines them.
export const duckdbQueries = {
  q0: `SELECT auction, bidder, price, date_time, extra FROM bids`,
  q1: `SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bids`,
  q2: `SELECT auction, price FROM bids WHERE auction % 123 = 0`,
  q3: `SELECT p.name, p.city, p.state, a.id FROM auctions a JOIN persons p ON a.seller = p.id
       WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA')`,
  q4: `SELECT category, avg(final) AS avg_final FROM (
         SELECT a.id, a.category, max(b.price) AS final FROM auctions a JOIN bids b ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.expires GROUP BY a.id, a.category)
       GROUP BY category`,
  q5: `WITH w AS (SELECT auction, unnest(generate_series((date_time // 2000) * 2000 - 8000, (date_time // 2000) * 2000, 2000)) AS ws FROM bids)
       SELECT auction, count(*) AS num, ws AS starttime, ws + 10000 AS endtime FROM w GROUP BY auction, ws`,
  q6: `SELECT seller, id, avg(final) OVER (PARTITION BY seller ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS avg_price FROM (
         SELECT a.id, a.seller, max(b.price) AS final FROM auctions a JOIN bids b ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.expires GROUP BY a.id, a.seller)`,
  q7: `SELECT max(price) AS maxprice, (date_time // 10000) * 10000 AS starttime, (date_time // 10000) * 10000 + 10000 AS endtime FROM bids GROUP BY 2, 3`,
  q8: `SELECT p.id, p.name, a.id AS auction_id, p.date_time AS joined FROM persons p JOIN auctions a
       ON p.id = a.seller AND a.date_time BETWEEN p.date_time AND p.date_time + 10000`,
  q9: `SELECT id, item_name, seller, category, auction, bidder, price, bid_time FROM (
         SELECT a.id, a.item_name, a.seller, a.category, b.auction, b.bidder, b.price, b.date_time AS bid_time,
                row_number() OVER (PARTITION BY a.id ORDER BY b.price DESC, b.date_time ASC, b.bidder ASC) AS rank_in_auction
         FROM auctions a JOIN bids b ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.expires)
       WHERE rank_in_auction = 1`,
  q11: `WITH g AS (SELECT bidder, date_time,
                  CASE WHEN date_time - lag(date_time) OVER (PARTITION BY bidder ORDER BY date_time) < 10000 THEN 0 ELSE 1 END AS fresh
                FROM bids),
        s AS (SELECT bidder, date_time, sum(fresh) OVER (PARTITION BY bidder ORDER BY date_time ROWS UNBOUNDED PRECEDING) AS sid FROM g)
        SELECT bidder, count(*) AS bid_count, min(date_time) AS starttime, max(date_time) + 10000 AS endtime FROM s GROUP BY bidder, sid`,
  q12: `SELECT bidder, count(*) AS bid_count, (date_time // 10000) * 10000 AS starttime, (date_time // 10000) * 10000 + 10000 AS endtime
        FROM bids GROUP BY bidder, 3, 4`,
  q13: `SELECT b.auction, b.bidder, b.price, b.date_time, s.label FROM bids b JOIN side s ON b.auction % 10000 = s.skey`,
  q14: `SELECT auction, bidder, 0.908 * price AS price,
          CASE WHEN hour(epoch_ms(date_time)) >= 8 AND hour(epoch_ms(date_time)) <= 18 THEN 'dayTime'
               WHEN hour(epoch_ms(date_time)) <= 6 OR hour(epoch_ms(date_time)) >= 20 THEN 'nightTime'
               ELSE 'otherTime' END AS bid_time_type, date_time, extra
        FROM bids WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000`,
  q15: `SELECT (date_time // 86400000) * 86400000 AS day_start,
          count(*) AS total_bids,
          sum(CASE WHEN price < 10000 THEN 1 ELSE 0 END) AS rank1_bids,
          sum(CASE WHEN price >= 10000 AND price < 1000000 THEN 1 ELSE 0 END) AS rank2_bids,
          sum(CASE WHEN price >= 1000000 THEN 1 ELSE 0 END) AS rank3_bids,
          count(DISTINCT bidder) AS total_bidders,
          count(DISTINCT CASE WHEN price < 10000 THEN bidder END) AS rank1_bidders,
          count(DISTINCT CASE WHEN price >= 10000 AND price < 1000000 THEN bidder END) AS rank2_bidders,
          count(DISTINCT CASE WHEN price >= 1000000 THEN bidder END) AS rank3_bidders,
          count(DISTINCT auction) AS total_auctions,
          count(DISTINCT CASE WHEN price < 10000 THEN auction END) AS rank1_auctions,
          count(DISTINCT CASE WHEN price >= 10000 AND price < 1000000 THEN auction END) AS rank2_auctions,
          count(DISTINCT CASE WHEN price >= 1000000 THEN auction END) AS rank3_auctions
        FROM bids GROUP BY 1`,
  q16: `SELECT channel, (date_time // 86400000) * 86400000 AS day_start,
          count(*) AS total_bids,
          sum(CASE WHEN price < 10000 THEN 1 ELSE 0 END) AS rank1_bids,
          sum(CASE WHEN price >= 10000 AND price < 1000000 THEN 1 ELSE 0 END) AS rank2_bids,
          sum(CASE WHEN price >= 1000000 THEN 1 ELSE 0 END) AS rank3_bids,
          count(DISTINCT bidder) AS total_bidders,
          count(DISTINCT CASE WHEN price < 10000 THEN bidder END) AS rank1_bidders,
          count(DISTINCT CASE WHEN price >= 10000 AND price < 1000000 THEN bidder END) AS rank2_bidders,
          count(DISTINCT CASE WHEN price >= 1000000 THEN bidder END) AS rank3_bidders,
          count(DISTINCT auction) AS total_auctions,
          count(DISTINCT CASE WHEN price < 10000 THEN auction END) AS rank1_auctions,
          count(DISTINCT CASE WHEN price >= 10000 AND price < 1000000 THEN auction END) AS rank2_auctions,
          count(DISTINCT CASE WHEN price >= 1000000 THEN auction END) AS rank3_auctions
        FROM bids GROUP BY channel, 2`,
  q17: `SELECT auction, count(*) AS total_bids,
          sum(CASE WHEN price < 10000 THEN 1 ELSE 0 END) AS rank1_bids,
          sum(CASE WHEN price >= 10000 AND price < 1000000 THEN 1 ELSE 0 END) AS rank2_bids,
          sum(CASE WHEN price >= 1000000 THEN 1 ELSE 0 END) AS rank3_bids,
          min(price) AS min_price, max(price) AS max_price, sum(price) AS sum_price, (date_time // 86400000) * 86400000 AS day_start
        FROM bids GROUP BY auction, (date_time // 86400000)`,
  q18: `SELECT auction, bidder, price, channel, url, date_time, extra FROM (
          SELECT *, row_number() OVER (PARTITION BY bidder, auction ORDER BY date_time DESC, price DESC) AS rank_number FROM bids)
        WHERE rank_number = 1`,
  q19: `SELECT auction, bidder, price, channel, url, date_time, extra, rank_number FROM (
          SELECT *, row_number() OVER (PARTITION BY auction ORDER BY price DESC, date_time ASC, bidder ASC) AS rank_number FROM bids)
        WHERE rank_number <= 10`,
  q20: `SELECT b.auction, b.bidder, b.price, b.channel, b.date_time, a.item_name, a.initial_bid, a.reserve, a.expires, a.seller, a.category
        FROM bids b JOIN auctions a ON b.auction = a.id AND b.date_time BETWEEN a.date_time AND a.expires WHERE a.category = 10`,
  q21: `SELECT auction, bidder, price, channel,
          CASE WHEN lower(channel) = 'apple' THEN '0' WHEN lower(channel) = 'google' THEN '1'
               WHEN lower(channel) = 'facebook' THEN '2' WHEN lower(channel) = 'baidu' THEN '3'
               ELSE split_part(url, 'channel_id=', 2) END AS channel_id
        FROM bids`,
  q22: `SELECT auction, bidder, price, channel, split_part(url, '/', 4) AS dir1, split_part(url, '/', 5) AS dir2,
          split_part(url, '/', 6) AS dir3 FROM bids`,
};

/** Which input each query reads, for its records/s figure. */
export const queryInputs = {
  q0: ['bid'],
  q1: ['bid'],
  q2: ['bid'],
  q3: ['auction', 'person'],
  q4: ['auction', 'bid'],
  q5: ['bid'],
  q6: ['auction', 'bid'],
  q7: ['bid'],
  q8: ['person', 'auction'],
  q9: ['auction', 'bid'],
  q11: ['bid'],
  q12: ['bid'],
  q13: ['bid'],
  q14: ['bid'],
  q15: ['bid'],
  q16: ['bid'],
  q17: ['bid'],
  q18: ['bid'],
  q19: ['bid'],
  q20: ['bid', 'auction'],
  q21: ['bid'],
  q22: ['bid'],
};
