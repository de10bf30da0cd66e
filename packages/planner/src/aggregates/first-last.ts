import type { SqlType, SqlValue, StateValue } from '@velots/core';
import type { Accumulator, AggregateFunction, ResolvedAggregate } from './aggregate-def.js';
import { defineAggregate } from './define.js';
import { sameAccumulator } from './same-accumulator.js';

/**
 * FIRST_VALUE = FIRST and LAST_VALUE = LAST, by arrival order, as DuckDB's `first` and `last`: a NULL
 * is a value like any other, so FIRST of (NULL, 1) is NULL. A merge takes the other side's rows as
 * arriving after this side's.
 */

/** The one value FIRST_VALUE and LAST_VALUE hold, and whether any row arrived; the snapshot is `[seen, value]`. */
abstract class ArrivalValueAccumulator implements Accumulator {
  seen = false;
  value: SqlValue = null;

  abstract add(args: readonly SqlValue[]): void;
  abstract merge(other: Accumulator): void;

  result(): SqlValue {
    return this.value;
  }

  snapshot(): StateValue {
    return [this.seen, this.value];
  }

  restore(state: StateValue): void {
    [this.seen, this.value] = state as readonly [boolean, SqlValue];
  }
}

class FirstAccumulator extends ArrivalValueAccumulator {
  add(args: readonly SqlValue[]): void {
    if (this.seen) return;
    this.seen = true;
    this.value = args[0] as SqlValue;
  }

  merge(other: Accumulator): void {
    const that = sameAccumulator(other, FirstAccumulator, 'FIRST_VALUE');
    if (this.seen || !that.seen) return;
    this.seen = true;
    this.value = that.value;
  }
}

class LastAccumulator extends ArrivalValueAccumulator {
  add(args: readonly SqlValue[]): void {
    this.seen = true;
    this.value = args[0] as SqlValue;
  }

  merge(other: Accumulator): void {
    const that = sameAccumulator(other, LastAccumulator, 'LAST_VALUE');
    if (!that.seen) return;
    this.seen = true;
    this.value = that.value;
  }
}

const sameType = (argTypes: readonly SqlType[]): ResolvedAggregate => ({
  result: argTypes[0] as SqlType,
  argTypes: [argTypes[0] as SqlType],
});

/** FIRST_VALUE and LAST_VALUE. */
export const arrivalOrderAggregates: readonly AggregateFunction[] = [
  defineAggregate({
    name: 'FIRST_VALUE',
    aliases: ['FIRST'],
    minArgs: 1,
    orderSensitive: true,
    description: 'FIRST_VALUE(x) → type of x: x of the first row to arrive, NULL included (as DuckDB first)',
    resolve: sameType,
    prepare: () => () => new FirstAccumulator(),
  }),
  defineAggregate({
    name: 'LAST_VALUE',
    aliases: ['LAST'],
    minArgs: 1,
    orderSensitive: true,
    description: 'LAST_VALUE(x) → type of x: x of the last row to arrive, NULL included (as DuckDB last)',
    resolve: sameType,
    prepare: () => () => new LastAccumulator(),
  }),
];
