import { ErrorCodes, VeloError, describeLocation, type RecordLocation } from '@velots/core';

/** An Avro schema that cannot be parsed, mapped to SQL or resolved against another. */
export const SERDE_SCHEMA = 'SERDE_SCHEMA';

/** A payload that is not valid Avro for the writer schema: names the record, the byte offset and the field. */
export function avroDecodeError(reason: string, location: RecordLocation | undefined, byteOffset: number, fieldName?: string, cause?: unknown): VeloError {
  const at: RecordLocation = { ...location, byteOffset, ...(fieldName === undefined ? {} : { field: fieldName }) };
  return new VeloError(ErrorCodes.SERDE_DECODE, `invalid Avro record (${describeLocation(at)}): ${reason}`, { location: at, cause });
}

/** A value the Avro schema cannot hold. */
export function avroEncodeError(fieldName: string, reason: string, cause?: unknown): VeloError {
  return new VeloError(ErrorCodes.SERDE_ENCODE, `cannot encode field '${fieldName}' as Avro: ${reason}`, {
    location: { field: fieldName },
    cause,
  });
}

/** A schema problem (invalid JSON, unsupported construct, incompatible evolution). */
export function avroSchemaError(message: string, cause?: unknown): VeloError {
  return new VeloError(SERDE_SCHEMA, message, { cause });
}
