// Writes the Nexmark stream of the runtime's `nexmark` source (the same rows, event for event) as three CSV
// files, persons.csv, auctions.csv and bids.csv, with event times as epoch milliseconds, so that Velo TS and
// DuckDB read exactly the same records.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { NEXMARK_SCHEMAS, NexmarkEvents, nexmarkEventId, nexmarkTableCount } from '@velots/runtime';

const FILES = { person: 'persons.csv', auction: 'auctions.csv', bid: 'bids.csv' };

/** Writes the three tables of the first `events` events into `dir`; returns how many rows each got. */
export function generateNexmark(dir, events, { eventsPerSecond = 10_000, seed = 7 } = {}) {
  const generator = new NexmarkEvents({ eventsPerSecond, seed });
  const counts = {};
  for (const [table, file] of Object.entries(FILES)) {
    const make = generator[table].bind(generator);
    const count = nexmarkTableCount(table, events);
    const fd = openSync(join(dir, file), 'w');
    let chunk = `${NEXMARK_SCHEMAS[table].fields.map((f) => f.name).join(',')}\n`;
    for (let n = 0; n < count; n++) {
      chunk += `${make(nexmarkEventId(table, n)).join(',')}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
    closeSync(fd);
    counts[table] = count;
  }
  return counts;
}
