// One consumer-group member for bench/kafka-restart: a kafka_source reading `restart` as group `restart-bench`,
// printing "read <id>" for every record, until it is killed.
//   node member.mjs <bootstrap servers> [session.timeout.ms | default]
import { Schema, SqlTypes, noopTelemetry, systemClock } from '@velots/core';
import { registerKafkaConnectors } from '@velots/connectors-kafka';
import { createSource } from '@velots/runtime';

const [bootstrapServers, sessionTimeout] = process.argv.slice(2);
registerKafkaConnectors({ bounded: false });
const properties = { 'bootstrap.servers': bootstrapServers, 'group.id': 'restart-bench' };
if (sessionTimeout && sessionTimeout !== 'default') properties['session.timeout.ms'] = sessionTimeout;
const { connector: source } = createSource('kafka_source', { name: 'restart', properties, baseDir: process.cwd(), schema: Schema.of(['id', SqlTypes.BIGINT]) });
await source.open({ signal: new AbortController().signal, telemetry: noopTelemetry, clock: systemClock, reportBadRecord: () => undefined });
for (;;) {
  const read = await source.next(1000);
  if (!read) break;
  for (const row of read.batch.rows) process.stdout.write(`read ${row[0]}\n`);
  // Commit what was read, as the engine does once its sinks acknowledged it.
  await source.commit(read.position);
}
