import type { DecimalValue } from './values.js';

/**
 * A value an operator's checkpoint snapshot may hold. The runtime's checkpoint codec encodes every one of
 * these exactly (bigints of any size, decimals with their scale, Maps with any keys, typed arrays), so an
 * operator can snapshot its live structures without converting numbers to text.
 */
export type StateValue =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | Float64Array
  | Int32Array
  | DecimalValue
  | readonly StateValue[]
  | ReadonlyMap<StateValue, StateValue>
  | { readonly [field: string]: StateValue };
