// Avro and Protobuf codecs, and the Confluent wire format through the in-process schema registry.
// Run from the repository root after `pnpm build`:  cd bench && node --input-type=module < ../examples/formats/codecs.mjs
import { Schema, SqlTypes, decimalType, field } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { JsonCodec } from '@velots/serde-json';
import { avroRegistryFormat, avroSqlSchema, createAvroCodec, deriveAvroSchema } from '@velots/serde-avro';
import { createProtobufCodec } from '@velots/serde-protobuf';
import { SchemaRegistryClient, createConfluentCodec } from '@velots/schema-registry';
import { startSchemaRegistryFixture } from '@velots/schema-registry-fixture';

const show = (values) => values.map((v) => (typeof v === 'bigint' ? `${v}n` : String(v))).join(' | ');

// Output columns of a sink → the Avro schema a kafka_sink registers.
const output = new Schema([field('symbol', SqlTypes.STRING, false), field('total', decimalType(18, 2)), field('trades', SqlTypes.BIGINT)]);
const avroSchema = deriveAvroSchema('symbol_totals', output);
console.log(avroSchema);
console.log(avroSqlSchema(avroSchema).fields.map((f) => `${f.name} ${f.type.kind}${f.nullable ? '' : ' NOT NULL'}`).join(', '));

// Bare Avro: exact decimals and 64-bit longs survive the round trip.
const avro = createAvroCodec({ schema: avroSchema });
const row = ['ACME', Decimal.parse('-1234.50'), 2n ** 62n];
console.log(show(avro.decode(avro.encode(row)))); // ACME | -1234.50 | 4611686018427387904n

// Confluent framing: the writer registers its schema under <topic>-value, the reader fetches it by id.
const registryServer = await startSchemaRegistryFixture();
const registry = new SchemaRegistryClient({ url: registryServer.url });
const writer = await createConfluentCodec({ registry, subject: 'symbol_totals-value', format: avroRegistryFormat(avroSchema), mode: 'write' });
const reader = await createConfluentCodec({ registry, subject: 'symbol_totals-value', format: avroRegistryFormat() });
const payload = writer.encode(row);
console.log([...payload.subarray(0, 5)]); // [0, 0, 0, 0, 1]: magic byte, schema id 1
await reader.prepare([payload]);
console.log(show(reader.decode(payload)));
try {
  reader.decode(new Uint8Array([1, 2, 3]), { topic: 'symbol_totals', partition: 0, offset: 7 });
} catch (error) {
  console.log(error.code, error.message);
}
await registryServer.close();

// Protobuf: a string field read as DECIMAL(12,2), a Timestamp as TIMESTAMP.
const proto = `syntax = "proto3";
import "google/protobuf/timestamp.proto";
message Trade { int64 id = 1; string price = 2; google.protobuf.Timestamp at = 3; }`;
const trades = createProtobufCodec({ schema: proto, messageType: 'Trade', decimals: { price: { precision: 12, scale: 2 } } });
console.log(show(trades.decode(trades.encode([9007199254740993n, Decimal.parse('101.25'), 1_700_000_000_000]))));

// JSON: the same codec the file connectors use.
const json = JsonCodec.declared(output);
console.log(new TextDecoder().decode(json.encode(row)));
