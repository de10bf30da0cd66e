// CSV file → rows → jsonlines file, 1 M rows: Velo TS's file_source + file_sink against a naive
// readline + split(',') + JSON.stringify loop (which gets quoting, typing and exact decimals wrong).
import { createReadStream, createWriteStream, existsSync, statSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ManualClock, noopTelemetry } from '@velots/core';
import { createSink, createSource } from '@velots/runtime';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const dir = tmpdir();
const input = join(dir, `velo-bench-trades-${ROWS}.csv`);

function generateCsv() {
  if (existsSync(input)) return;
  const symbols = ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA'];
  const fd = openSync(input, 'w');
  let chunk = 'id,symbol,price,quantity,side,ts\n';
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < ROWS; i++) {
    const price = (1 + rand() * 499).toFixed(2);
    chunk += `${i},${symbols[i % 5]},${price},${1 + Math.floor(rand() * 1000)},${rand() < 0.5 ? 'BUY' : 'SELL'},2024-01-01T00:00:${String(i % 60).padStart(2, '0')}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

async function velo() {
  const out = join(dir, 'velo-bench-out.jsonl');
  const context = { signal: new AbortController().signal, telemetry: noopTelemetry, clock: new ManualClock(0) };
  const source = createSource('file_source', { name: 'trades', properties: { path: input }, baseDir: dir }).connector;
  const sink = createSink('file_sink', { name: 'out', properties: { path: out }, baseDir: dir }).connector;
  const schema = await source.open({ ...context, reportBadRecord: (r) => { throw r.error; } });
  await sink.open(schema, context);
  let rows = 0;
  for (;;) {
    const b = await source.next(4096);
    if (!b) break;
    rows += b.batch.rows.length;
    await sink.write(b.batch);
  }
  await sink.flush();
  await sink.close();
  await source.close();
  return { rows, out };
}

async function naive() {
  const out = join(dir, 'velo-bench-naive.jsonl');
  const lines = createInterface({ input: createReadStream(input), crlfDelay: Infinity });
  const stream = createWriteStream(out);
  let header;
  let rows = 0;
  for await (const line of lines) {
    const fields = line.split(',');
    if (!header) {
      header = fields;
      continue;
    }
    const obj = {};
    for (let i = 0; i < header.length; i++) obj[header[i]] = fields[i];
    if (!stream.write(JSON.stringify(obj) + '\n')) await once(stream, 'drain');
    rows++;
  }
  stream.end();
  await once(stream, 'finish');
  return { rows, out };
}

async function measure(name, run) {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const { rows, out } = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const result = { name, rows, seconds, outBytes: statSync(out).size };
  rmSync(out);
  return result;
}

generateCsv();
const inBytes = statSync(input).size;
const results = [];
for (const [name, run] of [['naive readline+split+JSON.stringify (baseline)', naive], ['velo file_source → file_sink', velo]]) {
  await measure(name, run); // warm-up
  results.push(await measure(name, run));
}
const base = results[0];
console.log(`input: ${input} (${(inBytes / 1e6).toFixed(1)} MB, ${ROWS} rows)`);
console.log('| name | records | seconds | records/s | MB/s (input) | ratio to baseline |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.rows} | ${r.seconds.toFixed(3)} | ${Math.round(r.rows / r.seconds).toLocaleString('en-US')} | ${(inBytes / 1e6 / r.seconds).toFixed(1)} | ${(base.seconds / r.seconds).toFixed(2)} |`);
}
