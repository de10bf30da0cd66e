export { startSchemaRegistryFixture, type FixtureSchema, type SchemaRegistryFixture } from './schema-registry-fixture.js';
