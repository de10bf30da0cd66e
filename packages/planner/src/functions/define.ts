import { ErrorCodes, VeloError, type SqlType, type SqlValue } from '@velots/core';
import type { FunctionCategory, ResolvedSignature, ScalarFunction, ScalarImpl } from './function-def.js';
import { coerceArgs, type ArgClass } from './signature.js';

/** A function declaration: signature, NULL behaviour and body side by side. */
export interface FunctionSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly category: FunctionCategory;
  readonly minArgs: number;
  /** Defaults to minArgs; `Infinity` for variadic. */
  readonly maxArgs?: number;
  /** Defaults to 'propagate'. */
  readonly nulls?: 'propagate' | 'custom';
  /** Defaults to true. */
  readonly deterministic?: boolean;
  readonly description: string;
  /** Either argument classes and a result rule… */
  readonly args?: readonly ArgClass[];
  readonly result?: SqlType | ((argTypes: readonly SqlType[]) => SqlType);
  /** …or a full resolver (after the arity check). */
  readonly resolve?: (argTypes: readonly SqlType[]) => ResolvedSignature;
  /** The body, when it needs no constants… */
  readonly impl?: ScalarImpl;
  /** …or a builder that compiles constant arguments once. */
  readonly prepare?: (constants: readonly (SqlValue | undefined)[], argTypes: readonly SqlType[]) => ScalarImpl;
}

function arityText(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  return max === Infinity ? `at least ${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
}

/** Builds a ScalarFunction from its declaration, with the arity check every resolve starts with. */
export function defineFunction(spec: FunctionSpec): ScalarFunction {
  const maxArgs = spec.maxArgs ?? spec.minArgs;
  const resolveTypes =
    spec.resolve ??
    ((argTypes: readonly SqlType[]): ResolvedSignature => {
      const cast = coerceArgs(spec.name, argTypes, spec.args ?? ['any']);
      const result = typeof spec.result === 'function' ? spec.result(cast) : spec.result;
      if (result === undefined) throw new VeloError(ErrorCodes.INTERNAL, `${spec.name} declares no result type`);
      return { result, argTypes: cast };
    });
  const prepare = spec.prepare ?? (() => spec.impl as ScalarImpl);
  if (!spec.prepare && !spec.impl) throw new VeloError(ErrorCodes.INTERNAL, `${spec.name} has no implementation`);
  return Object.freeze({
    name: spec.name,
    aliases: spec.aliases ?? [],
    category: spec.category,
    minArgs: spec.minArgs,
    maxArgs,
    nulls: spec.nulls ?? 'propagate',
    deterministic: spec.deterministic ?? true,
    description: spec.description,
    resolve(argTypes: readonly SqlType[]): ResolvedSignature {
      if (argTypes.length < spec.minArgs || argTypes.length > maxArgs) {
        throw new VeloError(
          ErrorCodes.TYPE_MISMATCH,
          `${spec.name} takes ${arityText(spec.minArgs, maxArgs)}, got ${argTypes.length}`,
          { details: { function: spec.name, arguments: argTypes.length } },
        );
      }
      return resolveTypes(argTypes);
    },
    prepare,
  });
}

/** The record error of a function given an argument it cannot use (SQRT(-1)); the runtime routes the record to the failure strategy. */
export function invalidArgument(fn: string, message: string): VeloError {
  return new VeloError(ErrorCodes.INVALID_ARGUMENT, `${fn}: ${message}`, { details: { function: fn } });
}

/** The constant value of argument i when it is a literal string, else undefined. */
export function constantString(constants: readonly (SqlValue | undefined)[], i: number): string | undefined {
  const c = constants[i];
  return typeof c === 'string' ? c : undefined;
}
