// Avro and Protobuf decode + encode of the same trade records: Velo TS's codecs (payload → row → payload, with
// exact decimals, 64-bit longs and SQL timestamps) against raw avsc / protobufjs (payload → object → payload).
// Times are process CPU seconds (best of interleaved rounds), so other load on the machine does not skew ratios.
// Target (issue 10): ≥ 70 % of the raw library's throughput. JSON is shown against JSON.parse/stringify for scale.
import avro from 'avsc';
import protobuf from 'protobufjs';
import { Decimal } from '@velots/decimal';
import { createAvroCodec } from '@velots/serde-avro';
import { createProtobufCodec } from '@velots/serde-protobuf';
import { JsonCodec } from '@velots/serde-json';
import { SchemaRegistryClient, createConfluentCodec } from '@velots/schema-registry';
import { startSchemaRegistryFixture } from '@velots/schema-registry-fixture';
import { avroRegistryFormat } from '@velots/serde-avro';

const RECORDS = Number(process.env.RECORDS ?? 100_000);
const SYMBOLS = ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA'];

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const trades = Array.from({ length: 2000 }, (_, i) => ({
  id: 1_000_000 + i,
  symbol: SYMBOLS[i % 5],
  price: Decimal.parse((1 + rand() * 499).toFixed(2)),
  qty: 1 + Math.floor(rand() * 1000),
  side: rand() < 0.5 ? 'BUY' : 'SELL',
  ts: 1_700_000_000_000 + i * 37,
  venue: i % 3 === 0 ? null : 'XLON',
}));

const AVRO_SCHEMA = {
  type: 'record',
  name: 'Trade',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'symbol', type: 'string' },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
    { name: 'qty', type: 'int' },
    { name: 'side', type: { type: 'enum', name: 'Side', symbols: ['BUY', 'SELL'] } },
    { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'venue', type: ['null', 'string'] },
  ],
};

const PROTO = `syntax = "proto3";
import "google/protobuf/timestamp.proto";
enum Side { BUY = 0; SELL = 1; }
message Trade {
  int64 id = 1; string symbol = 2; string price = 3; int32 qty = 4; Side side = 5;
  google.protobuf.Timestamp ts = 6; optional string venue = 7;
}`;

const ROUNDS_EACH = Number(process.env.ROUNDS ?? 7);

/** CPU seconds of one run: on a shared machine, wall-clock time mostly measures the neighbours. */
function once(run) {
  globalThis.gc?.();
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Best time of each variant over interleaved rounds (the machine is shared: interleaving spreads the noise). */
function race(variants) {
  const best = variants.map(() => Infinity);
  for (let round = 0; round < ROUNDS_EACH; round++) {
    variants.forEach(([, run], i) => {
      best[i] = Math.min(best[i], once(run));
    });
  }
  return best;
}

function loop(payloads, roundTrip) {
  return () => {
    let bytes = 0;
    for (let i = 0; i < RECORDS; i++) bytes += roundTrip(payloads[i % payloads.length]).length;
    if (bytes === 0) throw new Error('nothing encoded');
  };
}

const rows = [];
function report(variants) {
  const seconds = race(variants);
  const baseline = seconds[0];
  variants.forEach(([name], i) => {
    const s = seconds[i];
    rows.push({
      name,
      records: RECORDS,
      seconds: s.toFixed(3),
      'records/s': Math.round(RECORDS / s).toLocaleString('en-US'),
      ratio: i === 0 ? '100 % (baseline)' : `${((baseline / s) * 100).toFixed(0)} %`,
    });
  });
}

// Avro
const rawAvro = avro.Type.forSchema(AVRO_SCHEMA);
const avroCodec = createAvroCodec({ schema: JSON.stringify(AVRO_SCHEMA) });
const avroPayloads = trades.map((t) => avroCodec.encode([t.id, t.symbol, t.price, t.qty, t.side, t.ts, t.venue]));
// Confluent framing through the in-process registry: the writer registers, the reader fetches the id once.
const registryFixture = await startSchemaRegistryFixture();
const registry = new SchemaRegistryClient({ url: registryFixture.url });
const format = avroRegistryFormat(JSON.stringify(AVRO_SCHEMA));
const framedWriter = await createConfluentCodec({ registry, subject: 'trades-value', format, mode: 'write' });
const framedReader = await createConfluentCodec({ registry, subject: 'trades-value', format });
const framedPayloads = trades.map((t) => framedWriter.encode([t.id, t.symbol, t.price, t.qty, t.side, t.ts, t.venue]));
await framedReader.prepare(framedPayloads);
await registryFixture.close();
report([
  ['avsc fromBuffer + toBuffer', loop(avroPayloads, (p) => rawAvro.toBuffer(rawAvro.fromBuffer(p)))],
  ['velo AvroCodec decode + encode', loop(avroPayloads, (p) => avroCodec.encode(avroCodec.decode(p)))],
  ['velo Confluent-framed Avro decode + encode', loop(framedPayloads, (p) => framedWriter.encode(framedReader.decode(p)))],
]);

// Protobuf
const root = protobuf.parse(PROTO, { keepCase: true }).root;
root.addJSON(protobuf.common.get('google/protobuf/timestamp.proto').nested);
root.resolveAll();
const RawTrade = root.lookupType('Trade');
const protoCodec = createProtobufCodec({ schema: PROTO, messageType: 'Trade', decimals: { price: { precision: 12, scale: 2 } } });
const protoPayloads = trades.map((t) => protoCodec.encode([t.id, t.symbol, t.price, t.qty, t.side, t.ts, t.venue]));
report([
  ['protobufjs decode + encode', loop(protoPayloads, (p) => RawTrade.encode(RawTrade.decode(p)).finish())],
  ['velo ProtobufCodec decode + encode', loop(protoPayloads, (p) => protoCodec.encode(protoCodec.decode(p)))],
]);

// JSON (no target: JSON.parse cannot keep decimals exact, which is why Velo has its own parser)
const jsonPayloads = trades.map((t) => Buffer.from(JSON.stringify({ ...t, price: 0 }).replace('"price":0', `"price":${t.price}`)));
const jsonCodec = JsonCodec.inferred(jsonPayloads.slice(0, 100));
report([
  ['JSON.parse + JSON.stringify (inexact decimals)', loop(jsonPayloads, (p) => Buffer.from(JSON.stringify(JSON.parse(p.toString('utf8')))))],
  ['velo JsonCodec decode + encode', loop(jsonPayloads, (p) => jsonCodec.encode(jsonCodec.decode(p)))],
]);

console.log('| name | records | seconds | records/s | ratio to the raw library |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${r.records} | ${r.seconds} | ${r['records/s']} | ${r.ratio} |`);
