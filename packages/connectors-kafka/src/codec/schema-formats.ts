import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ErrorCodes, VeloError, type Codec } from '@velots/core';
import type { ConnectorProperties } from '@velots/runtime';
import { SchemaRegistryClient, createConfluentCodec, valueSubject } from '@velots/schema-registry';
import { avroRegistryFormat, createAvroCodec, deriveAvroSchema } from '@velots/serde-avro';
import { createProtobufCodec, decimalFieldsOf, protobufRegistryFormat } from '@velots/serde-protobuf';
import { registerValueFormat, type SchemaFormatCodecFactory } from './value-format.js';

type Request = Parameters<SchemaFormatCodecFactory>[0];

/** Inline schema text (`<prefix>.schema`) or the file `<prefix>.schema.file` names (relative to the .sql file). */
function schemaText(props: ConnectorProperties, prefix: 'avro' | 'protobuf', baseDir: string): string | undefined {
  const inline = props.text(`${prefix}.schema`);
  if (inline !== undefined) return inline;
  const file = props.text(`${prefix}.schema.file`);
  if (file === undefined) return undefined;
  const path = isAbsolute(file) ? file : resolve(baseDir, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new VeloError(ErrorCodes.CONFIG, `${props.owner}: '${props.connectorName}.${prefix}.schema.file' = '${file}' cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

/** One client (and so one schema cache) per registry URL and user, shared by every connector of the process. */
const registries = new Map<string, SchemaRegistryClient>();

/** The schema registry of `schema.registry.url` (YAML `schema: {registry.url}` arrives as `registry.url`), or undefined. */
function registryOf(props: ConnectorProperties): SchemaRegistryClient | undefined {
  const url = props.text('schema.registry.url', 'registry.url');
  if (url === undefined) return undefined;
  props.text('schema.registry.auth.type', 'registry.auth.type');
  const username = props.text('schema.registry.auth.username', 'registry.auth.username', 'schema.registry.basic.auth.username');
  const password = props.text('schema.registry.auth.password', 'registry.auth.password', 'schema.registry.basic.auth.password') ?? '';
  const key = `${url}|${username ?? ''}`;
  let client = registries.get(key);
  if (!client) registries.set(key, (client = new SchemaRegistryClient({ url, ...(username !== undefined ? { auth: { username, password } } : {}) })));
  return client;
}

function subjectOf(props: ConnectorProperties, topic: string): string {
  return props.text('value.subject') ?? valueSubject(topic);
}

function missing(request: Request, what: string): VeloError {
  return new VeloError(ErrorCodes.CONFIG, `${request.props.owner}: ${what}`);
}

/**
 * `value.format = 'avro'`: with `schema.registry.url`, Confluent-framed payloads (a source reads any registered
 * writer schema into its local or latest schema; a sink registers its schema under `<topic>-value`); without,
 * bare Avro with `avro.schema[.file]`. A sink without a schema derives one from its output columns.
 */
const avroCodec: SchemaFormatCodecFactory = async (request) => {
  const { props, baseDir, topic, role, schema, connectorName } = request;
  const local = schemaText(props, 'avro', baseDir);
  const registry = registryOf(props);
  const written = local ?? (role === 'sink' && schema ? deriveAvroSchema(connectorName, schema) : undefined);
  if (registry) {
    return createConfluentCodec({ registry, subject: subjectOf(props, topic), format: avroRegistryFormat(written), mode: role === 'sink' ? 'write' : 'read' });
  }
  if (written === undefined) throw missing(request, `value format 'avro' needs 'avro.schema', 'avro.schema.file' or 'schema.registry.url'`);
  return createAvroCodec({ schema: written });
};

/**
 * `value.format = 'protobuf'`: `protobuf.schema[.file]` and `protobuf.message.type`; with `schema.registry.url`,
 * Confluent-framed payloads (message indexes included), the schema taken from the registry when none is given.
 * A `string` field whose column is DECIMAL(p,s) (declared, or a sink's output) holds the exact decimal text.
 */
const protobufCodec: SchemaFormatCodecFactory = async (request): Promise<Codec> => {
  const { props, baseDir, topic, role, schema } = request;
  const local = schemaText(props, 'protobuf', baseDir);
  const messageType = props.text('protobuf.message.type');
  // DECIMAL columns of the declared (source) or output (sink) schema travel as decimal strings.
  const decimals = schema ? decimalFieldsOf(schema.fields) : undefined;
  const registry = registryOf(props);
  if (registry) {
    if (role === 'sink' && (local === undefined || messageType === undefined)) throw missing(request, `a protobuf sink needs 'protobuf.schema' (or '.schema.file') and 'protobuf.message.type'`);
    return createConfluentCodec({ registry, subject: subjectOf(props, topic), format: protobufRegistryFormat(local, messageType, decimals), mode: role === 'sink' ? 'write' : 'read' });
  }
  if (local === undefined) throw missing(request, `value format 'protobuf' needs 'protobuf.schema' or 'protobuf.schema.file' (or 'schema.registry.url')`);
  return createProtobufCodec({ schema: local, messageType, decimals });
};

/** Registers the Avro and Protobuf value formats. */
export function registerSchemaFormats(): void {
  registerValueFormat('avro', avroCodec);
  registerValueFormat('protobuf', protobufCodec);
}
