import { startMockKafka, type MockKafka, type MockKafkaOptions } from '@velots/kafka-mock';
import { SchemaRegistryClient, createConfluentCodec, type ConfluentCodec, type RegistryFormat } from '@velots/schema-registry';
import { startSchemaRegistryFixture, type SchemaRegistryFixture } from '@velots/schema-registry-fixture';

/** Starts a mock Kafka cluster (with `options`' topics) and an in-process schema registry, side by side. */
export function startKafkaWithRegistry(options: MockKafkaOptions): Promise<[MockKafka, SchemaRegistryFixture]> {
  return Promise.all([startMockKafka(options), startSchemaRegistryFixture()]);
}

/** Stops what startKafkaWithRegistry started; either may be missing when starting failed. */
export async function stopKafkaWithRegistry(kafka: MockKafka | undefined, registry: SchemaRegistryFixture | undefined): Promise<void> {
  await Promise.all([kafka?.stop(), registry?.close()]);
}

/** A fresh client of the fixture registry (its own schema cache). */
export function registryClient(registry: SchemaRegistryFixture): SchemaRegistryClient {
  return new SchemaRegistryClient({ url: registry.url });
}

/** A Confluent-framing writer for `subject`: registers `format`'s schema and encodes with it, as a producer would. */
export function registryWriter(client: SchemaRegistryClient, subject: string, format: RegistryFormat): Promise<ConfluentCodec> {
  return createConfluentCodec({ registry: client, subject, format, mode: 'write' });
}

/** A Confluent-framing reader for `subject`: decodes any registered writer schema into `format`'s (or the latest). */
export function registryReader(client: SchemaRegistryClient, subject: string, format: RegistryFormat): Promise<ConfluentCodec> {
  return createConfluentCodec({ registry: client, subject, format });
}
