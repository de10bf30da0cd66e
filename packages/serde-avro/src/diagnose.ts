import avro from 'avsc';
import { isVeloError, type RecordLocation, type VeloError } from '@velots/core';
import { avroDecodeError, avroEncodeError } from './errors.js';
import { avroTypeName } from './sql-types.js';

/**
 * Why `payload` does not decode as `writer`: walks the record's fields one by one to name the field and the
 * byte offset where the data ends or stops making sense. Runs only after the fast decode failed.
 */
export function diagnoseDecodeFailure(writer: avro.Type, payload: Buffer, location: RecordLocation | undefined, failure: unknown): VeloError {
  if (payload.length === 0) return avroDecodeError('the payload is empty', location, 0, undefined, failure);
  if (!(writer instanceof avro.types.RecordType)) {
    return avroDecodeError((failure as Error).message, location, 0, undefined, failure);
  }
  let offset = 0;
  for (const f of writer.fields) {
    // A logical type converts what its underlying type read, so truncation shows on the underlying type.
    const wire = f.type instanceof avro.types.LogicalType ? f.type.underlyingType : f.type;
    let next: number;
    try {
      next = wire.decode(payload, offset).offset;
    } catch (error) {
      return avroDecodeError(`field '${f.name}' (${avroTypeName(f.type)}) cannot be read: ${(error as Error).message}`, location, offset, f.name, error);
    }
    if (next < 0) {
      return avroDecodeError(`truncated: the payload (${payload.length} bytes) ends inside field '${f.name}' (${avroTypeName(f.type)})`, location, offset, f.name, failure);
    }
    offset = next;
  }
  if (offset < payload.length) {
    return avroDecodeError(`${payload.length - offset} trailing bytes after the record`, location, offset, undefined, failure);
  }
  return avroDecodeError((failure as Error).message, location, 0, undefined, failure);
}

/** Why a record does not encode as `type`: the first field whose value the schema cannot hold. */
export function diagnoseEncodeFailure(type: avro.Type, record: unknown, failure: unknown): VeloError {
  if (isVeloError(failure) && failure.code === 'SERDE_ENCODE') return failure;
  if (type instanceof avro.types.RecordType && record !== null && typeof record === 'object') {
    for (const f of type.fields) {
      const value = (record as Record<string, unknown>)[f.name];
      try {
        f.type.toBuffer(value);
      } catch (error) {
        const reason = isVeloError(error) ? error.message : `${describe(value)} is not a valid ${avroTypeName(f.type)}`;
        return avroEncodeError(f.name, reason, error);
      }
    }
  }
  return avroEncodeError('(record)', (failure as Error).message, failure);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'object') return value.constructor?.name ?? 'an object';
  return `${typeof value} ${String(value)}`;
}
