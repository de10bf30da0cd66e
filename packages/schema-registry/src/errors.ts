import { ErrorCodes, VeloError, describeLocation, type RecordLocation } from '@velots/core';

/** The schema registry answered with an error, or could not be reached. */
export const SCHEMA_REGISTRY = 'SCHEMA_REGISTRY';

/** A payload whose Confluent framing is wrong, or whose schema id the registry does not know. */
export function frameDecodeError(reason: string, location: RecordLocation | undefined, byteOffset: number, cause?: unknown): VeloError {
  const at: RecordLocation = { ...location, byteOffset };
  return new VeloError(ErrorCodes.SERDE_DECODE, `invalid Confluent-framed record (${describeLocation(at)}): ${reason}`, { location: at, cause });
}

/** A registry request that failed; retryable when the registry was unreachable or answered 5xx. */
export function registryError(message: string, retryable: boolean, details?: Readonly<Record<string, unknown>>, cause?: unknown): VeloError {
  return new VeloError(SCHEMA_REGISTRY, message, { retryable, details, cause });
}
