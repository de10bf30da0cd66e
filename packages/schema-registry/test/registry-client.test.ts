import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSchemaRegistryFixture, type SchemaRegistryFixture } from '@velots/schema-registry-fixture';
import { SchemaRegistryClient } from '../src/index.js';

const SCHEMA = JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'long' }] });

describe('SchemaRegistryClient', () => {
  let fixture: SchemaRegistryFixture;
  beforeEach(async () => {
    fixture = await startSchemaRegistryFixture();
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('registers, looks up, fetches by id and reads the latest version, each request once', async () => {
    const client = new SchemaRegistryClient({ url: `${fixture.url}/` });
    const id = await client.register('orders-value', { schema: SCHEMA, schemaType: 'AVRO' });
    expect(await client.register('orders-value', { schema: SCHEMA, schemaType: 'AVRO' })).toBe(id);
    expect(await client.lookup('orders-value', { schema: SCHEMA, schemaType: 'AVRO' })).toEqual({
      id, schema: SCHEMA, schemaType: 'AVRO', references: undefined, subject: 'orders-value', version: 1,
    });
    expect(await client.getSchema(id)).toEqual({ id, schema: SCHEMA, schemaType: 'AVRO', subject: 'orders-value' });
    const other = new SchemaRegistryClient({ url: fixture.url });
    const [a, b] = await Promise.all([other.getSchema(id), other.getSchema(id)]);
    expect(a).toEqual(b);
    expect((await other.latest('orders-value'))?.version).toBe(1);
    await other.latest('orders-value');
    expect(fixture.requests).toEqual([
      'POST /subjects/orders-value/versions',
      'POST /subjects/orders-value',
      `GET /schemas/ids/${id}`,
      'GET /subjects/orders-value/versions/latest',
    ]);
  });

  it('answers undefined for an unknown id or subject and SCHEMA_REGISTRY when unreachable', async () => {
    const client = new SchemaRegistryClient({ url: fixture.url });
    expect(await client.getSchema(99)).toBeUndefined();
    expect(await client.latest('nope-value')).toBeUndefined();
    expect(await client.lookup('nope-value', { schema: SCHEMA, schemaType: 'AVRO' })).toBeUndefined();
    const closedUrl = fixture.url;
    await fixture.close();
    fixture = await startSchemaRegistryFixture();
    const dead = new SchemaRegistryClient({ url: closedUrl, timeoutMs: 2000 });
    await expect(dead.getSchema(1)).rejects.toMatchObject({ code: 'SCHEMA_REGISTRY', retryable: true });
  });

  it('authenticates with HTTP basic auth and reports a refusal as SCHEMA_REGISTRY, not retryable', async () => {
    const secured = await startSchemaRegistryFixture({ basicAuth: { username: 'velo', password: 's3cret' } });
    try {
      const client = new SchemaRegistryClient({ url: secured.url, auth: { username: 'velo', password: 's3cret' } });
      expect(await client.register('a-value', { schema: SCHEMA, schemaType: 'AVRO' })).toBe(1);
      const wrong = new SchemaRegistryClient({ url: secured.url, auth: { username: 'velo', password: 'nope' } });
      await expect(wrong.getSchema(1)).rejects.toMatchObject({
        code: 'SCHEMA_REGISTRY',
        retryable: false,
        message: 'the schema registry refused GET /schemas/ids/1: 401 Unauthorized',
      });
    } finally {
      await secured.close();
    }
  });
});
