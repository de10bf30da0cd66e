import { ErrorCodes, VeloError } from '@velots/core';
import type { Accumulator } from './aggregate-def.js';

/**
 * `other` as the same accumulator class as the one merging it; merging accumulators of two different
 * aggregates is a planner bug, reported as INTERNAL naming the aggregate.
 */
export function sameAccumulator<T extends Accumulator>(
  other: Accumulator,
  kind: abstract new (...args: never[]) => T,
  aggregate: string,
): T {
  if (other instanceof kind) return other;
  throw new VeloError(
    ErrorCodes.INTERNAL,
    `${aggregate}: cannot merge a ${other.constructor.name} into a ${kind.name}`,
  );
}
