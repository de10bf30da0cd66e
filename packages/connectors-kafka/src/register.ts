import { registerSinkType, registerSourceType } from '@velots/runtime';
import { registerSchemaFormats } from './codec/schema-formats.js';
import { createKafkaSink } from './sink/create-kafka-sink.js';
import { createKafkaSource } from './source/create-kafka-source.js';

export interface KafkaRegistrationOptions {
  /**
   * Bounded runs (velo-sql-batch): each source reads its assigned partitions up to the end offsets seen at
   * start, then ends. Unbounded (default): sources follow their topics until the job stops.
   */
  readonly bounded?: boolean | undefined;
}

/** Registers `kafka_source` and `kafka_sink` with the runtime's connector registry. */
export function registerKafkaConnectors(options: KafkaRegistrationOptions = {}): void {
  const bounded = options.bounded ?? false;
  registerSchemaFormats();
  registerSourceType('kafka_source', (config, props) => createKafkaSource(config, props, bounded));
  registerSinkType('kafka_sink', (config, props) => createKafkaSink(config, props));
}
