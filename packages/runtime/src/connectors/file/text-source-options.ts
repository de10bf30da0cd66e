import type { Schema } from '@velots/core';
import type { ConnectorProperties } from '../config.js';
import { CsvRecordFormat } from '../csv/csv-record-format.js';
import { JsonRecordFormat } from '../json/json-record-format.js';
import type { EventTimeOptions } from '../../time/event-time.js';
import type { RecordFormat } from './record-format.js';
import type { TextInput } from './text-input.js';
import { sourceBatching } from './source-defaults.js';

/** Options of a text record source; the file and stdin sources fill them from their properties. */
export interface TextRecordSourceOptions {
  readonly name: string;
  readonly format: RecordFormat<unknown>;
  readonly inputs: () => Promise<readonly TextInput[]>;
  readonly declaredSchema?: Schema | undefined;
  readonly skipLines?: number | undefined;
  readonly maxRecords?: number | undefined;
  readonly inferRows?: number | undefined;
  /** A live input is sampled for types only this long after its first record (`infer.timeout`). */
  readonly inferTimeoutMs?: number | undefined;
  /** The most records one batch holds (`batch.size`). */
  readonly batchSize?: number | undefined;
  /** How long a live input may hold a batch's first record waiting for more (`batch.linger`). */
  readonly lingerMs?: number | undefined;
  /** Keep polling the last input for appended data (unbounded). */
  readonly watching?: boolean | undefined;
  readonly pollingIntervalMs?: number | undefined;
  readonly eventTime?: EventTimeOptions | undefined;
}

/** The `format` values of text sources. */
export const SOURCE_FORMATS = ['csv', 'csv_no_header', 'json', 'jsonlines', 'json_lines', 'jsonl'] as const;

/**
 * Reads the format and record options shared by `file_source` and `stdin_source` from their properties
 * (dialect §3 "File source"); the caller adds the inputs.
 */
export function readTextSourceOptions(
  props: ConnectorProperties,
  name: string,
  declaredSchema: Schema | undefined,
): Omit<TextRecordSourceOptions, 'inputs'> {
  const format = props.choice('format', SOURCE_FORMATS, 'csv');
  let recordFormat: RecordFormat<unknown>;
  if (format === 'csv' || format === 'csv_no_header') {
    const delimiter = props.character('delimiter', ',');
    const quote = props.character('quote', '"');
    const hasHeaders = props.boolean(['has_headers', 'header'], format === 'csv');
    recordFormat = new CsvRecordFormat({ delimiter, quote, hasHeaders, streamName: name }) as RecordFormat<unknown>;
  } else {
    recordFormat = new JsonRecordFormat(name) as RecordFormat<unknown>;
  }
  const field = props.text('event.time.field');
  const eventFormat = props.text('event.time.format');
  return {
    name,
    format: recordFormat,
    declaredSchema,
    skipLines: props.integer('skip_lines', 0),
    maxRecords: props.integer('max_records'),
    inferRows: props.integer('infer.rows', 1000),
    ...sourceBatching(props),
    watching: props.boolean('watching', false),
    pollingIntervalMs: props.duration('polling_interval', 1000),
    eventTime: field === undefined ? undefined : { field, format: eventFormat },
  };
}
