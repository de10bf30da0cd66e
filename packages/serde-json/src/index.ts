export { parseJsonExact, parseJsonObjectInto, OBJECT_FIELDS_READ, JsonSyntaxError, type JsonValue, type JsonObject } from './json/json-value-parser.js';
export {
  JsonTypeAccumulator,
  declaredJsonConverter,
  inferredJsonConverter,
  nestedFromJsonText,
  type JsonConverter,
} from './json/json-cast.js';
export { compileJsonValueEncoder, encodeJsonValue, type JsonValueEncoder, type TimestampFormat } from './json/json-encode.js';
export { compileJsonObjectEncoder, compileJsonRowEncoder, compileJsonRowWriter, type JsonRowEncoder, type JsonRowWriter } from './json/json-row-encoder.js';
export { Utf8Output, needsJsonEscape } from './output/utf8-output.js';
export { JsonCodec, parseJsonObjectPayload } from './json-codec.js';
export {
  NOT_A_VALUE,
  OVERFLOWS,
  declaredTextConverter,
  inferredTextConverter,
  type TextConverter,
} from './typing/text-cast.js';
export { ColumnKindAccumulator, isDecimalText, isIntegerText, parseI64, type TextKind } from './typing/text-kind.js';
export { parseDateFast, parseTimestampFast } from './typing/fast-temporal.js';
export { parseDateBytes, parseTimestampBytes } from './typing/fast-temporal-bytes.js';
export { decimalFromUnscaled } from './typing/decimal-values.js';
export { spanConverter, type SpanConverter } from './typing/span-cast.js';
export { decimalText, integerText } from './typing/number-text.js';
export { StringInterner, MAX_INTERNED_BYTES } from './typing/string-interner.js';
