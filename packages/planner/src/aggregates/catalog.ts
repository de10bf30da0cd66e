import { ErrorCodes, VeloError } from '@velots/core';
import type { AggregateCatalog, AggregateFunction } from './aggregate-def.js';
import { countAggregates } from './count.js';
import { arrivalOrderAggregates } from './first-last.js';
import { extremumAggregates } from './min-max.js';
import { percentileAggregates } from './percentile.js';
import { regressionAggregates } from './regression.js';
import { stringAggregates } from './string-agg.js';
import { sumAggregates } from './sum-avg.js';
import { varianceAggregates } from './variance.js';

/** Builds a catalog over `aggregates`; a name or alias used twice is an INTERNAL error. */
export function createAggregateCatalog(aggregates: readonly AggregateFunction[]): AggregateCatalog {
  const byName = new Map<string, AggregateFunction>();
  for (const fn of aggregates) {
    for (const name of [fn.name, ...fn.aliases]) {
      const key = name.toUpperCase();
      if (byName.has(key)) throw new VeloError(ErrorCodes.INTERNAL, `aggregate name ${key} is declared twice`);
      byName.set(key, fn);
    }
  }
  const canonical = Object.freeze(aggregates.map((f) => f.name).sort());
  return Object.freeze({
    lookup: (name: string) => byName.get(name.toUpperCase()),
    names: () => canonical,
  });
}

/** Every aggregate of the dialect (§9 Aggregates), by family. */
export const allAggregateFunctions: readonly AggregateFunction[] = [
  ...countAggregates,
  ...sumAggregates,
  ...extremumAggregates,
  ...varianceAggregates,
  ...percentileAggregates,
  ...arrivalOrderAggregates,
  ...stringAggregates,
  ...regressionAggregates,
];

/** The catalog of every aggregate, looked up by name or alias in any case. */
export const defaultAggregateCatalog: AggregateCatalog = createAggregateCatalog(allAggregateFunctions);
