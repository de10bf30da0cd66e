import { ErrorCodes, SqlTypes } from '@velots/core';
import { STRUCT_EXTRACT } from '../functions/collection-access.js';
import type { Span } from '@velots/sql-parser';
import { didYouMean, errorAt, withPosition, type PlanningSource } from '../errors.js';
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
    // `user.name` where `user` is a STRUCT (or MAP) column, not a relation: the field of that column.
    const base = scope.find(qualifier, undefined);
    if (base.length === 1 && (base[0]!.type.kind === 'STRUCT' || base[0]!.type.kind === 'MAP')) {
      const column = base[0]!;
      const input: BoundExpr = { kind: 'Column', type: column.type, index: column.index, name: column.name };
      const nameLiteral: BoundExpr = { kind: 'Literal', type: SqlTypes.STRING, value: name };
      return withPosition(span, source, () => {
        const signature = STRUCT_EXTRACT.resolveWithConstants!([column.type, SqlTypes.STRING], [undefined, name]);
        return { kind: 'Call', type: signature.result, fn: STRUCT_EXTRACT, args: [input, nameLiteral] } satisfies BoundExpr;
      }, ErrorCodes.SQL_BIND);
    }
    throw errorAt(ErrorCodes.SQL_BIND, `unknown stream or alias '${qualifier}' in '${qualifier}.${name}'`, span, source);
  }
  const shown = qualifier === undefined ? name : `${qualifier}.${name}`;
  throw errorAt(ErrorCodes.SQL_BIND, `unknown column '${shown}'${didYouMean(name, scope.knownNames())}`, span, source);
}
