import { ErrorCodes, VeloError } from '@velots/core';
import { closestNames } from '../errors.js';
import type { FunctionCatalog, ScalarFunction } from './function-def.js';
import { collectionFunctions } from './collection.js';
import { ARRAY_EXTRACT, STRUCT_EXTRACT } from './collection-access.js';
import { conditionalFunctions } from './conditional.js';
import { hashFunctions } from './hash.js';
import { headerFunctions } from './header.js';
import { jsonFunctions } from './json.js';
import { mathFunctions } from './math.js';
import { regexFunctions } from './regex.js';
import { stringFunctions } from './string.js';
import { timeFunctions } from './time.js';

/** Builds a catalog over `functions`; a name or alias used twice is an INTERNAL error. */
export function createFunctionCatalog(functions: readonly ScalarFunction[]): FunctionCatalog {
  const byName = new Map<string, ScalarFunction>();
  for (const fn of functions) {
    for (const name of [fn.name, ...fn.aliases]) {
      const key = name.toUpperCase();
      if (byName.has(key)) throw new VeloError(ErrorCodes.INTERNAL, `function name ${key} is declared twice`);
      byName.set(key, fn);
    }
  }
  const canonical = Object.freeze(functions.map((f) => f.name).sort());
  const allNames = [...byName.keys()];
  return Object.freeze({
    lookup: (name: string) => byName.get(name.toUpperCase()),
    names: () => canonical,
    suggest: (name: string) => closestNames(name.toUpperCase(), allNames).slice(0, 3),
  });
}

/** Every scalar function of the dialect (§9), by category. */
export const allScalarFunctions: readonly ScalarFunction[] = [
  ...mathFunctions,
  ...stringFunctions,
  ...regexFunctions,
  ...timeFunctions,
  ...conditionalFunctions,
  ...jsonFunctions,
  ...collectionFunctions,
  ARRAY_EXTRACT,
  STRUCT_EXTRACT,
  ...headerFunctions,
  ...hashFunctions,
];

/** The catalog of every scalar function, looked up by name or alias in any case. */
export const defaultFunctionCatalog: FunctionCatalog = createFunctionCatalog(allScalarFunctions);
