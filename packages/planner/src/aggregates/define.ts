import { ErrorCodes, VeloError, type SqlType, type SqlValue } from '@velots/core';
import type { Accumulator, AggregateFunction, ResolvedAggregate } from './aggregate-def.js';
import { DistinctAccumulator } from './distinct.js';
import type { InlineAccumulator } from './inline-accumulator.js';

/** How DISTINCT acts on an aggregate. */
export type DistinctMode =
  /** DISTINCT keeps the set of argument values seen and feeds only new ones to the accumulator. */
  | 'wrap'
  /** DISTINCT cannot change the result (MIN, MAX, APPROX_COUNT_DISTINCT): it is accepted and ignored. */
  | 'ignore'
  /** The aggregate is distinct by definition (COUNT_DISTINCT): always wrapped. */
  | 'always';

/** An aggregate declaration: signature and accumulator side by side. */
export interface AggregateSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  /** Defaults to minArgs. */
  readonly maxArgs?: number;
  /** Defaults to false. */
  readonly acceptsStar?: boolean;
  readonly description: string;
  readonly orderSensitive?: boolean;
  readonly withinGroup?: boolean;
  /** Defaults to 'wrap'. */
  readonly distinct?: DistinctMode;
  /** Picks the result and argument types (after the arity check). */
  readonly resolve: (argTypes: readonly SqlType[]) => ResolvedAggregate;
  /** Builds the plain (non-DISTINCT) accumulator factory for one call site. */
  readonly prepare: (constants: readonly (SqlValue | undefined)[], argTypes: readonly SqlType[]) => () => Accumulator;
  /** Optional: the plain accumulator as inline source for these argument types (never used with DISTINCT). */
  readonly inline?: (argTypes: readonly SqlType[]) => InlineAccumulator | undefined;
}

function arityText(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  return `${min} to ${max} arguments`;
}

/** Builds an AggregateFunction from its declaration, with the arity check and the DISTINCT handling every aggregate shares. */
export function defineAggregate(spec: AggregateSpec): AggregateFunction {
  const maxArgs = spec.maxArgs ?? spec.minArgs;
  const distinctMode = spec.distinct ?? 'wrap';
  const acceptsStar = spec.acceptsStar ?? false;
  const definition: AggregateFunction = {
    name: spec.name,
    aliases: spec.aliases ?? [],
    minArgs: spec.minArgs,
    maxArgs,
    acceptsStar,
    description: spec.description,
    ...(spec.orderSensitive === undefined ? {} : { orderSensitive: spec.orderSensitive }),
    ...(spec.withinGroup === undefined ? {} : { withinGroup: spec.withinGroup }),
    resolve(argTypes: readonly SqlType[], options: { readonly distinct: boolean }): ResolvedAggregate {
      const star = acceptsStar && argTypes.length === 0;
      if (!star && (argTypes.length < spec.minArgs || argTypes.length > maxArgs)) {
        throw new VeloError(
          ErrorCodes.TYPE_MISMATCH,
          `${spec.name} takes ${arityText(spec.minArgs, maxArgs)}, got ${argTypes.length}`,
          { details: { function: spec.name, arguments: argTypes.length } },
        );
      }
      if (star && options.distinct) {
        throw new VeloError(
          ErrorCodes.TYPE_MISMATCH,
          `${spec.name}(DISTINCT *) is not valid: name the column to count`,
          {
            details: { function: spec.name },
          },
        );
      }
      return spec.resolve(argTypes);
    },
    prepare(
      constants: readonly (SqlValue | undefined)[],
      argTypes: readonly SqlType[],
      options: { readonly distinct: boolean },
    ): () => Accumulator {
      const plain = spec.prepare(constants, argTypes);
      const wrap = distinctMode === 'always' || (distinctMode === 'wrap' && options.distinct);
      return wrap ? () => new DistinctAccumulator(plain()) : plain;
    },
    inline(argTypes: readonly SqlType[], options: { readonly distinct: boolean }): InlineAccumulator | undefined {
      const wrap = distinctMode === 'always' || (distinctMode === 'wrap' && options.distinct);
      return wrap || spec.inline === undefined ? undefined : spec.inline(argTypes);
    },
  };
  return Object.freeze(definition);
}

/** The constant value of argument i, or a TYPE_MISMATCH naming the function when the argument is not a literal. */
export function requireConstant(
  aggregate: string,
  constants: readonly (SqlValue | undefined)[],
  index: number,
  what: string,
): SqlValue {
  const value = constants[index];
  if (value === undefined) {
    throw new VeloError(ErrorCodes.TYPE_MISMATCH, `${aggregate}: argument ${index + 1} (${what}) must be a constant`, {
      details: { function: aggregate, argument: index + 1 },
    });
  }
  return value;
}
