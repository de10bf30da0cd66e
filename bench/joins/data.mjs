// Deterministic input files of bench/joins: a stream of orders with a TABLE of customers (stream–table join), and a
// stream of ad impressions with a stream of clicks (interval join). Each file is written once per size and reused.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** A linear congruential generator: the same files on every machine. */
function randomFrom(seed) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Writes `lines()`'s text to `file` in 1 MB chunks, through a temporary name so a killed run leaves no half file. */
function writeChunked(file, header, lines) {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  let chunk = header;
  for (const line of lines()) {
    chunk += line;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  renameSync(partial, file);
}

const REGIONS = ['north', 'south', 'east', 'west', 'central'];
const TIERS = ['bronze', 'silver', 'gold'];

/**
 * customers.csv (`customer_id,name,region,tier`, `customers` keys 0…n−1) and orders.csv
 * (`order_id,customer_id,amount,ts`): customer ids drawn from 0…1.1·n, so about 9 % of orders find no customer.
 */
export function streamTableFiles(dir, orders, customers) {
  mkdirSync(dir, { recursive: true });
  const customerFile = join(dir, 'customers.csv');
  const orderFile = join(dir, 'orders.csv');
  if (!existsSync(customerFile)) {
    writeChunked(customerFile, 'customer_id,name,region,tier\n', function* () {
      for (let c = 0; c < customers; c++) yield `${c},customer-${c},${REGIONS[c % 5]},${TIERS[(c * 7) % 3]}\n`;
    });
  }
  if (!existsSync(orderFile)) {
    const random = randomFrom(7);
    writeChunked(orderFile, 'order_id,customer_id,amount,ts\n', function* () {
      for (let o = 0; o < orders; o++) {
        const customer = Math.floor(random() * customers * 1.1);
        const cents = 100 + Math.floor(random() * 99_900);
        yield `${o},${customer},${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')},${1_700_000_000_000 + o}\n`;
      }
    });
  }
  return { customerFile, orderFile };
}

/**
 * impressions.csv (`imp_id,ad_id,imp_ts`: one impression per millisecond of event time on `ads` ads) and clicks.csv
 * (`click_id,ad_id,click_ts`): a click for one impression in five, 0–15 s after it, in click-time order (so some
 * clicks fall outside a 10 s bound and some find another impression of their ad too).
 */
export function intervalFiles(dir, impressions, ads) {
  mkdirSync(dir, { recursive: true });
  const impressionFile = join(dir, 'impressions.csv');
  const clickFile = join(dir, 'clicks.csv');
  if (!existsSync(impressionFile) || !existsSync(clickFile)) {
    const random = randomFrom(11);
    const adOf = new Int32Array(impressions);
    const clickTimes = [];
    const start = 1_700_000_000_000;
    for (let i = 0; i < impressions; i++) {
      adOf[i] = Math.floor(random() * ads);
      if (random() < 0.2) clickTimes.push([start + i + Math.floor(random() * 15_000), adOf[i]]);
    }
    clickTimes.sort((a, b) => a[0] - b[0]);
    writeChunked(impressionFile, 'imp_id,ad_id,imp_ts\n', function* () {
      for (let i = 0; i < impressions; i++) yield `${i},${adOf[i]},${start + i}\n`;
    });
    writeChunked(clickFile, 'click_id,ad_id,click_ts\n', function* () {
      for (let c = 0; c < clickTimes.length; c++) yield `${c},${clickTimes[c][1]},${clickTimes[c][0]}\n`;
    });
  }
  return { impressionFile, clickFile };
}
