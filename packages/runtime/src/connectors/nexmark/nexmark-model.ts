import { Schema, SqlTypes } from '@velots/core';

/**
 * The shape of the Nexmark benchmark's event stream, after its reference generator (Beam / Flink nexmark):
 * out of every 50 events 1 is a new person, 3 are new auctions and 46 are bids; ids start at 1000; event n
 * happens at `base + n · 1000 / eventsPerSecond` ms.
 */
export type NexmarkTable = 'person' | 'auction' | 'bid';

export const NEXMARK_TABLES: readonly NexmarkTable[] = ['person', 'auction', 'bid'];

export const PERSON_PROPORTION = 1;
export const AUCTION_PROPORTION = 3;
export const BID_PROPORTION = 46;
export const TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;
export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;
export const NUM_CATEGORIES = 5;
/** Bids and auctions pick people among the most recent ones, and bids pick among the auctions in flight. */
export const NUM_ACTIVE_PEOPLE = 1000;
export const NUM_IN_FLIGHT_AUCTIONS = 100;
/** Hot items: ids rounded down to a multiple of 100; 1 in 2 bids goes to a hot auction, 3 in 4 to a hot bidder, 3 in 4 auctions to a hot seller. */
export const HOT_ID_RATIO = 100;
export const HOT_AUCTION_ODDS = 2;
export const HOT_BIDDER_ODDS = 4;
export const HOT_SELLER_ODDS = 4;
/** Event time of event 0: 2024-01-01T00:00:00Z. */
export const NEXMARK_BASE_TIME = Date.UTC(2024, 0, 1);

const proportionOf: Record<NexmarkTable, number> = { person: PERSON_PROPORTION, auction: AUCTION_PROPORTION, bid: BID_PROPORTION };
const offsetOf: Record<NexmarkTable, number> = { person: 0, auction: PERSON_PROPORTION, bid: PERSON_PROPORTION + AUCTION_PROPORTION };

/** The event id of the `n`-th (0-based) event of one table. */
export function nexmarkEventId(table: NexmarkTable, n: number): number {
  const proportion = proportionOf[table];
  return Math.floor(n / proportion) * TOTAL_PROPORTION + offsetOf[table] + (n % proportion);
}

/** How many of the first `events` events belong to a table. */
export function nexmarkTableCount(table: NexmarkTable, events: number): number {
  const whole = Math.floor(events / TOTAL_PROPORTION) * proportionOf[table];
  const rest = events % TOTAL_PROPORTION;
  return whole + Math.min(proportionOf[table], Math.max(0, rest - offsetOf[table]));
}

/** The 0-based id of the newest person at an event (the person events so far, minus one). */
export function lastBase0PersonId(eventId: number): number {
  const epoch = Math.floor(eventId / TOTAL_PROPORTION);
  const offset = Math.min(eventId % TOTAL_PROPORTION, PERSON_PROPORTION - 1);
  return epoch * PERSON_PROPORTION + offset;
}

/** The 0-based id of the newest auction at an event. */
export function lastBase0AuctionId(eventId: number): number {
  const epoch = Math.floor(eventId / TOTAL_PROPORTION);
  const offset = eventId % TOTAL_PROPORTION;
  if (offset < PERSON_PROPORTION) return Math.max(0, epoch * AUCTION_PROPORTION - 1);
  return epoch * AUCTION_PROPORTION + Math.min(offset - PERSON_PROPORTION, AUCTION_PROPORTION - 1);
}

const ts = SqlTypes.TIMESTAMP;
const big = SqlTypes.BIGINT;
const text = SqlTypes.STRING;

/** The columns of each table, in the order the reference generator's classes declare them. */
export const NEXMARK_SCHEMAS: Readonly<Record<NexmarkTable, Schema>> = {
  person: Schema.of(['id', big], ['name', text], ['email_address', text], ['credit_card', text], ['city', text], ['state', text], ['date_time', ts], ['extra', text]),
  auction: Schema.of(
    ['id', big], ['item_name', text], ['description', text], ['initial_bid', big], ['reserve', big], ['date_time', ts],
    ['expires', ts], ['seller', big], ['category', big], ['extra', text],
  ),
  bid: Schema.of(['auction', big], ['bidder', big], ['price', big], ['channel', text], ['url', text], ['date_time', ts], ['extra', text]),
};
