// The layer table of docs/architecture.md: a package imports only from lower layers.

/**
 * Layer of each `@velots/*` package, by its name without the scope.
 * @type {Readonly<Record<string, number>>}
 */
export const DEFAULT_LAYERS = Object.freeze({
  core: 0,
  decimal: 0,
  'sql-parser': 1,
  'serde-json': 1,
  'serde-avro': 1,
  'serde-protobuf': 1,
  observability: 1,
  planner: 2,
  // Above the serde packages: its tests run the Avro and Protobuf codecs through the Confluent framing.
  'schema-registry': 2,
  runtime: 3,
  'connectors-kafka': 4,
  // Test tooling: a Kafka-protocol broker (librdkafka's mock cluster); imports no package, any test may use it.
  'kafka-mock': 0,
  // Test tooling: an in-process Confluent schema registry; imports no package, any test may use it.
  'schema-registry-fixture': 0,
  // Test tooling: seeded inputs with bad records mixed in (failure-strategy suites); imports no package.
  'malformed-records': 0,
  'velo-sql': 5,
  'velo-cli': 5,
  'velo-sql-batch': 5,
});

/**
 * Same-layer imports that the design allows (decimal builds on core's errors).
 * @type {Readonly<Record<string, readonly string[]>>}
 */
export const DEFAULT_SAME_LAYER_ALLOWED = Object.freeze({
  decimal: Object.freeze(['core']),
});

/**
 * Packages outside the layers that may import any package's public entry.
 * @type {readonly string[]}
 */
export const DEFAULT_UNLAYERED = Object.freeze(['bench', 'eslint-plugin']);
