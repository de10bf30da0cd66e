import { ErrorCodes, SqlTypes, VeloError, type SqlType, type SqlValue } from '@velots/core';
import { defineFunction } from './define.js';
import type { ScalarFunction } from './function-def.js';

/**
 * Element and field accessors, which `a[i]` and `s.field` are written as: `ARRAY_EXTRACT(a, i)` (1-based; a negative
 * index counts from the end; out of range → NULL; also a MAP looked up by key) and `STRUCT_EXTRACT(s, 'field')`
 * (a STRUCT's field, or a MAP(STRING, V)'s value; the field name is a constant).
 */

/** The type of field `name` of a STRUCT (exact name first, then ignoring case). */
function fieldType(type: SqlType, name: string): { readonly name: string; readonly type: SqlType } | undefined {
  if (type.kind !== 'STRUCT') return undefined;
  return type.fields.find((f) => f.name === name) ?? type.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

function fieldName(constants: readonly (SqlValue | undefined)[]): string {
  const name = constants[1];
  if (typeof name !== 'string') throw new VeloError(ErrorCodes.TYPE_MISMATCH, 'STRUCT_EXTRACT needs its field name as a constant string');
  return name;
}

const STRUCT_EXTRACT_FN = defineFunction({
  name: 'STRUCT_EXTRACT',
  category: 'collection',
  minArgs: 2,
  description: "STRUCT_EXTRACT(s, 'field') → the field's type: a STRUCT's field (written s.field), or a MAP's value for that key",
  resolve: () => {
    throw new VeloError(ErrorCodes.TYPE_MISMATCH, 'STRUCT_EXTRACT needs its field name as a constant string');
  },
  prepare: (constants, argTypes) => {
    const wanted = fieldName(constants);
    const name = fieldType(argTypes[0] as SqlType, wanted)?.name ?? wanted;
    return (_ctx, [s]) => {
      if (s instanceof Map) return (s.get(name) ?? null) as SqlValue;
      if (typeof s !== 'object' || s === null || Array.isArray(s) || s instanceof Uint8Array) return null;
      return (s as Record<string, SqlValue>)[name] ?? null;
    };
  },
});

/** STRUCT_EXTRACT's result type is its field's, so it resolves with the constant name. */
export const STRUCT_EXTRACT: ScalarFunction = Object.freeze({
  ...STRUCT_EXTRACT_FN,
  resolveWithConstants(argTypes: readonly SqlType[], constants: readonly (SqlValue | undefined)[]) {
    const type = argTypes[0] as SqlType;
    const name = fieldName(constants);
    if (type.kind === 'NULL') return { result: SqlTypes.NULL, argTypes: [type, SqlTypes.STRING] };
    if (type.kind === 'MAP') return { result: type.value, argTypes: [type, SqlTypes.STRING] };
    const found = fieldType(type, name);
    if (found) return { result: found.type, argTypes: [type, SqlTypes.STRING] };
    const known = type.kind === 'STRUCT' ? ` (its fields: ${type.fields.map((f) => f.name).join(', ')})` : '';
    throw new VeloError(ErrorCodes.TYPE_MISMATCH, `no field '${name}' in ${type.kind}${known}`);
  },
});

export const ARRAY_EXTRACT: ScalarFunction = defineFunction({
  name: 'ARRAY_EXTRACT',
  aliases: ['LIST_EXTRACT', 'ELEMENT_AT'],
  category: 'collection',
  minArgs: 2,
  description: 'ARRAY_EXTRACT(a, i) → element type: element i of an array, 1-based (written a[i]; negative counts from the end; out of range → NULL), or a MAP value by key',
  resolve: (types) => {
    const [container, index] = types as [SqlType, SqlType];
    if (container.kind === 'ARRAY') {
      if (index.kind !== 'BIGINT' && index.kind !== 'NULL') throw new VeloError(ErrorCodes.TYPE_MISMATCH, `an array index must be BIGINT, got ${index.kind}`);
      return { result: container.element, argTypes: [container, SqlTypes.BIGINT] };
    }
    if (container.kind === 'MAP') return { result: container.value, argTypes: [container, container.key] };
    if (container.kind === 'NULL') return { result: SqlTypes.NULL, argTypes: [container, index] };
    throw new VeloError(ErrorCodes.TYPE_MISMATCH, `[…] needs an ARRAY or MAP, got ${container.kind}`);
  },
  impl: (_ctx, [container, index]) => {
    if (container instanceof Map) return (container.get(index ?? null) ?? null) as SqlValue;
    if (!Array.isArray(container)) return null;
    const list = container as readonly SqlValue[];
    const i = typeof index === 'bigint' ? Number(index) : (index as number);
    const at = i > 0 ? i - 1 : i < 0 ? list.length + i : -1;
    return at >= 0 && at < list.length ? (list[at] ?? null) : null;
  },
});
