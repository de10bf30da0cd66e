// A deterministic Nexmark event generator (Person / Auction / Bid in the proportions 1 : 3 : 46) shaped after
// the reference generator of the Nexmark benchmark (Beam / Flink nexmark): ids start at 1000, hot auctions,
// hot bidders and hot sellers, prices 10^(6·u) cents, five categories from 10, auctions that expire. It writes
// three CSV files (persons.csv, auctions.csv, bids.csv) with event times as epoch milliseconds, so Velo TS
// and DuckDB read exactly the same records.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const PERSON_PROPORTION = 1;
const AUCTION_PROPORTION = 3;
const TOTAL_PROPORTION = 50; // 1 person + 3 auctions + 46 bids
const FIRST_PERSON_ID = 1000;
const FIRST_AUCTION_ID = 1000;
const FIRST_CATEGORY_ID = 10;
const NUM_CATEGORIES = 5;
const NUM_ACTIVE_PEOPLE = 1000;
const NUM_IN_FLIGHT_AUCTIONS = 100;
const HOT_AUCTION_RATIO = 100;
const HOT_SELLER_RATIO = 100;
const HOT_BIDDER_RATIO = 100;
const HOT_AUCTIONS = 2; // 1 in 2 bids goes to a hot auction
const HOT_SELLERS = 4;
const HOT_BIDDERS = 4;
const BASE_TIME = Date.UTC(2024, 0, 1);

const US_STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];
const US_CITIES = [
  'Phoenix',
  'Los Angeles',
  'San Francisco',
  'Boise',
  'Portland',
  'Bend',
  'Redmond',
  'Seattle',
  'Kent',
  'Cheyenne',
];
const FIRST_NAMES = ['Peter', 'Paul', 'Luke', 'John', 'Saul', 'Vicky', 'Kate', 'Julie', 'Sarah', 'Deiter', 'Walter'];
const LAST_NAMES = ['Shultz', 'Abrams', 'Spencer', 'White', 'Bartels', 'Walton', 'Smith', 'Jones', 'Noris'];
const CHANNELS = ['Google', 'Facebook', 'Baidu', 'Apple'];

