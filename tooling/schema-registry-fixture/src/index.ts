export {
  startSchemaRegistryFixture,
  type FixtureSchema,
  type SchemaRegistryFixture,
  type SchemaRegistryFixtureOptions,
} from './schema-registry-fixture.js';
