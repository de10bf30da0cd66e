import { ErrorCodes, VeloError, describeLocation, type RecordLocation } from '@velots/core';

/** A Protobuf schema that cannot be parsed or has no such message type (the same code as serde-avro's). */
export const SERDE_SCHEMA = 'SERDE_SCHEMA';

/** A payload that is not valid Protobuf for the message type, with the byte offset where reading failed. */
export function protobufDecodeError(reason: string, location: RecordLocation | undefined, byteOffset: number | undefined, cause?: unknown): VeloError {
  const at: RecordLocation = byteOffset === undefined ? { ...location } : { ...location, byteOffset };
  const where = describeLocation(at);
  return new VeloError(ErrorCodes.SERDE_DECODE, `invalid Protobuf message${where ? ` (${where})` : ''}: ${reason}`, { location: at, cause });
}

/** A value the message type cannot hold. */
export function protobufEncodeError(fieldName: string, reason: string, cause?: unknown): VeloError {
  return new VeloError(ErrorCodes.SERDE_ENCODE, `cannot encode field '${fieldName}' as Protobuf: ${reason}`, { location: { field: fieldName }, cause });
}

/** A schema problem. */
export function protobufSchemaError(message: string, cause?: unknown): VeloError {
  return new VeloError(SERDE_SCHEMA, message, { cause });
}
