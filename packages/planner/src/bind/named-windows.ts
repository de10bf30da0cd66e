import { ErrorCodes } from '@velots/core';
import type { NamedWindow, WindowSpec } from '@velots/sql-parser';
import { errorAt, type PlanningSource } from '../errors.js';

/**
 * Resolves `OVER w` and `OVER (w …)` against the query's `WINDOW w AS (…)` list (standard SQL): the spec
 * starts from the named one, which may itself start from another. A spec may add an ORDER BY only when the
 * window it starts from has none, and a frame only when it has none; PARTITION BY comes from the first one.
 */
export function resolveWindowSpec(spec: WindowSpec, named: readonly NamedWindow[], source: PlanningSource, seen: ReadonlySet<string> = new Set()): WindowSpec {
  const baseName = spec.baseWindow;
  if (!baseName) return spec;
  const definition = named.find((w) => w.name.name === baseName.name);
  if (!definition) {
    const known = named.length > 0 ? ` (this query names ${named.map((w) => `'${w.name.name}'`).join(', ')})` : ' (name it with WINDOW w AS (…) after HAVING)';
    throw errorAt(ErrorCodes.SQL_BIND, `unknown window '${baseName.name}'${known}`, baseName.span, source);
  }
  if (seen.has(baseName.name)) throw errorAt(ErrorCodes.SQL_BIND, `window '${baseName.name}' is defined in terms of itself`, baseName.span, source);
  const base = resolveWindowSpec(definition.spec, named, source, new Set([...seen, baseName.name]));
  const clash = (what: string): Error =>
    errorAt(ErrorCodes.SQL_BIND, `window '${baseName.name}' already has ${what}: it cannot be given again where the window is used`, spec.span, source);
  if (spec.partitionBy.length > 0) throw clash('its PARTITION BY (a spec that starts from a named window inherits it)');
  if (spec.orderBy.length > 0 && base.orderBy.length > 0) throw clash('an ORDER BY');
  if (spec.frame && base.frame) throw clash('a frame');
  return {
    ...base,
    span: spec.span,
    baseWindow: undefined,
    bare: undefined,
    orderBy: spec.orderBy.length > 0 ? spec.orderBy : base.orderBy,
    frame: spec.frame ?? base.frame,
    bufferRows: spec.bufferRows ?? base.bufferRows,
    emitMode: spec.emitMode ?? base.emitMode,
    expire: spec.expire ?? base.expire,
  };
}
