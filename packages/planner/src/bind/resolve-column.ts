import { ErrorCodes } from '@velots/core';
import type { Span } from '@velots/sql-parser';
import { didYouMean, errorAt, type PlanningSource } from '../errors.js';
import type { BoundExpr } from './bound-expr.js';
import { systemColumn, type Scope } from './scope.js';

/** A column reference: the input's column, else a system column, else an earlier select alias; SQL_BIND with did-you-mean otherwise. */
export function resolveColumn(scope: Scope, name: string, qualifier: string | undefined, span: Span, source: PlanningSource): BoundExpr {
  const found = scope.find(name, qualifier);
  if (found.length === 1) {
    const column = found[0]!;
    return { kind: 'Column', type: column.type, index: column.index, name: column.name };
  }
  if (found.length > 1) {
    const options = found.map((c) => `${c.qualifiers[0] ?? '?'}.${c.name}`).join(' or ');
    throw errorAt(ErrorCodes.SQL_BIND, `column '${name}' is ambiguous: write ${options}`, span, source);
  }
  const system = systemColumn(name);
  if (system && (qualifier === undefined || scope.hasQualifier(qualifier))) {
    return { kind: 'SystemColumn', type: system.type, column: system.column };
  }
  if (qualifier === undefined) {
    const alias = scope.alias(name);
    if (alias) return alias;
  } else if (!scope.hasQualifier(qualifier)) {
    throw errorAt(ErrorCodes.SQL_BIND, `unknown stream or alias '${qualifier}' in '${qualifier}.${name}'`, span, source);
  }
  const shown = qualifier === undefined ? name : `${qualifier}.${name}`;
  throw errorAt(ErrorCodes.SQL_BIND, `unknown column '${shown}'${didYouMean(name, scope.knownNames())}`, span, source);
}
