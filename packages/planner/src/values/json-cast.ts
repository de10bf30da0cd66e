import { SqlTypes, type SqlType, type SqlValue } from '@velots/core';

/**
 * CAST of JSON text to ARRAY, MAP and STRUCT. JSON scalars go through the STRING cast of their text
 * (so `1.10` keeps its digits for a DECIMAL target); a value of the wrong shape gives undefined.
 */

/** Converts one non-null value between two types; undefined when the cast is not allowed. */
export type ConverterFactory = (from: SqlType, to: SqlType) => ((v: SqlValue) => SqlValue) | undefined;

type JsonReader = (json: unknown) => SqlValue | undefined;

function readerFor(to: SqlType, converterFor: ConverterFactory): JsonReader | undefined {
  switch (to.kind) {
    case 'ARRAY': {
      const element = readerFor(to.element, converterFor);
      if (!element) return undefined;
      return (json) => {
        if (!Array.isArray(json)) return undefined;
        const out: SqlValue[] = [];
        for (const e of json) {
          const v = element(e);
          if (v === undefined) return undefined;
          out.push(v);
        }
        return out;
      };
    }
    case 'MAP': {
      const key = converterFor(SqlTypes.STRING, to.key);
      const value = readerFor(to.value, converterFor);
      if (!key || !value) return undefined;
      return (json) => {
        if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
        const out = new Map<SqlValue, SqlValue>();
        for (const [k, e] of Object.entries(json)) {
          const v = value(e);
          if (v === undefined) return undefined;
          out.set(key(k), v);
        }
        return out;
      };
    }
    case 'STRUCT': {
      const fields = to.fields.map((f) => [f.name, readerFor(f.type, converterFor)] as const);
      if (fields.some(([, r]) => !r)) return undefined;
      return (json) => {
        if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
        const out: Record<string, SqlValue> = {};
        for (const [name, read] of fields) {
          const e = (json as Record<string, unknown>)[name];
          const v = e === undefined ? null : (read as JsonReader)(e);
          if (v === undefined) return undefined;
          out[name] = v;
        }
        return out;
      };
    }
    default: {
      const fromText = converterFor(SqlTypes.STRING, to);
      const fromBoolean = converterFor(SqlTypes.BOOLEAN, to);
      if (!fromText) return undefined;
      return (json) => {
        if (json === null) return null;
        if (typeof json === 'boolean' && fromBoolean) return fromBoolean(json);
        if (typeof json === 'string') return fromText(json);
        return fromText(typeof json === 'number' ? String(json) : JSON.stringify(json));
      };
    }
  }
}

/** A converter from JSON text to a composite type, or undefined when the element types cannot be cast. */
export function jsonTextConverter(to: SqlType, converterFor: ConverterFactory): ((text: string) => SqlValue | undefined) | undefined {
  const read = readerFor(to, converterFor);
  if (!read) return undefined;
  return (text) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return undefined;
    }
    return read(json);
  };
}
