import { ErrorCodes, VeloError, type Codec, type Schema } from '@velots/core';
import type { ConnectorProperties } from '@velots/runtime';
import { JsonCodec } from '@velots/serde-json';
import { BytesMessageCodec, StringMessageCodec } from './raw-message-codec.js';

/** The value formats of dialect §3 (`value.format` / `value.serializer` / `format`). */
export type ValueFormat = 'json' | 'avro' | 'protobuf' | 'bytes' | 'string';

const ALIASES: Readonly<Record<string, ValueFormat>> = {
  json: 'json',
  avro: 'avro',
  protobuf: 'protobuf',
  proto: 'protobuf',
  bytes: 'bytes',
  raw: 'bytes',
  string: 'string',
  text: 'string',
};

/** The configured value format (default json); CONFIG naming the key on anything else. */
export function readValueFormat(props: ConnectorProperties): ValueFormat {
  const keys = ['value.format', 'value.serializer', 'format'];
  const text = props.text(...keys);
  if (text === undefined) return 'json';
  const format = ALIASES[text.trim().toLowerCase()];
  if (format === undefined) {
    const key = keys.find((k) => props.text(k) === text) ?? 'value.format';
    throw new VeloError(ErrorCodes.CONFIG, `${props.owner}: '${props.connectorName}.${key}' must be json, avro, protobuf, bytes or string (got '${text}')`);
  }
  return format;
}

/**
 * Creates the codec of a schema-carrying format (Avro, Protobuf) from the connector's properties. The apps
 * plug these in from the serde packages, so this package decides nothing about their wire formats.
 */
export type SchemaFormatCodecFactory = (request: {
  readonly role: 'source' | 'sink';
  readonly props: ConnectorProperties;
  readonly baseDir: string;
  readonly topic: string;
  readonly connectorName: string;
  /** A sink's output schema, or a source's declared schema. */
  readonly schema: Schema | undefined;
}) => Codec | Promise<Codec>;

const schemaFormats = new Map<ValueFormat, SchemaFormatCodecFactory>();

/** Registers the codec factory of `avro` or `protobuf`. */
export function registerValueFormat(format: 'avro' | 'protobuf', factory: SchemaFormatCodecFactory): void {
  schemaFormats.set(format, factory);
}

/** The factory of a schema-carrying format, or NOT_SUPPORTED naming what is missing. */
export function schemaFormatFactory(format: ValueFormat, owner: string): SchemaFormatCodecFactory {
  const factory = schemaFormats.get(format);
  if (!factory) throw new VeloError(ErrorCodes.NOT_SUPPORTED, `${owner}: value format '${format}' has no codec registered (registerValueFormat('${format}', …))`);
  return factory;
}

/** The codec of a built-in format for a sink's output schema. */
export function builtInSinkCodec(format: 'json' | 'bytes' | 'string', schema: Schema): Codec {
  if (format === 'json') return JsonCodec.declared(schema);
  return format === 'bytes' ? new BytesMessageCodec() : new StringMessageCodec();
}
