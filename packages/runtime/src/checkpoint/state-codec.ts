import type { StateValue } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { Packr, addExtension } from 'msgpackr';

/** msgpackr extension type of a Decimal: [unscaled as number or decimal text, scale]. */
const DECIMAL_EXTENSION = 0x56;

addExtension({
  Class: Decimal,
  type: DECIMAL_EXTENSION,
  write: (value: Decimal): [number | string, number] => [typeof value.unscaled === 'bigint' ? value.unscaled.toString() : value.unscaled, value.scale],
  read: ([unscaled, scale]: [number | string, number]): Decimal => Decimal.fromUnscaled(typeof unscaled === 'string' ? BigInt(unscaled) : unscaled, scale),
});

/**
 * The checkpoint state codec: msgpackr (a well-kept MessagePack library) with record structures so objects stay
 * objects and Maps stay Maps, bigints of any size (64-bit and beyond), typed arrays, undefined, and Decimal as an
 * extension with its exact unscaled value and scale. One limit: −0 is written as 0.
 */
const packr = new Packr({ structuredClone: true, mapsAsObjects: false, int64AsType: 'bigint', useBigIntExtension: true, moreTypes: true });

/** Encodes an operator's (or a job's) checkpoint state into bytes. */
export function encodeState(value: StateValue): Uint8Array {
  return packr.pack(value);
}

/** Decodes bytes `encodeState` wrote. */
export function decodeState(bytes: Uint8Array): StateValue {
  return packr.unpack(bytes) as StateValue;
}
