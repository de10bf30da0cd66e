import {
  ErrorCodes,
  VeloError,
  compileStrftimeParser,
  isDecimalValue,
  parseTimestampText,
  type Row,
  type Schema,
  type SqlValue,
} from '@velots/core';

/** `event.time.field` / `event.time.format` of a source. */
export interface EventTimeOptions {
  readonly field: string;
  /** `epoch_millis` | `epoch_seconds` (= `epoch`) | `iso8601` | a strftime pattern; absent: by the value's type. */
  readonly format?: string | undefined;
}

/** Reads a row's event time (epoch ms); throws VeloError CAST_FAILED naming the field when it is missing or unparsable. */
export type EventTimeExtractor = (row: Row) => number;

/**
 * Compiles the event-time reader of a source once: the field's index is fixed and the format decides
 * the conversion. Without a format an integer is epoch ms, a TIMESTAMP is itself and a string is ISO-8601.
 * Throws CONFIG when the field is not in the schema or the format is unknown.
 */
export function createEventTimeExtractor(schema: Schema, options: EventTimeOptions): EventTimeExtractor {
  const index = schema.indexOf(options.field);
  if (index === -1) {
    throw new VeloError(ErrorCodes.CONFIG, `event.time.field '${options.field}' is not a column (columns: ${schema.names.join(', ')})`);
  }
  const convert = typedConverter(schema.fields[index]!.type.kind) ?? converterFor(options.format);
  const name = options.field;
  return (row) => {
    const value = row[index] ?? null;
    const ms = value === null ? undefined : convert(value);
    if (ms === undefined || !Number.isFinite(ms)) {
      const shown = value === null ? 'NULL' : `'${textOf(value)}'`;
      throw new VeloError(
        ErrorCodes.CAST_FAILED,
        `event time field '${name}' ${value === null ? 'is NULL' : `value ${shown} is not a valid ${options.format ?? 'event time'}`}`,
        { location: { field: name } },
      );
    }
    return ms;
  };
}

const MS_PER_DAY = 86_400_000;

/**
 * A column the source already typed as TIMESTAMP (epoch ms) or DATE (days) is event time as it stands:
 * `event.time.format` describes the text it was read from (a CSV column of ISO date-times is inferred as
 * TIMESTAMP), so it must not be parsed a second time. A value still held as text is parsed per the format.
 */
function typedConverter(kind: string): ((value: SqlValue) => number | undefined) | undefined {
  if (kind === 'TIMESTAMP') return (v) => (typeof v === 'number' ? v : typeof v === 'string' ? parseTimestampText(v) : undefined);
  if (kind === 'DATE') return (v) => (typeof v === 'number' ? v * MS_PER_DAY : typeof v === 'string' ? parseTimestampText(v) : undefined);
  return undefined;
}

function textOf(value: SqlValue): string {
  return typeof value === 'object' && value !== null && !isDecimalValue(value) ? JSON.stringify(value) : String(value);
}

function converterFor(format: string | undefined): (value: SqlValue) => number | undefined {
  if (format === undefined || format.trim() === '') {
    return (v) => (typeof v === 'string' ? parseTimestampText(v) : numberOf(v));
  }
  switch (format.toLowerCase()) {
    case 'epoch_millis':
    case 'epoch_ms':
    case 'millis':
      return (v) => numberOf(v);
    case 'epoch_seconds':
    case 'epoch':
    case 'seconds': {
      return (v) => {
        const s = numberOf(v);
        return s === undefined ? undefined : Math.round(s * 1000);
      };
    }
    case 'iso8601':
    case 'iso':
      return (v) => (typeof v === 'string' ? parseTimestampText(v) : undefined);
    default: {
      if (!format.includes('%')) {
        throw new VeloError(ErrorCodes.CONFIG, `event.time.format '${format}' is not epoch_millis, epoch_seconds, iso8601 or a strftime pattern`);
      }
      const parse = compileStrftimeParser(format);
      return (v) => (typeof v === 'string' ? parse(v.trim()) : undefined);
    }
  }
}

/** A number from an integer, decimal or numeric text; undefined otherwise. */
function numberOf(value: SqlValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (isDecimalValue(value)) return Number(value.toString());
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}
