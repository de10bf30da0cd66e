import { ErrorCodes, SqlTypes, VeloError, type SqlType, type SqlValue } from '@velots/core';
import { valueToJsonText, untypedText } from '../values/value-text.js';
import { constantString, defineFunction, invalidArgument } from './define.js';
import type { ScalarFunction, ScalarImpl } from './function-def.js';
import { compileJsonPath, followJsonPath, jsonValueText, parseJsonOrUndefined, type JsonPath } from './json-path.js';

/** JSON functions over JSON text. Invalid JSON gives NULL (JSON_EXISTS: false) rather than a record error. */

/** Parses documents, remembering the last one: several JSON_VALUE calls on one column parse it once per row. */
function lastDocumentParser(): (text: string) => unknown {
  let lastText: string | undefined;
  let lastDoc: unknown;
  return (text) => {
    if (text !== lastText) {
      lastDoc = parseJsonOrUndefined(text);
      lastText = text;
    }
    return lastDoc;
  };
}

function pathFor(fn: string, constants: readonly (SqlValue | undefined)[]): (v: SqlValue | undefined) => JsonPath {
  const compile = (p: string): JsonPath => {
    try {
      return compileJsonPath(p);
    } catch (e) {
      throw invalidArgument(fn, (e as Error).message);
    }
  };
  const constant = constantString(constants, 1);
  if (constant !== undefined) {
    const fixed = compile(constant);
    return () => fixed;
  }
  return (v) => compile(v as string);
}

/** A function (j, path) → result of what sits at the path (undefined = missing or invalid). */
function pathFunction(name: string, aliases: string[], description: string, result: SqlType, pick: (found: unknown) => SqlValue): ScalarFunction {
  return defineFunction({
    name,
    aliases,
    category: 'json',
    minArgs: 2,
    description,
    args: ['string', 'string'],
    result,
    prepare: (constants) => {
      const path = pathFor(name, constants);
      const parse = lastDocumentParser();
      const impl: ScalarImpl = (_ctx, [j, p]) => pick(followJsonPath(parse(j as string), path(p)));
      return impl;
    },
  });
}

/** Every JSON function. */
export const jsonFunctions: readonly ScalarFunction[] = [
  pathFunction(
    'JSON_VALUE',
    ['JSON_EXTRACT'],
    'JSON_VALUE(j, path) → STRING: the value at path as text (objects and arrays as JSON text); NULL when missing, JSON null or invalid JSON',
    SqlTypes.STRING,
    (v) => (v === undefined || v === null ? null : jsonValueText(v)),
  ),
  pathFunction(
    'JSON_QUERY',
    [],
    'JSON_QUERY(j, path) → STRING: the object or array at path as JSON text; NULL for a scalar, a missing path or invalid JSON',
    SqlTypes.STRING,
    (v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : null),
  ),
  pathFunction(
    'JSON_EXISTS',
    [],
    'JSON_EXISTS(j, path) → BOOLEAN: whether path leads to a value (false for invalid JSON)',
    SqlTypes.BOOLEAN,
    (v) => v !== undefined,
  ),
  defineFunction({
    name: 'JSON_OBJECT',
    category: 'json',
    minArgs: 0,
    maxArgs: Infinity,
    nulls: 'custom',
    description: "JSON_OBJECT(k, v, …) → STRING: a JSON object of the key/value pairs (NULL values become null; keys must not be NULL)",
    resolve: (types) => {
      if (types.length % 2 !== 0) {
        throw new VeloError(ErrorCodes.TYPE_MISMATCH, `JSON_OBJECT takes key/value pairs, got ${types.length} arguments`);
      }
      return { result: SqlTypes.STRING, argTypes: types.map((t, i) => (i % 2 === 0 ? SqlTypes.STRING : t)) };
    },
    prepare: (_constants, argTypes) => (_ctx, args) => {
      const parts: string[] = [];
      for (let i = 0; i < args.length; i += 2) {
        const k = args[i];
        if (k === null || k === undefined) throw invalidArgument('JSON_OBJECT', `key ${i / 2 + 1} is NULL`);
        parts.push(`${JSON.stringify(untypedText(k))}:${valueToJsonText(args[i + 1] ?? null, argTypes[i + 1])}`);
      }
      return `{${parts.join(',')}}`;
    },
  }),
  defineFunction({
    name: 'JSON_ARRAY',
    category: 'json',
    minArgs: 0,
    maxArgs: Infinity,
    nulls: 'custom',
    description: 'JSON_ARRAY(v, …) → STRING: a JSON array of the arguments (NULL becomes null)',
    args: ['any'],
    result: SqlTypes.STRING,
    prepare: (_constants, argTypes) => (_ctx, args) =>
      `[${args.map((v, i) => valueToJsonText(v, argTypes[i])).join(',')}]`,
  }),
];
