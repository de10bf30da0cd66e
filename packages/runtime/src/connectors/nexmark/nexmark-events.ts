import type { Row } from '@velots/core';
import { SeededRandom } from '../generator/seeded-random.js';
import { nexmarkPrice, preparePriceTables } from './nexmark-price.js';
import {
  FIRST_AUCTION_ID, FIRST_CATEGORY_ID, FIRST_PERSON_ID, HOT_AUCTION_ODDS, HOT_BIDDER_ODDS, HOT_ID_RATIO, HOT_SELLER_ODDS,
  NEXMARK_BASE_TIME, NUM_ACTIVE_PEOPLE, NUM_CATEGORIES, NUM_IN_FLIGHT_AUCTIONS, lastBase0AuctionId, lastBase0PersonId,
  type NexmarkTable,
} from './nexmark-model.js';

const US_STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];
const US_CITIES = ['Phoenix', 'Los Angeles', 'San Francisco', 'Boise', 'Portland', 'Bend', 'Redmond', 'Seattle', 'Kent', 'Cheyenne'];
const FIRST_NAMES = ['Peter', 'Paul', 'Luke', 'John', 'Saul', 'Vicky', 'Kate', 'Julie', 'Sarah', 'Deiter', 'Walter'];
const LAST_NAMES = ['Shultz', 'Abrams', 'Spencer', 'White', 'Bartels', 'Walton', 'Smith', 'Jones', 'Noris'];
const CHANNELS = ['Google', 'Facebook', 'Baidu', 'Apple'];

export interface NexmarkEventOptions {
  /** Events per second of event time (default 10 000: event n at base + n/10 ms). */
  readonly eventsPerSecond?: number | undefined;
  readonly seed?: number | undefined;
}

/**
 * Makes the row of any Nexmark event from its id alone: the random draws of event n come from a generator
 * seeded with (seed, n), so a table's rows can be produced without the other tables' events, resumed at any
 * record in O(1), and are the same whatever the batch size.
 */
export class NexmarkEvents {
  private readonly random = new SeededRandom(0);
  private readonly seed: number;
  private readonly msPerEvent: number;
  /** Per table, the string columns to make; the others are NULL, their random draws still taken (see readColumns). */
  private readonly made: Record<NexmarkTable, boolean[]> = {
    person: new Array<boolean>(8).fill(true),
    auction: new Array<boolean>(10).fill(true),
    bid: new Array<boolean>(7).fill(true),
  };

  constructor(options: NexmarkEventOptions = {}) {
    this.seed = options.seed ?? 7;
    this.msPerEvent = 1000 / (options.eventsPerSecond ?? 10_000);
    preparePriceTables();
  }

  /**
   * Makes only these columns of a table's rows (by position); string columns outside are NULL. Every random
   * draw is still taken, so the columns that are made keep exactly their values.
   */
  readColumns(table: NexmarkTable, columns: ReadonlySet<number>): void {
    const made = this.made[table];
    for (let i = 0; i < made.length; i++) made[i] = columns.has(i);
  }

  /** Event time (epoch ms) of an event. */
  eventTime(eventId: number): number {
    return NEXMARK_BASE_TIME + Math.floor(eventId * this.msPerEvent);
  }

  /** `(id, name, email_address, credit_card, city, state, date_time, extra)` of a person event. */
  person(eventId: number): Row {
    const r = this.reseed(eventId);
    const made = this.made.person;
    const name = made[1] ? `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}` : skip(r, 2);
    const email = made[2] ? makeEmail(r) : skipEmail(r);
    const card = made[3] ? `${r.int(1000, 9999)} ${r.int(1000, 9999)} ${r.int(1000, 9999)} ${r.int(1000, 9999)}` : skip(r, 4);
    const city = pick(r, US_CITIES);
    const state = pick(r, US_STATES);
    const extra = made[7] ? letters(r, 12) : skipLetters(r, 12);
    return [lastBase0PersonId(eventId) + FIRST_PERSON_ID, name, email, card, city, state, this.eventTime(eventId), extra];
  }

