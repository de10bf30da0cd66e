/** Resolution of written type names (with parameters) to core's SqlType (§8). */
import { arrayType, decimalType, field, mapType, simpleTypeByName, stringType, structType, MAX_DECIMAL_PRECISION, type SqlType } from '@velots/core';

/** DECIMAL / NUMERIC written without parameters, and SCALED_INTEGER: VS's ScaledInteger has scale 4. */
export const DEFAULT_DECIMAL_PRECISION = MAX_DECIMAL_PRECISION;
export const DEFAULT_DECIMAL_SCALE = 4;

export interface TypeParts {
  readonly name: string;
  readonly params: readonly number[];
  readonly elements: readonly SqlType[];
  readonly fields: readonly { readonly name: string; readonly type: SqlType }[];
  readonly hasParens: boolean;
}

/** The SqlType for a written type, or an error message naming what is wrong. */
export function resolveTypeName(parts: TypeParts): SqlType | string {
  const { name, params, elements, fields } = parts;
  const noArgs = params.length === 0 && elements.length === 0 && fields.length === 0;
  switch (name) {
    case 'DECIMAL':
    case 'NUMERIC': {
      if (elements.length > 0 || fields.length > 0 || params.length > 2) return `${name} takes (precision[, scale])`;
      if (params.length === 0) return decimalType(DEFAULT_DECIMAL_PRECISION, DEFAULT_DECIMAL_SCALE);
      const [precision = 0, scale = 0] = params;
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION) return `${name} precision must be 1..${MAX_DECIMAL_PRECISION}, got ${precision}`;
      if (scale > precision) return `${name} scale must be 0..${precision}, got ${scale}`;
      return decimalType(precision, scale);
    }
    case 'SCALED_INTEGER':
      return noArgs ? decimalType(DEFAULT_DECIMAL_PRECISION, DEFAULT_DECIMAL_SCALE) : 'SCALED_INTEGER takes no parameters';
    case 'VARCHAR':
    case 'CHAR':
      if (elements.length > 0 || fields.length > 0 || params.length > 1) return `${name} takes (length)`;
      return params[0] === undefined ? stringType() : stringType(params[0]);
    case 'ARRAY':
      return elements.length === 1 && params.length === 0 && fields.length === 0 && elements[0]
        ? arrayType(elements[0])
        : 'ARRAY takes one element type: ARRAY(T)';
    case 'MAP':
      return elements.length === 2 && params.length === 0 && fields.length === 0 && elements[0] && elements[1]
        ? mapType(elements[0], elements[1])
        : 'MAP takes a key and a value type: MAP(K, V)';
    case 'STRUCT':
      if (fields.length === 0 || params.length > 0 || elements.length > 0) return 'STRUCT takes fields: STRUCT(name T, …)';
      if (new Set(fields.map((f) => f.name)).size !== fields.length) return 'STRUCT has two fields with the same name';
      return structType(fields.map((f) => field(f.name, f.type)));
    default: {
      const simple = simpleTypeByName(name);
      if (simple === undefined) return `unknown type '${name}'`;
      if (!noArgs || parts.hasParens) return `${name} takes no parameters`;
      return simple;
    }
  }
}
