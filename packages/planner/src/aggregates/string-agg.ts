import { SqlTypes, type SqlType, type SqlValue, type StateValue } from '@velots/core';
import { coerceArg } from '../functions/signature.js';
import type { Accumulator, AggregateFunction, ResolvedAggregate } from './aggregate-def.js';
import { defineAggregate, requireConstant } from './define.js';
import { sameAccumulator } from './same-accumulator.js';

/**
 * STRING_AGG(x, sep) = GROUP_CONCAT and LISTAGG(x, sep) = COLLECT → STRING: the non-NULL x (as text) joined
 * by the constant separator in arrival order; `,` when no separator is given, none when it is NULL (as
 * PostgreSQL); NULL when no value was joined. A merge appends the other side's text after this side's.
 */

/** The default separator, Velostream's. */
const DEFAULT_SEPARATOR = ',';

class StringAggAccumulator implements Accumulator {
  text = '';
  joined = false;

  constructor(
    private readonly name: string,
    private readonly separator: string,
  ) {}

  add(args: readonly SqlValue[]): void {
    const x = args[0] as SqlValue;
    if (x === null) return;
    // V8 concatenates into ropes, so appending is cheap and flattening happens once, when read.
    this.text = this.joined ? this.text + this.separator + (x as string) : (x as string);
    this.joined = true;
  }

  merge(other: Accumulator): void {
    const that = sameAccumulator(other, StringAggAccumulator, this.name);
    if (!that.joined) return;
    this.text = this.joined ? this.text + this.separator + that.text : that.text;
    this.joined = true;
  }

  result(): SqlValue {
    return this.joined ? this.text : null;
  }

  snapshot(): StateValue {
    return this.joined ? this.text : null;
  }

  restore(state: StateValue): void {
    this.joined = state !== null;
    this.text = state === null ? '' : (state as string);
  }
}

function stringAggregate(name: string, aliases: readonly string[]): AggregateFunction {
  return defineAggregate({
    name,
    aliases,
    minArgs: 1,
    maxArgs: 2,
    orderSensitive: true,
    description: `${name}(x[, sep]) → STRING: the non-NULL values of x joined by the constant sep (default ',') in arrival order; NULL when there are none`,
    resolve: (argTypes: readonly SqlType[]): ResolvedAggregate => ({
      result: SqlTypes.STRING,
      argTypes: argTypes.map((t, i) => coerceArg(name, i, t, 'string')),
    }),
    prepare: (constants, argTypes) => {
      let separator = DEFAULT_SEPARATOR;
      if (argTypes.length > 1) {
        const value = requireConstant(name, constants, 1, 'the separator');
        separator = value === null ? '' : String(value);
      }
      return () => new StringAggAccumulator(name, separator);
    },
  });
}

/** STRING_AGG and LISTAGG. */
export const stringAggregates: readonly AggregateFunction[] = [
  stringAggregate('STRING_AGG', ['GROUP_CONCAT']),
  stringAggregate('LISTAGG', ['COLLECT']),
];