/** A small seeded PRNG (mulberry32): the same seed gives the same events on every machine. */
function seeded(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

const lastBase0PersonId = (eventId) => {
  const epoch = Math.floor(eventId / TOTAL_PROPORTION);
  const offset = Math.min(eventId % TOTAL_PROPORTION, PERSON_PROPORTION - 1);
  return epoch * PERSON_PROPORTION + offset;
};
const lastBase0AuctionId = (eventId) => {
  const epoch = Math.floor(eventId / TOTAL_PROPORTION);
  let offset = eventId % TOTAL_PROPORTION;
  if (offset < PERSON_PROPORTION) return Math.max(0, epoch * AUCTION_PROPORTION - 1);
  offset = Math.min(offset - PERSON_PROPORTION, AUCTION_PROPORTION - 1);
  return epoch * AUCTION_PROPORTION + offset;
};
const nextBase0PersonId = (eventId, rnd) => {
  const numPeople = lastBase0PersonId(eventId) + 1;
  const active = Math.min(numPeople, NUM_ACTIVE_PEOPLE);
  return numPeople - active + rnd.int(active);
};
const nextBase0AuctionId = (eventId, rnd) => {
  const maxAuction = lastBase0AuctionId(eventId);
  const minAuction = Math.max(0, maxAuction - NUM_IN_FLIGHT_AUCTIONS);
  return minAuction + rnd.int(maxAuction - minAuction + 1);
};
const nextPrice = (rnd) => Math.round(Math.pow(10, rnd.next() * 6) * 100);
const nextString = (rnd, maxLength) => {
  const length = 3 + rnd.int(maxLength - 2);
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(97 + rnd.int(26));
  return s;
};
const nextExtra = (rnd) => nextString(rnd, 12);

/**
 * Writes `events` Nexmark events (at `eventsPerSecond` of event time) into `dir`; returns the counts.
 * Event n is a person, an auction or a bid by n mod 50, as in the reference generator.
 */
export function generateNexmark(dir, events, { eventsPerSecond = 10_000, seed = 7 } = {}) {
  const rnd = seeded(seed);
  const files = {
    person: openSync(join(dir, 'persons.csv'), 'w'),
    auction: openSync(join(dir, 'auctions.csv'), 'w'),
    bid: openSync(join(dir, 'bids.csv'), 'w'),
  };
  const chunks = {
    person: 'id,name,email_address,credit_card,city,state,date_time,extra\n',
    auction: 'id,item_name,description,initial_bid,reserve,date_time,expires,seller,category,extra\n',
    bid: 'auction,bidder,price,channel,url,date_time,extra\n',
  };
  const counts = { person: 0, auction: 0, bid: 0 };
  const flush = (kind, force) => {
    if (force || chunks[kind].length > 1 << 20) {
      writeSync(files[kind], chunks[kind]);
      chunks[kind] = '';
    }
  };
  for (let eventId = 0; eventId < events; eventId++) {
    const time = BASE_TIME + Math.floor((eventId * 1000) / eventsPerSecond);
    const offset = eventId % TOTAL_PROPORTION;
    if (offset < PERSON_PROPORTION) {
      const id = lastBase0PersonId(eventId) + FIRST_PERSON_ID;
      const name = `${FIRST_NAMES[rnd.int(FIRST_NAMES.length)]} ${LAST_NAMES[rnd.int(LAST_NAMES.length)]}`;
      const email = `${nextString(rnd, 7)}@${nextString(rnd, 5)}.com`;
      const card = `${1000 + rnd.int(9000)} ${1000 + rnd.int(9000)} ${1000 + rnd.int(9000)} ${1000 + rnd.int(9000)}`;
      chunks.person += `${id},${name},${email},${card},${US_CITIES[rnd.int(US_CITIES.length)]},${US_STATES[rnd.int(US_STATES.length)]},${time},${nextExtra(rnd)}\n`;
      counts.person++;
      flush('person');
    } else if (offset < PERSON_PROPORTION + AUCTION_PROPORTION) {
      const id = lastBase0AuctionId(eventId) + FIRST_AUCTION_ID;
      const seller =
        rnd.int(HOT_SELLERS) > 0
          ? Math.floor(lastBase0PersonId(eventId) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO
          : nextBase0PersonId(eventId, rnd);
      const initialBid = nextPrice(rnd);
      const reserve = initialBid + nextPrice(rnd);
      const expires = time + 1000 + rnd.int(20_000);
      const category = FIRST_CATEGORY_ID + rnd.int(NUM_CATEGORIES);
      chunks.auction += `${id},${nextString(rnd, 20)},${nextString(rnd, 30)},${initialBid},${reserve},${time},${expires},${seller + FIRST_PERSON_ID},${category},${nextExtra(rnd)}\n`;
      counts.auction++;
      flush('auction');
    } else {
      const auction =
        rnd.int(HOT_AUCTIONS) > 0
          ? Math.floor(lastBase0AuctionId(eventId) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO
          : nextBase0AuctionId(eventId, rnd);
      const bidder =
        rnd.int(HOT_BIDDERS) > 0
          ? Math.floor(lastBase0PersonId(eventId) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1
          : nextBase0PersonId(eventId, rnd);
      const channel = CHANNELS[rnd.int(CHANNELS.length)];
      const url = `https://www.nexmark.com/${nextString(rnd, 5)}/item.htm?query=1&channel_id=${rnd.int(1000)}`;
      chunks.bid += `${auction + FIRST_AUCTION_ID},${bidder + FIRST_PERSON_ID},${nextPrice(rnd)},${channel},${url},${time},${nextExtra(rnd)}\n`;
      counts.bid++;
      flush('bid');
    }
  }
  for (const kind of Object.keys(files)) {
    flush(kind, true);
    closeSync(files[kind]);
  }
  return counts;
}
