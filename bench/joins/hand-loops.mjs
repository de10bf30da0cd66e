// The hand-written baselines of bench/joins: plain Node loops over the same CSV files, writing the same jsonlines
// rows the SQL writes (column order included), so their answers are compared like the engines'.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

/** Calls `onLine(text, start, end)` for every line of a file after its header, without splitting the text. */
function eachLine(file, onLine) {
  const text = readFileSync(file, 'latin1');
  let start = text.indexOf('\n') + 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end > start) onLine(text, start, end);
    start = end + 1;
  }
}

/** A writer that gathers text and writes it 1 MB at a time. */
function chunkedWriter(file) {
  const fd = openSync(file, 'w');
  let chunk = '';
  return {
    write(text) {
      chunk += text;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    },
    close() {
      writeSync(fd, chunk);
      closeSync(fd);
    },
  };
}

/** orders ⨝ customers: customers into a Map by id, then one lookup per order line. */
export function handStreamTableJoin(orderFile, customerFile, outFile) {
  const customers = new Map();
  eachLine(customerFile, (text, start) => {
    const a = text.indexOf(',', start);
    const b = text.indexOf(',', a + 1);
    const c = text.indexOf(',', b + 1);
    customers.set(Number(text.slice(start, a)), `,"name":${JSON.stringify(text.slice(a + 1, b))},"region":${JSON.stringify(text.slice(b + 1, c))}}\n`);
  });
  const out = chunkedWriter(outFile);
  eachLine(orderFile, (text, start) => {
    const a = text.indexOf(',', start);
    const b = text.indexOf(',', a + 1);
    const c = text.indexOf(',', b + 1);
    const customer = customers.get(Number(text.slice(a + 1, b)));
    if (customer !== undefined) out.write(`{"order_id":${text.slice(start, a)},"amount":${text.slice(b + 1, c)}${customer}`);
  });
  out.close();
}

/**
 * impressions ⨝ clicks ON ad AND click time ∈ [impression time, + bound]: impressions per ad in time order (the file
 * is), then per click a binary search for the first impression of its ad inside the bound.
 */
export function handIntervalJoin(impressionFile, clickFile, boundMs, outFile) {
  const byAd = new Map();
  eachLine(impressionFile, (text, start, end) => {
    const a = text.indexOf(',', start);
    const b = text.indexOf(',', a + 1);
    const ad = Number(text.slice(a + 1, b));
    let list = byAd.get(ad);
    if (list === undefined) byAd.set(ad, (list = { ids: [], times: [] }));
    list.ids.push(Number(text.slice(start, a)));
    list.times.push(Number(text.slice(b + 1, end)));
  });
  const out = chunkedWriter(outFile);
  eachLine(clickFile, (text, start, end) => {
    const a = text.indexOf(',', start);
    const b = text.indexOf(',', a + 1);
    const ad = Number(text.slice(a + 1, b));
    const list = byAd.get(ad);
    if (list === undefined) return;
    const time = Number(text.slice(b + 1, end));
    const { ids, times } = list;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid] < time - boundMs) lo = mid + 1;
      else hi = mid;
    }
    const click = text.slice(start, a);
    for (let i = lo; i < times.length && times[i] <= time; i++) out.write(`{"click_id":${click},"imp_id":${ids[i]},"ad_id":${ad},"delay_ms":${time - times[i]}}\n`);
  });
  out.close();
}
