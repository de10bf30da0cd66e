export {
  ErrorCodes,
  VeloError,
  describeLocation,
  formatError,
  hasErrorCode,
  isVeloError,
  positionAt,
  toVeloError,
  type ErrorCode,
  type KnownErrorCode,
  type RecordLocation,
  type TextPosition,
  type VeloErrorOptions,
} from './errors.js';
export {
  MAX_DECIMAL_PRECISION,
  SqlTypes,
  arrayType,
  decimalType,
  field,
  formatSqlType,
  isIntegralType,
  isNumericType,
  isTemporalType,
  mapType,
  simpleTypeByName,
  sqlTypeEquals,
  stringType,
  structType,
  type ArrayType,
  type BigintType,
  type BooleanType,
  type BytesType,
  type DateType,
  type DecimalType,
  type DoubleType,
  type Field,
  type IntegerType,
  type IntervalType,
  type MapType,
  type NullType,
  type SqlType,
  type SqlTypeKind,
  type StringType,
  type StructType,
  type TimestampType,
} from './types.js';
export { isDecimalValue, type DecimalValue, type RecordHeaders, type Row, type SqlValue } from './values.js';
export { Schema } from './schema.js';
export { ColumnTag, type BatchColumns, type ColumnVector, type ScaledColumn, type ValueColumn } from './batch-columns.js';
export { BatchBuilder, batchSize, createBatch, emptyBatch, type RecordBatch, type RecordMetadata } from './batch.js';
export { ManualClock, systemClock, type Clock } from './clock.js';
export {
  noopTelemetry,
  type Counter,
  type Gauge,
  type Histogram,
  type HistogramOptions,
  type MetricLabels,
  type MetricOptions,
  type Span,
  type SpanAttributeValue,
  type Telemetry,
  type TraceContext,
} from './telemetry.js';
export type { StateSnapshot, StateStore, StateStoreFactory } from './state-store.js';
export type { StateValue } from './checkpoint.js';
export type { Codec } from './codec.js';
export type {
  BadRecord,
  ConnectorContext,
  ConnectorHealth,
  UndeliveredRows,
  Sink,
  Source,
  SourceBatch,
  SourceContext,
  SourcePosition,
} from './connector.js';
export {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  civilFromDays,
  dayOfWeek,
  dayOfYear,
  daysFromCivil,
  daysInMonth,
  epochMsToDays,
  formatIsoDate,
  formatIsoTimestamp,
  isLeapYear,
  isoWeekOf,
  parseBooleanText,
  parseDateText,
  parseTimestampText,
  type CivilDate,
} from './temporal.js';
export { compileStrftime, formatStrftime } from './strftime.js';
export { compileStrftimeParser, parseStrftime } from './strftime-parser.js';
