import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SYMBOLS = ['AAPL', 'MSFT', 'GOOG', 'NVDA', 'TSLA', 'AMZN'];
const SIDES = ['BUY', 'SELL'];
const NOTES = ['', 'urgent', 'block trade', 'Odd lot', ''];

/** A deterministic pseudo-random sequence (no Math.random: results must not change between runs). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export interface DataFiles {
  readonly trades: string;
  readonly symbols: string;
  readonly temperature: string;
  readonly humidity: string;
  readonly clicks: string;
  readonly views: string;
  readonly events: string;
  readonly quirks: string;
}

/** JSON lines with nested objects (one missing a field, one null) and arrays of varying length. */
function nestedEvents(random: () => number, rows: number): string {
  const lines: string[] = [];
  const cities = ['Oslo', 'Kraków', 'São Paulo', null];
  for (let id = 1; id <= rows; id++) {
    const city = cities[Math.floor(random() * cities.length)];
    const geo = id % 7 === 0 ? {} : { city, zip: 1000 + Math.floor(random() * 9000) };
    const tags = Array.from({ length: Math.floor(random() * 4) }, (_, i) => `t${(id + i) % 5}`);
    const amount = Number((random() * 200 - 50).toFixed(2));
    lines.push(JSON.stringify({ id, user: { name: `u${id % 9}`, tier: id % 3, geo }, tags, amount }));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Events of a few users with a BIGINT epoch-ms time column `ms`, slightly out of order (up to 2 s, within the
 * watermark's default 5 s), and a numeric non-time column `seq`: many rows per user, so joins match many pairs.
 */
function userEvents(random: () => number, header: string, item: string, rows: number): string {
  const lines = [header];
  let time = Date.UTC(2026, 10, 2, 8, 0, 0);
  for (let i = 0; i < rows; i++) {
    time += Math.floor(random() * 1500);
    const user = `u${1 + Math.floor(random() * 4)}`;
    lines.push([user, `${item}${Math.floor(random() * 9)}`, time - Math.floor(random() * 2000), Math.floor(random() * 50)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Sensor readings of five devices about every second, written out of order: each row's time is up to 3 s
 * earlier than the one before it may be (within the default 5 s out-of-orderness of the watermark).
 */
function sensorReadings(random: () => number, column: string, rows: number, scale: number): string {
  const lines = [`device_id,${column},ts`];
  let time = Date.UTC(2026, 10, 2, 8, 0, 0);
  for (let i = 0; i < rows; i++) {
    time += 200 + Math.floor(random() * 1600);
    const jitter = Math.floor(random() * 3000);
    const device = `d${1 + Math.floor(random() * 5)}`;
    const iso = new Date(time - jitter).toISOString().replace('Z', '');
    lines.push([device, (random() * scale).toFixed(1), iso].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `trades.csv` (ordered by time, with NULLs), `symbols.csv` and two out-of-order sensor files into `dir`; returns their paths. */
export function writeDataFiles(dir: string, rows = 1500): DataFiles {
  const random = lcg(20261125);
  const lines = ['id,symbol,side,price,qty,ts,note,fee'];
  let time = Date.UTC(2026, 10, 2, 9, 30, 0);
  for (let id = 1; id <= rows; id++) {
    time += Math.floor(random() * 4000);
    const symbol = SYMBOLS[Math.floor(random() * SYMBOLS.length)]!;
    const price = (50 + random() * 400).toFixed(2);
    const qty = 1 + Math.floor(random() * 500);
    const note = NOTES[Math.floor(random() * NOTES.length)]!;
    const fee = random() < 0.1 ? '' : (random() * 10).toFixed(3);
    const iso = new Date(time).toISOString().replace('.000Z', '').replace('Z', '');
    lines.push([id, symbol, SIDES[id % 2], price, qty, iso, note.includes(' ') ? `"${note}"` : note, fee].join(','));
  }
  const trades = join(dir, 'trades.csv');
  writeFileSync(trades, `${lines.join('\n')}\n`);
  const symbols = join(dir, 'symbols.csv');
  writeFileSync(
    symbols,
    ['symbol,company,sector,lot', 'AAPL,Apple,Tech,100', 'MSFT,Microsoft,Tech,100', 'GOOG,Alphabet,Tech,50', 'NVDA,Nvidia,Semis,10', 'XOM,Exxon,Energy,100', ''].join('\n'),
  );
  const temperature = join(dir, 'temperature.csv');
  writeFileSync(temperature, sensorReadings(random, 'celsius', 400, 40));
  const humidity = join(dir, 'humidity.csv');
  writeFileSync(humidity, sensorReadings(random, 'percent', 400, 100));
  const clicks = join(dir, 'clicks.csv');
  writeFileSync(clicks, userEvents(random, 'user_id,page,ms,seq', 'p', 300));
  const views = join(dir, 'views.csv');
  writeFileSync(views, userEvents(random, 'user_id,ad,ms,seq', 'ad', 300));
  const events = join(dir, 'events.jsonl');
  writeFileSync(events, nestedEvents(random, 200));
  // RFC 4180 quoting: delimiters, doubled quotes and a line break inside quotes; unquoted empty (NULL) vs quoted "" ('').
  const quirks = join(dir, 'quirks.csv');
  writeFileSync(
    quirks,
    'id,label,amount,flag,day\n1,"a, b",1.50,true,2026-01-02\n2,"say ""hi""",,false,\n3,,-2,TRUE,2026-02-28\n4,"",0.125,,2026-03-01\n5,"line\nbreak",10,false,2026-03-02\n6,"ü😀",7,false,2026-03-03\n',
  );
  return { trades, symbols, temperature, humidity, clicks, views, events, quirks };
}