  /** `(id, item_name, description, initial_bid, reserve, date_time, expires, seller, category, extra)` of an auction event. */
  auction(eventId: number): Row {
    const r = this.reseed(eventId);
    const time = this.eventTime(eventId);
    const seller = r.int(0, HOT_SELLER_ODDS - 1) > 0
      ? Math.floor(lastBase0PersonId(eventId) / HOT_ID_RATIO) * HOT_ID_RATIO
      : recentPerson(r, eventId);
    const initialBid = price(r);
    const reserve = initialBid + price(r);
    const expires = time + r.int(1_000, 21_000);
    const category = FIRST_CATEGORY_ID + r.int(0, NUM_CATEGORIES - 1);
    const made = this.made.auction;
    const itemName = made[1] ? letters(r, 20) : skipLetters(r, 20);
    const description = made[2] ? letters(r, 30) : skipLetters(r, 30);
    const extra = made[9] ? letters(r, 12) : skipLetters(r, 12);
    return [lastBase0AuctionId(eventId) + FIRST_AUCTION_ID, itemName, description, initialBid, reserve, time, expires, seller + FIRST_PERSON_ID, category, extra];
  }

  /** `(auction, bidder, price, channel, url, date_time, extra)` of a bid event. */
  bid(eventId: number): Row {
    const r = this.reseed(eventId);
    const auction = r.int(0, HOT_AUCTION_ODDS - 1) > 0
      ? Math.floor(lastBase0AuctionId(eventId) / HOT_ID_RATIO) * HOT_ID_RATIO
      : inFlightAuction(r, eventId);
    const bidder = r.int(0, HOT_BIDDER_ODDS - 1) > 0
      ? Math.floor(lastBase0PersonId(eventId) / HOT_ID_RATIO) * HOT_ID_RATIO + 1
      : recentPerson(r, eventId);
    const amount = price(r);
    const channel = pick(r, CHANNELS);
    const made = this.made.bid;
    const url = made[4] ? makeUrl(r) : skipUrl(r);
    const extra = made[6] ? letters(r, 12) : skipLetters(r, 12);
    return [auction + FIRST_AUCTION_ID, bidder + FIRST_PERSON_ID, amount, channel, url, this.eventTime(eventId), extra];
  }

  private reseed(eventId: number): SeededRandom {
    this.random.reseed(Math.imul(eventId ^ (eventId / 4294967296), 0x9e3779b1) ^ this.seed);
    return this.random;
  }
}

function pick(r: SeededRandom, values: readonly string[]): string {
  return values[r.int(0, values.length - 1)] as string;
}

/** Reused code buffers, one per string length, so a random word is one string allocation (not one per letter). */
const LETTER_CODES: number[][] = Array.from({ length: 64 }, (_, n) => new Array<number>(n).fill(97));

/** 3 to `maxLength` (≤ 63) lowercase letters. */
function letters(r: SeededRandom, maxLength: number): string {
  const n = r.int(3, maxLength);
  const codes = LETTER_CODES[n] as number[];
  for (let i = 0; i < n; i++) codes[i] = 97 + r.int(0, 25);
  return String.fromCharCode.apply(null, codes);
}

/** Takes the draws of `letters(r, maxLength)` without making the word: NULL. */
function skipLetters(r: SeededRandom, maxLength: number): null {
  r.skip(r.int(3, maxLength));
  return null;
}

function makeEmail(r: SeededRandom): string {
  return `${letters(r, 7)}@${letters(r, 5)}.com`;
}

function skipEmail(r: SeededRandom): null {
  skipLetters(r, 7);
  return skipLetters(r, 5);
}

function makeUrl(r: SeededRandom): string {
  return `https://www.nexmark.com/${letters(r, 5)}/item.htm?query=1&channel_id=${r.int(0, 999)}`;
}

function skipUrl(r: SeededRandom): null {
  r.skip(r.int(3, 5) + 1);
  return null;
}

/** Takes `draws` draws: NULL. */
function skip(r: SeededRandom, draws: number): null {
  r.skip(draws);
  return null;
}

/** A price in cents, 10^(6·u) dollars·100 (u the next draw): many small bids, a few very large ones. */
function price(r: SeededRandom): number {
  return nexmarkPrice(r.nextUint32());
}

/** One of the most recent people (0-based id). */
function recentPerson(r: SeededRandom, eventId: number): number {
  const people = lastBase0PersonId(eventId) + 1;
  const active = Math.min(people, NUM_ACTIVE_PEOPLE);
  return people - active + r.int(0, active - 1);
}

/** One of the auctions in flight (0-based id). */
function inFlightAuction(r: SeededRandom, eventId: number): number {
  const newest = lastBase0AuctionId(eventId);
  const oldest = Math.max(0, newest - NUM_IN_FLIGHT_AUCTIONS);
  return r.int(oldest, newest);
}
