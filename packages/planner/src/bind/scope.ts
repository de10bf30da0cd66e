import { SqlTypes, type Schema, type SqlType } from '@velots/core';
import type { BoundExpr, SystemColumnName } from './bound-expr.js';

/** One column visible to expressions: its qualifier (the FROM alias or stream name), name, position and type. */
export interface ScopeColumn {
  readonly qualifiers: readonly string[];
  readonly name: string;
  readonly index: number;
  readonly type: SqlType;
}

const SYSTEM_COLUMNS: Readonly<Record<SystemColumnName, SqlType>> = {
  _timestamp: SqlTypes.BIGINT,
  _event_time: SqlTypes.BIGINT,
  _offset: SqlTypes.BIGINT,
  _partition: SqlTypes.BIGINT,
  _window_start: SqlTypes.BIGINT,
  _window_end: SqlTypes.BIGINT,
  _key: SqlTypes.STRING,
  _topic: SqlTypes.STRING,
};

/** The system column named `name` (any case), if it is one. */
export function systemColumn(name: string): { column: SystemColumnName; type: SqlType } | undefined {
  const lower = name.toLowerCase() as SystemColumnName;
  const type = SYSTEM_COLUMNS[lower];
  return type === undefined ? undefined : { column: lower, type };
}

/** The columns an expression can name: the input row's, plus earlier select aliases. */
export class Scope {
  private readonly aliases = new Map<string, BoundExpr>();

  constructor(readonly columns: readonly ScopeColumn[]) {}

  /** A scope over one input schema, reachable as `qualifier.col` for each of `qualifiers`. */
  static ofSchema(schema: Schema, qualifiers: readonly string[]): Scope {
    return new Scope(schema.fields.map((f, index) => ({ qualifiers, name: f.name, index, type: f.type })));
  }

  /** One scope over several inputs side by side (a join): input k's columns follow input k−1's. */
  static ofInputs(inputs: readonly { readonly schema: Schema; readonly qualifiers: readonly string[] }[]): Scope {
    const columns: ScopeColumn[] = [];
    for (const input of inputs) {
      const offset = columns.length;
      input.schema.fields.forEach((f, i) => columns.push({ qualifiers: input.qualifiers, name: f.name, index: offset + i, type: f.type }));
    }
    return new Scope(columns);
  }

  /** Columns named `name` (exact case first; a unique case-insensitive match otherwise), under `qualifier` when given. */
  find(name: string, qualifier: string | undefined): ScopeColumn[] {
    const candidates = qualifier === undefined ? this.columns : this.columns.filter((c) => c.qualifiers.includes(qualifier));
    const exact = candidates.filter((c) => c.name === name);
    if (exact.length > 0) return exact;
    const lower = name.toLowerCase();
    return candidates.filter((c) => c.name.toLowerCase() === lower);
  }

  /** True when some column is reachable under `qualifier`. */
  hasQualifier(qualifier: string): boolean {
    return this.columns.some((c) => c.qualifiers.includes(qualifier));
  }

  /** Makes an earlier select item's alias usable by later items, HAVING and ORDER BY. */
  defineAlias(name: string, expr: BoundExpr): void {
    if (!this.aliases.has(name)) this.aliases.set(name, expr);
  }

  alias(name: string): BoundExpr | undefined {
    return this.aliases.get(name);
  }

  /** Every name an unknown reference could have meant, for did-you-mean. */
  knownNames(): string[] {
    return [...new Set([...this.columns.map((c) => c.name), ...this.aliases.keys()])];
  }
}
