import { ErrorCodes, VeloError } from '@velots/core';

/**
 * JSON paths of the dialect: `$`, `$.a.b`, `$.items.0`, `$.items[0]`, `$['odd key']`. A path compiles
 * once into segments; a numeric segment indexes an array or names an object key, whichever it meets.
 */
export type JsonPath = readonly string[];

const SEGMENT = /^(?:\.([^.[\]]+)|\[(\d+)\]|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\])/;

/** Compiles a path; throws INVALID_ARGUMENT when it is not one. */
export function compileJsonPath(path: string): JsonPath {
  const text = path.trim();
  if (!text.startsWith('$')) throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `JSON path '${path}' must start with '$'`);
  const segments: string[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest);
    if (!m) throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `JSON path '${path}' is not valid near '${rest}'`);
    segments.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
    rest = rest.slice(m[0].length);
  }
  return segments;
}

/** The value at `path` inside a parsed JSON document, or undefined when the path leads nowhere. */
export function followJsonPath(doc: unknown, path: JsonPath): unknown {
  let current = doc;
  for (const segment of path) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (typeof current === 'object' && current !== null) {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** Parses JSON text, or undefined when it is not JSON. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Text of a parsed JSON value: strings as themselves, everything else as JSON. */
export function jsonValueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
